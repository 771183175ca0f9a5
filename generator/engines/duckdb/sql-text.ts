/** Small helpers to write DuckDB SQL text safely. */

/** A double-quoted identifier; always quoted so reserved words (`type`, `timestamp`) and camelCase survive. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A single-quoted SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A DuckDB list literal of strings: `['a', 'b']`. */
export function sqlStringList(values: readonly string[]): string {
  return `[${values.map(sqlString).join(', ')}]`;
}
