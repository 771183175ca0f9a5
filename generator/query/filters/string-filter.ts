import type { FilterASTNode } from '@looker/filter-expressions';
import { unsupported, type FilterContext } from './errors.js';
import { combineLooker, isPositive, listTerms, parseOrThrow } from './parse.js';
import { and, operand, or, sqlString } from './sql-text.js';

/**
 * Escape character for LIKE patterns. `!` rather than a backslash so the SQL survives being
 * embedded in LookML strings, JSON and Liquid without double escaping. Trino requires the escape
 * character to precede only `%`, `_` or itself, which is all we ever escape.
 */
const LIKE_ESCAPE = '!';

/** Looker string filter → Trino predicate. Matching is case-sensitive (Looker's default `case_sensitive: yes`). */
export function stringFilterToSql(ctx: FilterContext, fieldSql: string): string {
  const ast = parseOrThrow('string', ctx);
  const field = operand(fieldSql);
  const terms = listTerms(ast);
  if (terms.length === 1 && isAnyValue(terms[0]!)) return 'TRUE';
  const translated = terms.map((term) => ({ positive: isPositive(term), sql: stringTermToSql(ctx, term, field) }));
  return combineLooker(translated, and, or);
}

/** The empty expression parses to a match with no values: Looker applies no filter. */
function isAnyValue(node: FilterASTNode): boolean {
  return node.type === 'match' && Array.isArray(node['value']) && node['value'].length === 0;
}

function stringTermToSql(ctx: FilterContext, node: FilterASTNode, field: string): string {
  const positive = isPositive(node);
  switch (node.type) {
    case 'match':
      return equalityToSql(valuesOf(ctx, node), positive, field);
    case 'contains':
      return likeAnyToSql(valuesOf(ctx, node).map((v) => `%${likeLiteral(ctx, v)}%`), positive, field);
    case 'startsWith':
      return likeAnyToSql(valuesOf(ctx, node).map((v) => `${likeLiteral(ctx, v)}%`), positive, field);
    case 'endsWith':
      return likeAnyToSql(valuesOf(ctx, node).map((v) => `%${likeLiteral(ctx, v)}`), positive, field);
    case 'other':
      return likeAnyToSql(valuesOf(ctx, node).map((v) => lookerPatternToLike(ctx, v)), positive, field);
    case 'null':
      return positive ? `${field} IS NULL` : `${field} IS NOT NULL`;
    case 'blank':
      // Looker: EMPTY = zero characters or NULL; -EMPTY = has at least one character.
      return positive ? `(${field} IS NULL OR ${field} = '')` : `(${field} IS NOT NULL AND ${field} <> '')`;
    default:
      throw unsupported(ctx, `string filter node type "${String(node.type)}" is not supported`);
  }
}

function valuesOf(ctx: FilterContext, node: FilterASTNode): string[] {
  const values: unknown = node['value'];
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string')) {
    throw unsupported(ctx, `string filter node "${String(node.type)}" has no usable values`);
  }
  return values as string[];
}

/** Negative terms keep NULL rows: Looker's `-FOO` is "any value except FOO", and NULL is a value there. */
function equalityToSql(values: string[], positive: boolean, field: string): string {
  const literals = values.map(sqlString);
  if (values.length === 1) {
    return positive ? `${field} = ${literals[0]}` : `(${field} <> ${literals[0]} OR ${field} IS NULL)`;
  }
  const list = literals.join(', ');
  return positive ? `${field} IN (${list})` : `(${field} NOT IN (${list}) OR ${field} IS NULL)`;
}

/** Several patterns in one node (`foo%,bar%`): positives OR-ed, negatives AND-ed, as Looker reads lists. */
function likeAnyToSql(patterns: string[], positive: boolean, field: string): string {
  const likes = patterns.map((p) => likeClause(field, p, positive ? 'LIKE' : 'NOT LIKE'));
  if (positive) return or(likes);
  const all = likes.length === 1 ? likes[0]! : `(${and(likes)})`;
  return `(${all} OR ${field} IS NULL)`;
}

function likeClause(field: string, pattern: string, op: 'LIKE' | 'NOT LIKE'): string {
  const escape = pattern.includes(LIKE_ESCAPE) ? ` ESCAPE '${LIKE_ESCAPE}'` : '';
  return `${field} ${op} ${sqlString(pattern)}${escape}`;
}

/** A literal (already unescaped by the grammar) made safe inside a LIKE pattern. */
function likeLiteral(ctx: FilterContext, value: string): string {
  if (value.startsWith('"') && value.endsWith('"')) {
    // The grammar keeps the quotes of a quoted operand of %…% (e.g. `%"a b"%`); Looker's meaning is undocumented.
    throw unsupported(ctx, 'quoted operands of %, starts-with or ends-with patterns are not supported');
  }
  return value.replace(/[%_!]/g, (c) => LIKE_ESCAPE + c);
}

/**
 * A raw Looker wildcard pattern (`F%OD`, `_UF`, `a^%b%`) → LIKE pattern. The grammar hands these
 * over unprocessed, so Looker's `^` escapes are resolved here: `^%` `^_` `^,` `^^` `^-` `^ `
 * are the literal character; bare `%` and `_` stay wildcards.
 */
function lookerPatternToLike(ctx: FilterContext, raw: string): string {
  if (raw.includes('"')) throw unsupported(ctx, 'quoted text inside a wildcard pattern is not supported');
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '^') {
      const next = raw[i + 1];
      if (next === undefined || !'%_,^- '.includes(next)) {
        throw unsupported(ctx, `"^" must be followed by one of % _ , ^ - or a space`);
      }
      out += likeLiteral(ctx, next);
      i++;
    } else if (c === '%' || c === '_') {
      out += c;
    } else {
      out += likeLiteral(ctx, c);
    }
  }
  return out;
}
