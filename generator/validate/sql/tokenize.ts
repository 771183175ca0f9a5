/**
 * A small lexical scanner for Trino/Athena SQL (and the Hive DDL Athena uses).
 *
 * It is not a parser: it only splits text into tokens with exact positions so the
 * lint rules (backticks, unknown functions, DuckDB-isms, unclosed strings) can look
 * at code while skipping string literals, quoted identifiers and comments. The ANTLR
 * grammar in dt-sql-parser does the real syntax check.
 */

export type TokenKind =
  | 'ident' // bare identifier or keyword: select, json_extract_scalar, t
  | 'quoted' // "double quoted identifier"
  | 'backtick' // `backtick identifier` (Hive DDL only; an error in Trino DML)
  | 'string' // 'single quoted literal'
  | 'number'
  | 'punct' // ( ) [ ] , ; . and operators, one or two characters
  | 'template'; // LookML ${...} or Liquid {% ... %} / {{ ... }}, left opaque

export interface Token {
  readonly kind: TokenKind;
  /** Exact source text, quotes included. */
  readonly text: string;
  /** 0-based offset of the first character. */
  readonly offset: number;
  /** 1-based line and column of the first character. */
  readonly line: number;
  readonly column: number;
  /** Set when a string, quoted identifier, backtick or template has no closing delimiter. */
  readonly unterminated?: true;
}

export interface Comment {
  readonly offset: number;
  readonly end: number;
  readonly kind: 'line' | 'block';
  readonly unterminated?: true;
}

export interface ScanResult {
  readonly tokens: readonly Token[];
  readonly comments: readonly Comment[];
}

/** Two-character operators Trino knows, plus `::` and `==` so lint rules can see them whole. */
const TWO_CHAR_OPERATORS = new Set(['<=', '>=', '<>', '!=', '||', '->', '=>', '::', '==']);

/** Maps offsets to 1-based line/column; built once per text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }

  /** Offset of a 1-based line/column; columns past the line end clamp to the line end. */
  offset(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] ?? 0;
    return start + Math.max(0, column - 1);
  }
}

/** Finds the end (exclusive) of a quoted run starting at `start`; a doubled quote is an escape. */
function scanQuoted(text: string, start: number, quote: string): { end: number; closed: boolean } {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) {
        i += 2;
        continue;
      }
      return { end: i + 1, closed: true };
    }
    i++;
  }
  return { end: text.length, closed: false };
}

/** LookML/Liquid delimiters: `${` … `}`, `{%` … `%}`, `{{` … `}}`. */
function templateCloser(text: string, i: number): string | undefined {
  if (text[i] === '$' && text[i + 1] === '{') return '}';
  if (text[i] === '{' && text[i + 1] === '%') return '%}';
  if (text[i] === '{' && text[i + 1] === '{') return '}}';
  return undefined;
}

const isIdentStart = (c: string): boolean => /[A-Za-z_\u00C0-\uFFFF]/.test(c);
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_\u00C0-\uFFFF]/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Reads a number literal: 12, 1.5, .5, 1e10, 0x1F (Trino 4xx accepts hex/underscores too). */
function scanNumber(text: string, start: number): number {
  let i = start;
  while (i < text.length && /[0-9A-Za-z_.]/.test(text[i] ?? '')) {
    // An exponent sign belongs to the number: 1e-5.
    if ((text[i] === 'e' || text[i] === 'E') && (text[i + 1] === '+' || text[i + 1] === '-')) i++;
    i++;
  }
  return i;
}

/** Splits SQL into tokens and comments. Never throws; unterminated runs are flagged instead. */
export function scanSql(text: string): ScanResult {
  const lines = new LineIndex(text);
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const push = (kind: TokenKind, start: number, end: number, unterminated = false): void => {
    const { line, column } = lines.position(start);
    const token: Token = { kind, text: text.slice(start, end), offset: start, line, column };
    tokens.push(unterminated ? { ...token, unterminated: true } : token);
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      const end = nl === -1 ? text.length : nl;
      comments.push({ offset: i, end, kind: 'line' });
      i = end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : close + 2;
      comments.push(close === -1 ? { offset: i, end, kind: 'block', unterminated: true } : { offset: i, end, kind: 'block' });
      i = end;
      continue;
    }
    const closer = templateCloser(text, i);
    if (closer !== undefined) {
      const close = text.indexOf(closer, i + 2);
      const end = close === -1 ? text.length : close + closer.length;
      push('template', i, end, close === -1);
      i = end;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const { end, closed } = scanQuoted(text, i, c);
      push(c === "'" ? 'string' : c === '"' ? 'quoted' : 'backtick', i, end, !closed);
      i = end;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      const end = scanNumber(text, i);
      push('number', i, end);
      i = end;
      continue;
    }
    if (isIdentStart(c)) {
      let end = i + 1;
      while (end < text.length && isIdentPart(text[end] ?? '')) end++;
      push('ident', i, end);
      i = end;
      continue;
    }
    const two = text.slice(i, i + 2);
    const len = TWO_CHAR_OPERATORS.has(two) ? 2 : 1;
    push('punct', i, i + len);
    i += len;
  }
  return { tokens, comments };
}

/** Lower-cased identifier text, or undefined for non-identifiers. */
export function keywordOf(token: Token | undefined): string | undefined {
  return token?.kind === 'ident' ? token.text.toLowerCase() : undefined;
}
