/**
 * The last line of defence before text reaches a live Athena workgroup: only read-only queries
 * (SELECT, WITH … SELECT) and plan-only EXPLAIN go out. A generator bug, a hand-edited `sql:` or a
 * stray `; DROP TABLE` must never write, drop or bill. EXPLAIN ANALYZE is refused because it runs
 * the query (and is billed). One deliberate exception: `CREATE EXTERNAL TABLE` (metadata only,
 * free) when the caller opts in with `{ allowDdl: true }`, to create the table the block needs.
 *
 * The check reads tokens, not regexes over raw text, so keywords inside string literals, quoted
 * identifiers and comments neither trigger nor hide anything.
 */
import { EngineQueryError } from '../engine.js';

export type StatementKind = 'select' | 'with' | 'explain' | 'ddl';

export interface GuardedStatement {
  readonly kind: StatementKind;
  /** The statement as it will be sent: the caller's text minus a single trailing semicolon. */
  readonly sql: string;
}

export interface GuardOptions {
  /** Also accept one `CREATE EXTERNAL TABLE` statement (never CREATE TABLE AS, never other DDL). */
  readonly allowDdl?: boolean;
}

/** The guard refused to send a statement; it never reached Athena. */
export class StatementRefusedError extends EngineQueryError {
  constructor(reason: string, sql: string) {
    super(`Refused to send to Athena: ${reason}`, sql, { category: 'REFUSED' });
    this.name = 'StatementRefusedError';
  }
}

// ---- tokens ----

type TokenKind = 'word' | 'quoted' | 'string' | 'punct';

interface Token {
  readonly kind: TokenKind;
  /** Upper-cased for words, raw otherwise. */
  readonly text: string;
  readonly start: number;
}

/** Splits SQL into words, quoted identifiers, string literals and punctuation; drops comments and whitespace. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) i++;
    else if (sql.startsWith('--', i)) i = endOfLine(sql, i);
    else if (sql.startsWith('/*', i)) i = endOfBlockComment(sql, i);
    else if (c === "'" || c === '"' || c === '`') {
      const end = endOfQuoted(sql, i, c);
      tokens.push({ kind: c === "'" ? 'string' : 'quoted', text: sql.slice(i, end), start: i });
      i = end;
    } else if (/[A-Za-z_]/.test(c)) {
      const end = endOfWord(sql, i);
      tokens.push({ kind: 'word', text: sql.slice(i, end).toUpperCase(), start: i });
      i = end;
    } else {
      tokens.push({ kind: 'punct', text: c, start: i });
      i++;
    }
  }
  return tokens;
}

function endOfLine(sql: string, i: number): number {
  const nl = sql.indexOf('\n', i);
  return nl < 0 ? sql.length : nl + 1;
}

function endOfBlockComment(sql: string, i: number): number {
  const close = sql.indexOf('*/', i + 2);
  // An unterminated comment could hide anything from a reader of the log: refuse rather than guess.
  if (close < 0) throw new GuardSyntaxError('unterminated /* comment');
  return close + 2;
}

/** Quotes are escaped by doubling them ('it''s', "a""b"), as in Trino. */
function endOfQuoted(sql: string, i: number, quote: string): number {
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  throw new GuardSyntaxError(`unterminated ${quote} quote`);
}

function endOfWord(sql: string, i: number): number {
  let j = i;
  while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
  return j;
}

class GuardSyntaxError extends Error {}

// ---- the guard ----

/**
 * Returns the statement to send, or throws StatementRefusedError saying why it was refused.
 * Accepts: SELECT, (SELECT …), WITH … SELECT, EXPLAIN [(options)] <one of those>;
 * with `allowDdl`: CREATE EXTERNAL TABLE without AS SELECT.
 */
export function guardStatement(sql: string, options: GuardOptions = {}): GuardedStatement {
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch (err) {
    if (err instanceof GuardSyntaxError) throw new StatementRefusedError(err.message, sql);
    throw err;
  }
  const body = withoutTrailingSemicolon(sql, tokens);
  if (body.tokens.length === 0) throw new StatementRefusedError('the statement is empty', sql);
  const kind = classify(body.tokens, options, sql);
  return { kind, sql: body.sql };
}

/** The guard for `explain()`: the inner statement must be a query, not EXPLAIN or DDL. */
export function guardQuery(sql: string): GuardedStatement {
  const guarded = guardStatement(sql);
  if (guarded.kind !== 'select' && guarded.kind !== 'with') {
    throw new StatementRefusedError(`only a SELECT or WITH … SELECT can be explained, got ${guarded.kind.toUpperCase()}`, sql);
  }
  return guarded;
}

function withoutTrailingSemicolon(sql: string, tokens: Token[]): { tokens: Token[]; sql: string } {
  const semicolons = tokens.filter((t) => t.kind === 'punct' && t.text === ';');
  const last = tokens[tokens.length - 1];
  if (semicolons.length === 0) return { tokens, sql };
  if (semicolons.length === 1 && last !== undefined && last === semicolons[0]) {
    return { tokens: tokens.slice(0, -1), sql: sql.slice(0, last.start).trimEnd() };
  }
  throw new StatementRefusedError('multiple statements (a semicolon before the end); send one statement at a time', sql);
}

function classify(tokens: readonly Token[], options: GuardOptions, sql: string): StatementKind {
  const first = tokens[0]!;
  if (first.kind === 'word' && first.text === 'EXPLAIN') return classifyExplain(tokens.slice(1), sql);
  if (first.kind === 'word' && first.text === 'CREATE') return classifyCreate(tokens, options, sql);
  return classifyQuery(tokens, sql);
}

