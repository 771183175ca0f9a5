/** Issue shapes shared by every SQL check in this folder. */

/**
 * Which check raised an issue, so callers can filter or grade them:
 * - `syntax`: the Trino grammar (dt-sql-parser) rejected the text;
 * - `unterminated`: a string, quoted identifier or block comment never closes;
 * - `backtick`: a `backtick` identifier in DML (Trino rejects them at analysis, the grammar misses them);
 * - `dialect`: DuckDB/Postgres syntax Trino lacks (ILIKE, `::`, `==`, GROUP BY ALL);
 * - `unknown-function`: a call to a name that is not a Trino/Athena function;
 * - `hive-ddl`: the Hive-syntax DDL Athena uses (CREATE EXTERNAL TABLE …) is malformed;
 * - `fragment`: a LookML fragment problem that only shows in context (unbalanced parens,
 *   a trailing `--` comment that would swallow the SQL Looker appends, broken Liquid).
 */
export type SqlIssueRule = 'syntax' | 'unterminated' | 'backtick' | 'dialect' | 'unknown-function' | 'hive-ddl' | 'fragment';

export interface SqlSyntaxIssue {
  /** 1-based line in the text that was checked (for fragments: the original fragment). */
  readonly line: number;
  /** 1-based column; one past the last character means "at the end". */
  readonly column: number;
  readonly message: string;
  readonly rule: SqlIssueRule;
}

/** Orders issues by position and drops repeats at the same spot, keeping the first (most specific) one. */
export function sortAndDedupe(issues: readonly SqlSyntaxIssue[]): SqlSyntaxIssue[] {
  const seen = new Set<string>();
  const unique: SqlSyntaxIssue[] = [];
  for (const issue of issues) {
    const key = `${issue.line}:${issue.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(issue);
  }
  return unique.sort((a, b) => a.line - b.line || a.column - b.column);
}
