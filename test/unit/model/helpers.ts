/** Shared helpers for the model tests: compile the block, list its fields and SQL fragments. */
import { compileBlock, type CompileResult } from '../../../generator/compile.js';
import type { FieldIR, ViewIR } from '../../../generator/ir/project-ir.js';
import { sqlToLookml } from '../../../generator/vocabulary/sql.js';
import { sqlFragments } from '../../../generator/validate/rules/structure.js';
import type { FragmentKind } from '../../../generator/validate/sql/fragment-context.js';
import { cloudtrailBlock, type CloudtrailBlockOptions } from '../../../model/index.js';

export async function compiled(options: CloudtrailBlockOptions = {}): Promise<CompileResult> {
  return compileBlock(cloudtrailBlock(options));
}

export function view(result: CompileResult, name: string): ViewIR {
  const v = result.ir.views.find((x) => x.name === name);
  if (!v) throw new Error(`no view ${name}`);
  return v;
}

export function fieldsOf(result: CompileResult, kind: FieldIR['kind']): FieldIR[] {
  return result.ir.views.flatMap((v) => v.fields.filter((f) => f.kind === kind));
}

/** Every SQL fragment of the project with the context Looker places it in. */
export function fragments(result: CompileResult): { where: string; kind: FragmentKind; sql: string }[] {
  return [...sqlFragments(result.ir)].map((f) => {
    let kind: FragmentKind;
    if (f.param === 'derived_table.sql') kind = 'derived_table';
    else if (f.param === 'sql_always_where') kind = 'sql_always_where';
    else if (f.param === 'sql_on') kind = 'sql_on';
    else if (f.field?.kind === 'measure') kind = f.field.type === 'number' ? 'dimension' : 'measure';
    else kind = 'dimension';
    return { where: `${f.where} ${f.param}`, kind, sql: sqlToLookml(f.sql) };
  });
}

/** All text of the generated files, joined. */
export function allText(result: CompileResult): string {
  return (result.files ?? []).map((f) => `== ${f.path}\n${f.content}`).join('\n');
}

/** The `sql` of a field that has one. */
export function sqlOfField(f: FieldIR | undefined): import('../../../generator/vocabulary/sql.js').Sql {
  if (f && 'sql' in f && f.sql) return f.sql;
  throw new Error(`field ${f?.name ?? '(missing)'} has no sql`);
}
