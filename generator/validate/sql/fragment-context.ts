/**
 * Checks a LookML SQL fragment in the statement Looker will place it in, and reports positions
 * inside the ORIGINAL fragment.
 *
 * Pipeline per fragment:
 *   1. lookml-template.ts renders `${…}` and Liquid into neutral SQL (one variant per Liquid
 *      branch), with an offset map back to the fragment;
 *   2. the variant is wrapped in a minimal statement for its kind (WRAPPERS below);
 *   3. checkTrinoSql (or checkHiveDdl for Athena's Hive DDL) runs on the wrapped text, and
 *      unknownFunctions on the variant;
 *   4. fragment lints catch what a wrapper can hide: unbalanced parentheses, a top-level comma
 *      or `;` in an expression, a trailing `--` comment that would swallow the SQL Looker appends;
 *   5. every position is mapped wrapper → variant → original line/column.
 */
import { unknownFunctions } from './functions.js';
import { checkHiveDdl, isHiveDdl } from './hive-ddl.js';
import { sortAndDedupe, type SqlSyntaxIssue } from './issue.js';
import { renderNeutral, type MappedText } from './lookml-template.js';
import { LineIndex, scanSql } from './tokenize.js';
import { checkTrinoSql } from './trino-grammar.js';

/**
 * Where a fragment goes:
 * - `dimension`: a scalar expression in the SELECT list;
 * - `measure`: an aggregate expression in a grouped SELECT;
 * - `filter`, `sql_always_where`: a boolean expression in WHERE;
 * - `sql_on`: a boolean expression in `JOIN … ON`;
 * - `derived_table`: a full query used as `FROM (<sql>) AS t`;
 * - `statement`: a full statement as is (SELECT/WITH, CTAS, INSERT INTO … SELECT, or Athena's
 *   Hive DDL: CREATE EXTERNAL TABLE, ALTER TABLE … ADD PARTITION, MSCK REPAIR TABLE).
 */
export type FragmentKind = 'dimension' | 'measure' | 'filter' | 'sql_always_where' | 'sql_on' | 'derived_table' | 'statement';

export interface SqlFragment {
  readonly kind: FragmentKind;
  readonly sql: string;
}

interface Wrapper {
  readonly prefix: string;
  readonly suffix: string;
  /** The fragment is one expression: a top-level ',' or ';' is an error. */
  readonly expression: boolean;
}

// The suffix stays on the fragment's last line, as in Looker's SQL, so a trailing `--` comment
// breaks the check exactly as it would break the real query.
const FROM = 'FROM lkml_source AS lkml_table';
export const WRAPPERS: Readonly<Record<Exclude<FragmentKind, 'statement'>, Wrapper>> = {
  dimension: { prefix: 'SELECT ', suffix: ` AS lkml_value ${FROM}`, expression: true },
  measure: { prefix: 'SELECT lkml_group, ', suffix: ` AS lkml_value ${FROM} GROUP BY 1`, expression: true },
  filter: { prefix: `SELECT 1 ${FROM} WHERE (`, suffix: ')', expression: true },
  sql_always_where: { prefix: `SELECT 1 ${FROM} WHERE (`, suffix: ')', expression: true },
  sql_on: { prefix: `SELECT 1 ${FROM} LEFT JOIN lkml_joined AS lkml_joined ON (`, suffix: ')', expression: true },
  derived_table: { prefix: 'SELECT * FROM (', suffix: ') AS lkml_derived', expression: false },
};

/** An issue positioned by offset in some text, before conversion to line/column. */
interface OffsetIssue {
  readonly offset: number;
  readonly message: string;
  readonly rule: SqlSyntaxIssue['rule'];
}

/** Converts issues on `text` (line/column) to offsets. */
function toOffsets(text: string, issues: readonly SqlSyntaxIssue[]): OffsetIssue[] {
  const index = new LineIndex(text);
  return issues.map((i) => ({ offset: index.offset(i.line, i.column), message: i.message, rule: i.rule }));
}

/** Offset just past the last non-blank character: where "at the end" issues point. */
function trimmedEnd(text: string): number {
  return text.trimEnd().length;
}

