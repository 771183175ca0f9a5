import type { FilterASTNode } from '@looker/filter-expressions';
import { unsupported, type FilterContext } from './errors.js';
import { combineLooker, isPositive, listTerms, parseOrThrow } from './parse.js';
import { and, negateKeepingNulls, operand, or } from './sql-text.js';

const COMPARISONS = new Set(['>', '<', '>=', '<=']);

/**
 * Matches `<a OR >b` / `>a OR <b` (optionally with `=`). @looker/filter-expressions 1.0.4 parses
 * these into a negated `between` whose open/closed bounds are inverted (`<5 OR >10` becomes
 * NOT (5,10), which wrongly drops 5 and 10), and the AST cannot tell them apart from `NOT (5,10)`.
 */
const OR_COMPARISON = /[<>]=?\s*[-+.\d][^,]*\bOR\b\s*[<>]/i;

/** Looker number filter → Trino predicate. */
export function numberFilterToSql(ctx: FilterContext, fieldSql: string): string {
  if (/^\s*-\s*NULL\s*$/i.test(ctx.expression)) {
    throw unsupported(ctx, 'Looker number filters take "NOT NULL", not "-NULL"');
  }
  if (OR_COMPARISON.test(ctx.expression)) {
    throw unsupported(ctx, 'the "<a OR >b" form is mis-parsed by @looker/filter-expressions; write "<a,>b" or "NOT [a,b]"');
  }
  const ast = parseOrThrow('number', ctx);
  const field = operand(fieldSql);
  const terms = listTerms(ast);
  if (terms.length === 1 && isAnyValue(terms[0]!)) return 'TRUE';
  const translated = terms.map((term) => ({ positive: isPositive(term), sql: numberTermToSql(ctx, term, field) }));
  return combineLooker(translated, and, or);
}

/** The empty expression parses to `=` with no values: Looker applies no filter. */
function isAnyValue(node: FilterASTNode): boolean {
  return node.type === '=' && Array.isArray(node['value']) && node['value'].length === 0;
}

function numberTermToSql(ctx: FilterContext, node: FilterASTNode, field: string): string {
  const positive = isPositive(node);
  const type = String(node.type);
  if (type === 'null') return positive ? `${field} IS NULL` : `${field} IS NOT NULL`;
  if (type === '=') return equalityToSql(ctx, node, positive, field);
  if (COMPARISONS.has(type)) {
    const predicate = `${field} ${type} ${singleValue(ctx, node)}`;
    return positive ? predicate : negateKeepingNulls(predicate, field);
  }
  if (type === 'between') {
    const predicate = betweenToSql(ctx, node, field);
    return positive ? `(${predicate})` : negateKeepingNulls(predicate, field);
  }
  throw unsupported(ctx, `number filter node type "${type}" is not supported`);
}

/** `5` → `= 5`, `1,3,5` → `IN (…)`; `NOT …` keeps NULL rows, as Looker's "is not equal to" does. */
function equalityToSql(ctx: FilterContext, node: FilterASTNode, positive: boolean, field: string): string {
  const values = valuesOf(ctx, node).map((v) => numberLiteral(ctx, v));
  if (values.length === 1) {
    return positive ? `${field} = ${values[0]}` : `(${field} <> ${values[0]} OR ${field} IS NULL)`;
  }
  const list = values.join(', ');
  return positive ? `${field} IN (${list})` : `(${field} NOT IN (${list}) OR ${field} IS NULL)`;
}

/** `[1,10]`, `(1,10)`, `1 to 10`, `>=1 AND <=9` all arrive as `between` with a two-character bounds string. */
function betweenToSql(ctx: FilterContext, node: FilterASTNode, field: string): string {
  const bounds: unknown = node['bounds'];
  if (typeof bounds !== 'string' || !/^[[(][\])]$/.test(bounds)) {
    throw unsupported(ctx, `between node has unexpected bounds ${JSON.stringify(bounds)}`);
  }
  const low = numberLiteral(ctx, node['low']);
  const high = numberLiteral(ctx, node['high']);
  const lowOp = bounds[0] === '[' ? '>=' : '>';
  const highOp = bounds[1] === ']' ? '<=' : '<';
  return `${field} ${lowOp} ${low} AND ${field} ${highOp} ${high}`;
}

function valuesOf(ctx: FilterContext, node: FilterASTNode): unknown[] {
  const values: unknown = node['value'];
  if (!Array.isArray(values) || values.length === 0) {
    throw unsupported(ctx, `number filter node "${String(node.type)}" has no values`);
  }
  return values;
}

function singleValue(ctx: FilterContext, node: FilterASTNode): string {
  const values = valuesOf(ctx, node);
  if (values.length !== 1) throw unsupported(ctx, `"${String(node.type)}" expects exactly one number`);
  return numberLiteral(ctx, values[0]);
}

/**
 * A numeric SQL literal. The grammar yields numbers, BigInts (integers beyond 2^53) and, for the
 * `a to b` form, strings; each is checked so nothing but a number can reach the SQL text.
 */
export function numberLiteral(ctx: FilterContext, value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw unsupported(ctx, `number ${String(value)} is not finite`);
    return String(value);
  }
  if (typeof value === 'string') {
    const s = value.trim();
    if (/^-?\d+$/.test(s)) return s.replace(/^(-?)0+(?=\d)/, '$1');
    if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return numberLiteral(ctx, Number(s));
  }
  throw unsupported(ctx, `${JSON.stringify(String(value))} is not a number`);
}
