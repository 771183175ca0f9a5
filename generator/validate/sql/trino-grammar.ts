/**
 * Offline syntax gate for Athena (engine v3 = Trino) SQL.
 *
 * Layers, cheapest first:
 * 1. lexical: unterminated strings / quoted identifiers / block comments (the grammar reports
 *    these with an unhelpful "rule columnRef failed predicate" message);
 * 2. lint: backtick identifiers, which Trino rejects at analysis but the ANTLR grammar accepts,
 *    and DuckDB-isms (ILIKE, `::`, `==`, GROUP BY ALL) reported at the offending token rather
 *    than wherever the grammar happens to give up;
 * 3. the Trino grammar itself: dt-sql-parser's `TrinoSQL().validate()`.
 *
 * Function names are not checked here; see functions.ts (the grammar accepts any identifier call).
 */
import { TrinoSQL, type ParseError } from 'dt-sql-parser';
import { sortAndDedupe, type SqlSyntaxIssue } from './issue.js';
import { keywordOf, scanSql, type ScanResult, type Token } from './tokenize.js';

// dt-sql-parser is loaded with this module (one import, ~0.7 s for the whole package); the
// parser itself builds its ANTLR state on first use (~0.1-0.4 s) and caches it, so keep one.
let trinoParser: TrinoSQL | undefined;

function parser(): TrinoSQL {
  trinoParser ??= new TrinoSQL();
  return trinoParser;
}

/**
 * Grammar errors from the Trino ANTLR grammar, 1-based.
 *
 * Uses `parse(sql, listener)` rather than `validate()`: on multi-statement input `validate()`
 * re-parses each statement alone and then reports columns relative to the statement, not the
 * line (wrong for a statement that starts mid-line, as in a wrapped fragment after `;`).
 */
export function trinoGrammarIssues(sql: string): SqlSyntaxIssue[] {
  const errors: ParseError[] = [];
  parser().parse(sql, (error) => errors.push(error));
  return dropRecoveryEchoes(errors).map((e) => ({ line: e.startLine, column: e.startColumn, message: e.message, rule: 'syntax' as const }));
}

/**
 * The first error ANTLR reports is the real one; when the parser then retries with full
 * context it adds complaints positioned *before* it (e.g. at the first token inside the open
 * parenthesis of `WHERE (a = 1`). Those echoes are dropped; later-positioned errors are kept.
 */
export function dropRecoveryEchoes<E extends ParseError>(errors: readonly E[]): E[] {
  const first = errors[0];
  if (first === undefined) return [];
  const before = (e: E): boolean => e.startLine < first.startLine || (e.startLine === first.startLine && e.startColumn < first.startColumn);
  return errors.filter((e) => e === first || !before(e));
}

const UNTERMINATED_MESSAGES: Record<'string' | 'quoted' | 'backtick' | 'template', string> = {
  string: "Unterminated string literal: this ' has no closing quote",
  quoted: 'Unterminated quoted identifier: this " has no closing quote',
  backtick: 'Unterminated backtick identifier',
  template: 'Unterminated LookML/Liquid substitution',
};

/** Strings, quoted identifiers and block comments that never close. */
export function unterminatedIssues(scan: ScanResult, sql: string): SqlSyntaxIssue[] {
  const issues: SqlSyntaxIssue[] = [];
  for (const token of scan.tokens) {
    if (!token.unterminated || token.kind === 'ident' || token.kind === 'number' || token.kind === 'punct') continue;
    issues.push({ line: token.line, column: token.column, message: UNTERMINATED_MESSAGES[token.kind], rule: 'unterminated' });
  }
  for (const comment of scan.comments) {
    if (!comment.unterminated) continue;
    const before = sql.slice(0, comment.offset);
    const line = before.split('\n').length;
    const column = comment.offset - before.lastIndexOf('\n');
    issues.push({ line, column, message: 'Unterminated block comment: /* has no closing */', rule: 'unterminated' });
  }
  return issues;
}

/** Backtick identifiers are Hive/MySQL quoting; in Athena DML they fail ("backquoted identifiers are not supported"). */
export function backtickIssues(tokens: readonly Token[]): SqlSyntaxIssue[] {
  return tokens
    .filter((t) => t.kind === 'backtick' && !t.unterminated)
    .map((t) => ({
      line: t.line,
      column: t.column,
      message: `Backtick identifier ${t.text} is not valid in Athena/Trino SQL; quote identifiers with double quotes ("${t.text.slice(1, -1).replace(/``/g, '`')}")`,
      rule: 'backtick' as const,
    }));
}

/** Clause keywords that can follow a complete GROUP BY list; `GROUP BY ALL <x>` is valid Trino, bare `GROUP BY ALL` is DuckDB. */
const AFTER_GROUP_BY = new Set(['having', 'order', 'limit', 'offset', 'fetch', 'window', 'union', 'intersect', 'except']);

/** DuckDB/Postgres syntax that looks plausible in SQL written for Athena. */
export function dialectIssues(tokens: readonly Token[]): SqlSyntaxIssue[] {
  const issues: SqlSyntaxIssue[] = [];
  const at = (t: Token, message: string): void => {
    issues.push({ line: t.line, column: t.column, message, rule: 'dialect' });
  };
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const kw = keywordOf(t);
    if (kw === 'ilike' && next?.text !== '(' && prev?.text !== '.') {
      at(t, 'ILIKE is not Trino SQL; use lower(x) LIKE lower(pattern) or regexp_like(x, \'(?i)...\')');
    } else if (t.kind === 'punct' && t.text === '::') {
      at(t, "'::' casts are not Trino SQL; use CAST(x AS type)");
    } else if (t.kind === 'punct' && t.text === '==') {
      at(t, "'==' is not a Trino operator; use '='");
    } else if (kw === 'all' && keywordOf(prev) === 'by' && keywordOf(tokens[i - 2]) === 'group') {
      const after = keywordOf(next);
      if (next === undefined || next.text === ')' || next.text === ';' || (after !== undefined && AFTER_GROUP_BY.has(after))) {
        at(t, 'GROUP BY ALL (DuckDB) is not Trino SQL; list the grouping expressions or their positions');
      }
    }
  });
  return issues;
}

/**
 * Checks one or more Athena DML statements (SELECT/WITH/INSERT/CTAS …) against the Trino grammar
 * plus the lint rules above. Returns [] when the text is acceptable.
 *
 * Lint issues come before grammar issues at the same position (their messages are clearer);
 * grammar errors that follow an unterminated token are noise and are dropped.
 */
export function checkTrinoSql(sql: string): SqlSyntaxIssue[] {
  const scan = scanSql(sql);
  const lexical = unterminatedIssues(scan, sql);
  const lint = [...backtickIssues(scan.tokens), ...dialectIssues(scan.tokens)];
  let grammar = trinoGrammarIssues(sql);
  const firstBroken = lexical[0];
  if (firstBroken !== undefined) {
    // Everything after an unclosed quote is one long token to the grammar; its complaints add nothing.
    grammar = grammar.filter((g) => g.line < firstBroken.line || (g.line === firstBroken.line && g.column < firstBroken.column));
  }
  return sortAndDedupe([...lexical, ...lint, ...grammar]);
}