/** SELECT, parenthesised SELECT, or WITH … SELECT. */
function classifyQuery(tokens: readonly Token[], sql: string): 'select' | 'with' {
  const lead = skipOpenParens(tokens, 0);
  const word = tokens[lead];
  if (word?.kind === 'word' && word.text === 'SELECT') return 'select';
  if (word?.kind === 'word' && word.text === 'WITH') {
    const main = tokens[skipOpenParens(tokens, afterWithClause(tokens, lead + 1, sql))];
    if (main?.kind === 'word' && main.text === 'SELECT') return 'with';
    throw new StatementRefusedError(`WITH must be followed by a SELECT, found ${describe(main)}`, sql);
  }
  throw new StatementRefusedError(
    `${describe(word)} statements are not sent; only SELECT, WITH … SELECT and EXPLAIN are allowed`,
    sql,
  );
}

/** Words Trino accepts inside EXPLAIN ( … ); anything else there is refused rather than interpreted. */
const EXPLAIN_OPTION_WORDS = new Set(['TYPE', 'FORMAT', 'LOGICAL', 'DISTRIBUTED', 'VALIDATE', 'IO', 'TEXT', 'GRAPHVIZ', 'JSON']);

/** EXPLAIN [ ( option, … ) ] <query>; EXPLAIN ANALYZE executes the query, so it is refused. */
function classifyExplain(rest: readonly Token[], sql: string): 'explain' {
  if (rest[0]?.text === 'ANALYZE') {
    throw new StatementRefusedError('EXPLAIN ANALYZE runs the query and is billed; use EXPLAIN (TYPE VALIDATE)', sql);
  }
  let inner = rest;
  // `EXPLAIN (SELECT …)` is a parenthesised query; `EXPLAIN (TYPE …)` is an option list.
  const opensOptions = rest[0]?.text === '(' && rest[1]?.kind === 'word' && EXPLAIN_OPTION_WORDS.has(rest[1].text);
  if (opensOptions) {
    const close = closingParen(rest, 0, sql);
    const optionTokens = rest.slice(1, close);
    const bad = optionTokens.find((t) => !(t.kind === 'word' && EXPLAIN_OPTION_WORDS.has(t.text)) && t.text !== ',');
    if (bad) throw new StatementRefusedError(`unexpected ${bad.text} in EXPLAIN options`, sql);
    inner = rest.slice(close + 1);
  }
  if (inner[0]?.text === 'ANALYZE') throw new StatementRefusedError('EXPLAIN ANALYZE runs the query and is billed', sql);
  classifyQuery(inner, sql);
  return 'explain';
}

/** CREATE EXTERNAL TABLE only, only when allowed, and never a CREATE … AS SELECT (it scans and writes). */
function classifyCreate(tokens: readonly Token[], options: GuardOptions, sql: string): 'ddl' {
  const isExternalTable = tokens[1]?.text === 'EXTERNAL' && tokens[2]?.text === 'TABLE';
  if (!isExternalTable) {
    throw new StatementRefusedError(`${words(tokens, 2)} is not allowed; only CREATE EXTERNAL TABLE can be sent, with allowDdl`, sql);
  }
  if (!options.allowDdl) {
    throw new StatementRefusedError('CREATE EXTERNAL TABLE is DDL; pass { allowDdl: true } to create the table on purpose', sql);
  }
  if (hasTopLevelAsQuery(tokens)) {
    throw new StatementRefusedError('CREATE TABLE … AS SELECT writes data and scans the source; it is never sent', sql);
  }
  return 'ddl';
}

// ---- token walking helpers ----

function skipOpenParens(tokens: readonly Token[], i: number): number {
  while (tokens[i]?.kind === 'punct' && tokens[i]!.text === '(') i++;
  return i;
}

/** Index of the `)` matching the `(` at `open`. */
function closingParen(tokens: readonly Token[], open: number, sql: string): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'punct') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')' && --depth === 0) return i;
  }
  throw new StatementRefusedError('unbalanced parentheses', sql);
}

/**
 * Skips `[RECURSIVE] name [(cols)] AS (query) {, name …}` and returns the index of the main
 * statement. Reading the CTE list structurally is what tells `WITH x AS (…) SELECT` from anything else.
 */
function afterWithClause(tokens: readonly Token[], i: number, sql: string): number {
  if (tokens[i]?.text === 'RECURSIVE') i++;
  for (;;) {
    const name = tokens[i];
    if (name?.kind !== 'word' && name?.kind !== 'quoted') throw new StatementRefusedError('could not read the WITH clause', sql);
    i++;
    if (tokens[i]?.text === '(') i = closingParen(tokens, i, sql) + 1;
    if (tokens[i]?.text !== 'AS' || tokens[i + 1]?.text !== '(') throw new StatementRefusedError('could not read the WITH clause', sql);
    i = closingParen(tokens, i + 1, sql) + 1;
    if (tokens[i]?.text !== ',') return i;
    i++;
  }
}

/** An `AS` at nesting depth 0 followed by a query: the mark of CREATE TABLE AS SELECT. */
function hasTopLevelAsQuery(tokens: readonly Token[]): boolean {
  let depth = 0;
  return tokens.some((t, i) => {
    if (t.kind === 'punct' && t.text === '(') depth++;
    if (t.kind === 'punct' && t.text === ')') depth--;
    if (depth !== 0 || t.kind !== 'word' || t.text !== 'AS') return false;
    const next = tokens[i + 1];
    return next?.text === 'SELECT' || next?.text === 'WITH' || next?.text === '(' || next?.text === 'VALUES';
  });
}

function describe(token: Token | undefined): string {
  return token === undefined ? 'the end of the statement' : token.text;
}

function words(tokens: readonly Token[], n: number): string {
  return tokens
    .slice(0, n)
    .map((t) => t.text)
    .join(' ');
}
