/**
 * The Athena → DuckDB token rewrite for what the macro shim cannot express:
 *
 * 1. UNNEST as a relation. Trino expands an array of ROWs into one column per field, so Athena
 *    writes `CROSS JOIN UNNEST(resources) AS t(arn, accountid, type)`. DuckDB would bind `arn` to
 *    the whole struct; `LATERAL (SELECT unnest(x, recursive := true))` expands it like Trino (and
 *    leaves scalar arrays alone). `WITH ORDINALITY` becomes a generate_subscripts column.
 * 2. Lambdas. DuckDB rejects a lambda passed to a macro, so the Trino names are renamed instead
 *    (transform → list_transform, …), and `x -> body` becomes DuckDB's `lambda x: body`, because in
 *    DuckDB `->` is also the JSON operator.
 * 3. Constant date formats, for speed, not meaning. `date_format(x, '%Y/%m/%d')` is the shim macro
 *    `strftime(x, _athena_mysql_fmt('%Y/%m/%d'))`, and binding that nested `replace()` chain costs
 *    ~25 ms per call; with a literal format the translation is done here instead (the same
 *    translateFormat the shim's whitelists use): `strftime(x, '%Y/%m/%d')`. Likewise
 *    format_datetime (Joda) and date_parse/parse_datetime (→ strptime; a literal format no longer
 *    needs to be in the macros' whitelist, since strptime only needs it constant). Formats known
 *    only at run time keep the macros.
 *
 * It is a token scanner, not a parser: strings, quoted identifiers and comments are never touched
 * (except the format literal of 3, replaced by its translation), and everything it does not
 * recognise is copied through unchanged.
 */
import { translateFormat } from './shim.js';
import { sqlString } from './sql-text.js';

export type TokenKind = 'word' | 'string' | 'quoted' | 'number' | 'space' | 'comment' | 'punct';

export interface Token {
  readonly kind: TokenKind;
  /** Text; the rewrite replaces it in place. */
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Scanning

/** Splits SQL into tokens whose texts, joined, give back the input exactly. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const [kind, end] = scanOne(sql, i);
    tokens.push({ kind, text: sql.slice(i, end) });
    i = end;
  }
  return tokens;
}

function scanOne(sql: string, i: number): [TokenKind, number] {
  const c = sql[i] ?? '';
  if (c === "'") return ['string', endOfQuoted(sql, i, "'")];
  if (c === '"') return ['quoted', endOfQuoted(sql, i, '"')];
  if (c === '-' && sql[i + 1] === '-') return ['comment', endOf(sql, i, (ch) => ch !== '\n')];
  if (c === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2);
    return ['comment', close < 0 ? sql.length : close + 2];
  }
  if (c === '-' && sql[i + 1] === '>') return ['punct', i + 2];
  if (/\s/.test(c)) return ['space', endOf(sql, i, (ch) => /\s/.test(ch))];
  if (/[A-Za-z_]/.test(c)) return ['word', endOf(sql, i, (ch) => /[A-Za-z0-9_$]/.test(ch))];
  if (/[0-9]/.test(c)) return ['number', endOf(sql, i, (ch) => /[0-9.eE]/.test(ch))];
  return ['punct', i + 1];
}

function endOf(sql: string, start: number, keep: (ch: string) => boolean): number {
  let j = start + 1;
  while (j < sql.length && keep(sql[j] ?? '')) j++;
  return j;
}

/** A quoted string or identifier, where a doubled quote is an escaped quote. Unterminated: to the end. */
function endOfQuoted(sql: string, start: number, quote: string): number {
  let j = start + 1;
  while (j < sql.length) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

// ---------------------------------------------------------------------------------------------
// Navigation over significant tokens (not space, not comment)

const isSignificant = (t: Token | undefined): boolean => t !== undefined && t.kind !== 'space' && t.kind !== 'comment';

function nextSignificant(tokens: readonly Token[], from: number): number {
  let k = from;
  while (k < tokens.length && !isSignificant(tokens[k])) k++;
  return k;
}

function prevSignificant(tokens: readonly Token[], from: number): number {
  let k = from;
  while (k >= 0 && !isSignificant(tokens[k])) k--;
  return k;
}

const textAt = (tokens: readonly Token[], k: number): string => tokens[k]?.text ?? '';
const upperAt = (tokens: readonly Token[], k: number): string => textAt(tokens, k).toUpperCase();

/** Index of the `)` that closes the `(` at `open`, or -1. */
function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k];
    if (t?.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return k;
  }
  return -1;
}

/** Index of the `(` that opens the `)` at `close`, or -1. */
function matchingOpenParen(tokens: readonly Token[], close: number): number {
  let depth = 0;
  for (let k = close; k >= 0; k--) {
    const t = tokens[k];
    if (t?.kind !== 'punct') continue;
    if (t.text === ')') depth++;
    else if (t.text === '(' && --depth === 0) return k;
  }
  return -1;
}

