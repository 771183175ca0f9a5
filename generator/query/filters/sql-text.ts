/**
 * Small SQL-text helpers shared by the filter translators. Everything emitted here must be
 * Athena (Trino) SQL that also runs on DuckDB with the Athena shim (toolchain-probe §3).
 */

/** A single-quoted SQL string literal; single quotes are doubled (the only escape Trino knows). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Parenthesise a field's SQL unless it is obviously atomic (a possibly qualified or quoted
 * identifier, or a single call without nested parentheses). Field SQL such as `a OR b` would
 * otherwise bind wrongly next to `IS NULL`, `=` or `LIKE`.
 */
export function operand(sql: string): string {
  const s = sql.trim();
  const ident = '(?:[A-Za-z_][A-Za-z0-9_]*|"(?:[^"]|"")+")';
  const qualified = new RegExp(`^${ident}(?:\\.${ident})*$`);
  const simpleCall = /^[A-Za-z_][A-Za-z0-9_]*\([^()'"]*\)$/;
  return qualified.test(s) || simpleCall.test(s) ? s : `(${s})`;
}

export function and(parts: readonly string[]): string {
  return joinWith(parts, 'AND');
}

export function or(parts: readonly string[]): string {
  return joinWith(parts, 'OR');
}

/** Join predicates; each multi-part operand is parenthesised so AND/OR precedence never matters. */
function joinWith(parts: readonly string[], op: 'AND' | 'OR'): string {
  if (parts.length === 0) throw new Error(`internal: empty ${op} list`);
  if (parts.length === 1) return parts[0]!;
  return parts.map(parenthesiseCompound).join(` ${op} `);
}

/** Wrap a predicate that contains a top-level AND/OR so it can be combined safely. */
export function parenthesiseCompound(predicate: string): string {
  return hasTopLevelLogic(predicate) ? `(${predicate})` : predicate;
}

/** True when ` AND ` or ` OR ` occurs outside parentheses, string literals and quoted identifiers. */
function hasTopLevelLogic(sql: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote !== null) {
      if (c === quote) quote = null; // a doubled quote simply re-enters on the next character
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && c === ' ' && /^ (AND|OR) /i.test(sql.slice(i, i + 5))) return true;
  }
  return false;
}

/** `NOT (p) OR x IS NULL`: Looker's negative filters keep NULL rows ("is any value except …"). */
export function negateKeepingNulls(predicate: string, field: string): string {
  return `(NOT (${predicate}) OR ${field} IS NULL)`;
}