/**
 * Maps an offset in the neutral variant to the original fragment. Offsets at or past the
 * variant's end (errors in the wrapper's suffix, "statement is incomplete") point just after the
 * fragment's last non-blank character.
 */
function variantToOriginal(variant: MappedText, offset: number, original: string): number {
  if (offset >= trimmedEnd(variant.text)) return trimmedEnd(original);
  return Math.min(variant.toOriginal(Math.max(0, offset)), trimmedEnd(original));
}

/** Fragment-only lints on a variant: parenthesis balance, top-level ',' / ';', trailing line comment. */
export function fragmentLints(sql: string, expression: boolean): OffsetIssue[] {
  const { tokens, comments } = scanSql(sql);
  const issues: OffsetIssue[] = [];
  const open: number[] = [];
  for (const t of tokens) {
    if (t.text === '(' || t.text === '[') open.push(t.offset);
    else if (t.text === ')' || t.text === ']') {
      if (open.pop() === undefined) issues.push({ offset: t.offset, message: `unbalanced '${t.text}': nothing to close`, rule: 'fragment' });
    } else if (expression && open.length === 0 && (t.text === ',' || t.text === ';')) {
      issues.push({ offset: t.offset, message: `top-level '${t.text}': an expression fragment must be a single expression`, rule: 'fragment' });
    } else if (!expression && t.text === ';') {
      issues.push({ offset: t.offset, message: "';' ends the statement Looker builds around this fragment", rule: 'fragment' });
    }
  }
  for (const offset of open) issues.push({ offset, message: 'unbalanced bracket: never closed', rule: 'fragment' });
  const lastComment = comments[comments.length - 1];
  if (lastComment?.kind === 'line' && sql.slice(lastComment.end).trim() === '') {
    issues.push({
      offset: lastComment.offset,
      message: 'the fragment ends with a -- comment, which would comment out the SQL Looker appends after it; use /* */',
      rule: 'fragment',
    });
  }
  return issues;
}

/** All issues of one neutral variant, as offsets into that variant. */
function checkVariant(kind: FragmentKind, variant: string): OffsetIssue[] {
  if (kind === 'statement') {
    if (isHiveDdl(variant)) return toOffsets(variant, checkHiveDdl(variant));
    return [...toOffsets(variant, checkTrinoSql(variant)), ...functionIssues(variant)];
  }
  const wrapper = WRAPPERS[kind];
  const wrapped = wrapper.prefix + variant + wrapper.suffix;
  const grammar = toOffsets(wrapped, checkTrinoSql(wrapped)).map((i) => ({ ...i, offset: i.offset - wrapper.prefix.length }));
  // Lints first: at a shared position their message is the more specific one and survives dedupe.
  return [...fragmentLints(variant, wrapper.expression), ...functionIssues(variant), ...grammar];
}

function functionIssues(sql: string): OffsetIssue[] {
  const index = new LineIndex(sql);
  return unknownFunctions(sql).map((f) => ({
    offset: index.offset(f.line, f.column),
    message: `unknown function ${f.name}()${f.suggestion === undefined ? '' : `; did you mean ${f.suggestion}?`}`,
    rule: 'unknown-function' as const,
  }));
}

/**
 * Checks a LookML SQL fragment in its Looker context. Returns issues positioned in the original
 * fragment (1-based), sorted, at most one per position; [] when the fragment is acceptable.
 */
export function checkFragment(fragment: SqlFragment): SqlSyntaxIssue[] {
  const original = fragment.sql;
  const index = new LineIndex(original);
  const at = (offset: number, message: string, rule: SqlSyntaxIssue['rule']): SqlSyntaxIssue => ({
    ...index.position(offset),
    message,
    rule,
  });
  const rendered = renderNeutral(original);
  const issues: SqlSyntaxIssue[] = rendered.problems.map((p) => at(p.offset, `Liquid/LookML: ${p.message}`, 'fragment'));
  for (const variant of rendered.variants) {
    for (const issue of checkVariant(fragment.kind, variant.text)) {
      issues.push(at(variantToOriginal(variant, issue.offset, original), issue.message, issue.rule));
    }
  }
  return sortAndDedupe(issues);
}