/** Top-level comma positions between `open` and `close` (exclusive). */
function topLevelCommas(tokens: readonly Token[], open: number, close: number): number[] {
  const commas: number[] = [];
  let depth = 0;
  for (let k = open + 1; k < close; k++) {
    const t = tokens[k];
    if (t?.kind !== 'punct') continue;
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
    else if (t.text === ',' && depth === 0) commas.push(k);
  }
  return commas;
}

const joinText = (tokens: readonly Token[], from: number, to: number): string =>
  tokens.slice(from, to).map((t) => t.text).join('');

// ---------------------------------------------------------------------------------------------
// Clause tracking: is a `, UNNEST(` part of a FROM list?

const FROM_KEYWORDS = new Set(['FROM', 'JOIN', 'ON', 'USING']);
const OTHER_CLAUSE_KEYWORDS = new Set([
  'SELECT', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT',
  'WINDOW', 'QUALIFY', 'VALUES', 'WITH', 'FETCH',
]);

/** For every token, whether it sits in a FROM clause at its own parenthesis depth. */
function fromClauseMap(tokens: readonly Token[]): boolean[] {
  const inFrom: boolean[] = [];
  const stack: boolean[] = [false];
  for (const t of tokens) {
    if (t.kind === 'punct' && t.text === '(') stack.push(false);
    else if (t.kind === 'punct' && t.text === ')') stack.length > 1 && stack.pop();
    else if (t.kind === 'word') {
      const word = t.text.toUpperCase();
      if (FROM_KEYWORDS.has(word)) stack[stack.length - 1] = true;
      else if (OTHER_CLAUSE_KEYWORDS.has(word)) stack[stack.length - 1] = false;
    }
    inFrom.push(stack[stack.length - 1] ?? false);
  }
  return inFrom;
}

// ---------------------------------------------------------------------------------------------
// Rewrites

/** `UNNEST(a, b) [WITH ORDINALITY]` in a FROM list → `LATERAL (SELECT unnest(a, …), unnest(b, …)[, generate_subscripts(a, 1)])`. */
function rewriteUnnest(tokens: Token[], k: number, inFrom: readonly boolean[]): void {
  const before = prevSignificant(tokens, k - 1);
  const starts = ['FROM', 'JOIN'].includes(upperAt(tokens, before)) || (textAt(tokens, before) === ',' && inFrom[before] === true);
  if (!starts) return;
  const open = nextSignificant(tokens, k + 1);
  const close = matchingParen(tokens, open);
  if (close < 0) return;
  const bounds = [open, ...topLevelCommas(tokens, open, close), close];
  const args = bounds.slice(1).map((end, i) => joinText(tokens, (bounds[i] ?? open) + 1, end).trim());
  const columns = args.map((a) => `unnest(${a}, recursive := true)`);

  const withAt = nextSignificant(tokens, close + 1);
  const ordinalityAt = nextSignificant(tokens, withAt + 1);
  const withOrdinality = upperAt(tokens, withAt) === 'WITH' && upperAt(tokens, ordinalityAt) === 'ORDINALITY';
  if (withOrdinality) columns.push(`generate_subscripts(${args[0] ?? ''}, 1)`);

  tokens[k]!.text = `LATERAL (SELECT ${columns.join(', ')})`;
  blank(tokens, k + 1, (withOrdinality ? ordinalityAt : close) + 1);
}

function blank(tokens: Token[], from: number, to: number): void {
  for (let j = from; j < to; j++) tokens[j]!.text = '';
}

/** Trino higher-order functions that DuckDB has under another name. */
const RENAMED_LAMBDA_FUNCTIONS: Readonly<Record<string, string>> = {
  transform: 'list_transform',
  filter: 'list_filter',
};

/**
 * any_match/all_match/none_match → list_bool_or/and over list_transform. Empty arrays: Trino gives
 * false/true/true, DuckDB's list_bool_* give NULL, hence the coalesce.
 */
const MATCH_FUNCTIONS: Readonly<Record<string, { readonly open: string; readonly close: string }>> = {
  any_match: { open: 'coalesce(list_bool_or(list_transform(', close: ')), false)' },
  all_match: { open: 'coalesce(list_bool_and(list_transform(', close: ')), true)' },
  none_match: { open: '(NOT coalesce(list_bool_or(list_transform(', close: ')), false))' },
};

