/**
 * Checks that need no engine, beyond the core semantic rules: every SQL fragment in the context
 * Looker places it, checked against the Trino grammar and the Athena function list, and the
 * Athena DDL and scripts. (Loaded lazily: the grammar is a large module.)
 */
import type { ProjectIR } from '../ir/project-ir.js';
import { sqlToLookml } from '../vocabulary/sql.js';
import { substituteConstants } from '../query/resolve-sql.js';
import { createTableSql } from '../render/render-athena.js';
import { sqlBlockProblem } from '../render/escape.js';
import type { Diagnostic } from './diagnostics.js';
import { sqlFragments } from './rules/structure.js';
import type { FragmentKind } from './sql/fragment-context.js';
import { lintProject } from './lint/lint-project.js';

/**
 * Lint (warnings unless a rule says otherwise) and the SQL grammar gate (errors). Safe on a
 * project the core rules rejected, so `validate` reports every finding in one run.
 */
export async function staticChecks(project: ProjectIR): Promise<Diagnostic[]> {
  return [...lintProject(project), ...(await grammarChecks(project))];
}

function fragmentKind(param: string, fieldKind: string | undefined): FragmentKind {
  if (param === 'sql_on') return 'sql_on';
  if (param === 'sql_always_where') return 'sql_always_where';
  if (param === 'derived_table.sql') return 'derived_table';
  if (fieldKind === 'measure') return 'measure';
  if (fieldKind === 'filter') return 'filter';
  return 'dimension';
}

export async function grammarChecks(project: ProjectIR): Promise<Diagnostic[]> {
  const { checkFragment } = await import('./sql/index.js');
  const constants = Object.fromEntries(Object.entries(project.manifest.constants).map(([k, c]) => [k, c.value]));
  const out: Diagnostic[] = [];
  for (const frag of sqlFragments(project)) {
    const text = withConstants(sqlToLookml(frag.sql), constants, frag.where);
    // An unknown @{CONSTANT} (unknown-constant) or a `;` (sql-terminator) is already a core finding;
    // the grammar would only repeat it less clearly.
    if (text === undefined || sqlBlockProblem(text) !== undefined) continue;
    for (const issue of checkFragment({ kind: fragmentKind(frag.param, frag.field?.kind), sql: text })) {
      out.push({
        rule: issue.rule === 'unknown-function' ? 'unknown-function' : 'sql-grammar',
        severity: 'error',
        where: frag.where,
        message: `${frag.param} line ${issue.line}:${issue.column}: ${issue.message}`,
        file: frag.file,
        ...(frag.origin ? { origin: frag.origin } : {}),
        hint: issue.rule === 'unknown-function' ? 'use an Athena (Trino) function' : 'fix the SQL so Athena can parse it',
      });
    }
  }
  for (const file of project.athena) {
    const statements = file.kind === 'create-table' ? [stripTerminator(createTableSql(file))] : file.statements;
    statements.forEach((statement, i) => {
      for (const issue of checkFragment({ kind: 'statement', sql: statement })) {
        out.push({
          rule: 'sql-grammar', severity: 'error', where: `athena/${file.name}.sql${statements.length > 1 ? ` statement ${i + 1}` : ''}`,
          message: `line ${issue.line}:${issue.column}: ${issue.message}`, file: `athena/${file.name}.sql`,
        });
      }
    });
  }
  return out;
}

function withConstants(text: string, constants: Readonly<Record<string, string>>, where: string): string | undefined {
  try {
    return substituteConstants(text, constants, where);
  } catch {
    return undefined;
  }
}

/** The DDL file ends with a `;` line for the console; the checker takes one statement. */
function stripTerminator(text: string): string {
  return text.replace(/;\s*$/, '');
}