function rewriteFunctionName(tokens: Token[], k: number): void {
  const name = textAt(tokens, k).toLowerCase();
  const open = nextSignificant(tokens, k + 1);
  if (textAt(tokens, open) !== '(') return;
  // `filter` is also the aggregate clause `count(*) FILTER (WHERE …)`; and `t.filter(` is not ours.
  if (upperAt(tokens, nextSignificant(tokens, open + 1)) === 'WHERE') return;
  if (textAt(tokens, prevSignificant(tokens, k - 1)) === '.') return;
  const renamed = RENAMED_LAMBDA_FUNCTIONS[name];
  if (renamed) {
    tokens[k]!.text = renamed;
    return;
  }
  const match = MATCH_FUNCTIONS[name];
  const close = matchingParen(tokens, open);
  if (!match || close < 0) return;
  tokens[k]!.text = match.open.slice(0, -1); // the '(' stays as its own token
  tokens[close]!.text = match.close;
}

/**
 * `x -> body` or `(a, b) -> body` → `lambda x: body`. The parameters are the word or parenthesised
 * list just before the arrow; the body needs no change, since `lambda x:` binds as loosely as `->`.
 */
function rewriteArrow(tokens: Token[], arrow: number): void {
  const last = prevSignificant(tokens, arrow - 1);
  let first = last;
  if (textAt(tokens, last) === ')') first = matchingOpenParen(tokens, last);
  else if (tokens[last]?.kind !== 'word' && tokens[last]?.kind !== 'quoted') return;
  if (first < 0) return;
  const params = textAt(tokens, last) === ')' ? joinText(tokens, first + 1, last).trim() : textAt(tokens, last);
  tokens[first]!.text = `lambda ${params}:`;
  blank(tokens, first + 1, arrow + 1);
}

/** Trino date functions whose format, when it is a literal, is translated here instead of by the shim macro. */
const CONSTANT_FORMAT_FUNCTIONS: Readonly<
  Record<string, { readonly to: 'strftime' | 'strptime'; readonly dialect: 'mysql' | 'joda'; readonly cast?: string }>
> = {
  date_format: { to: 'strftime', dialect: 'mysql' },
  format_datetime: { to: 'strftime', dialect: 'joda' },
  date_parse: { to: 'strptime', dialect: 'mysql' },
  // Trino's parse_datetime returns a timestamp with time zone (so does the macro, whose CASE
  // unifies its branches to TIMESTAMPTZ); strptime gives one only for formats with %z.
  parse_datetime: { to: 'strptime', dialect: 'joda', cast: 'TIMESTAMPTZ' },
};

/** The value of a plain `'…'` string token (doubled quotes undone), or undefined for anything else. */
function stringLiteralValue(token: Token | undefined): string | undefined {
  if (token?.kind !== 'string' || token.text.length < 2 || !token.text.endsWith("'")) return undefined;
  return token.text.slice(1, -1).replaceAll("''", "'");
}

/**
 * `date_format(x, '<literal>')` → `strftime(x, '<translated>')` (and the other three). Only the
 * function name and the format string change; the first argument, whatever it holds (nested
 * calls, strings with commas), is left where it is. Anything else — another argument count, a
 * format that is not a single plain string literal, a qualified name `t.date_format(` — is left to
 * the macro.
 */
function rewriteConstantFormat(tokens: Token[], k: number): void {
  const target = CONSTANT_FORMAT_FUNCTIONS[textAt(tokens, k).toLowerCase()];
  if (!target) return;
  if (textAt(tokens, prevSignificant(tokens, k - 1)) === '.') return;
  const open = nextSignificant(tokens, k + 1);
  if (textAt(tokens, open) !== '(') return;
  const close = matchingParen(tokens, open);
  if (close < 0) return;
  const commas = topLevelCommas(tokens, open, close);
  if (commas.length !== 1) return;
  const format = nextSignificant(tokens, commas[0]! + 1);
  if (nextSignificant(tokens, format + 1) !== close) return;
  const value = stringLiteralValue(tokens[format]);
  if (value === undefined) return;
  tokens[k]!.text = target.cast ? `CAST(${target.to}` : target.to;
  tokens[format]!.text = sqlString(translateFormat(value, target.dialect));
  if (target.cast) tokens[close]!.text = `) AS ${target.cast})`;
}

/** Rewrites Athena SQL so DuckDB (with the shim) runs it with Trino's meaning. */
export function athenaToDuckDb(sql: string): string {
  const tokens = tokenize(sql);
  const inFrom = fromClauseMap(tokens);
  // Functions and lambdas first: UNNEST copies its arguments' current text, rewrites included.
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.kind === 'punct' && token.text === '->') rewriteArrow(tokens, k);
    const lower = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (lower in RENAMED_LAMBDA_FUNCTIONS || lower in MATCH_FUNCTIONS) rewriteFunctionName(tokens, k);
    else if (lower in CONSTANT_FORMAT_FUNCTIONS) rewriteConstantFormat(tokens, k);
  }
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.kind === 'word' && token.text.toLowerCase() === 'unnest') rewriteUnnest(tokens, k, inFrom);
  }
  return tokens.map((t) => t.text).join('');
}
