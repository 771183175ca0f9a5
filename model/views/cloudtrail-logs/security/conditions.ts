/**
 * Small SQL helpers for the security fields: conditions are typed `Sql` over the core fields'
 * references (a typo fails tsc), and are combined as SQL, never by referencing one yesno
 * dimension from another (so each field's SQL stands on its own).
 */
import { sql, type FieldRef, type Sql } from '../../../../generator/vocabulary/sql.js';
import type { CoreBuilder } from '../../cloudtrail-logs.view.js';
import { lit, litList } from '../sql-text.js';

/** Typed references to every core field of `cloudtrail_logs`. */
export type CoreFields = CoreBuilder['fields'];

/** `a OR b OR …`, each operand parenthesised. */
export function anyOf(parts: readonly Sql[]): Sql {
  if (parts.length === 0) return sql`FALSE`;
  return parts.slice(1).reduce((acc, p) => sql`${acc}\n  OR (${p})`, sql`(${parts[0]!})`);
}

/** `value IN ('a', 'b')`. */
export function inList(value: FieldRef | Sql, values: readonly string[]): Sql {
  return values.length === 1 ? sql`${value} = ${lit(values[0]!)}` : sql`${value} IN (${litList(values)})`;
}

/** `json_extract_scalar(<json text>, '<path>')`: never CAST(json_extract(…)) (keeps quotes on DuckDB). */
export function jsonScalar(json: FieldRef, path: string): Sql {
  return sql`json_extract_scalar(${json}, ${lit(path)})`;
}

/** `regexp_like(value, '<pattern>')` with the pattern as a literal (backslashes kept). */
export function matches(value: FieldRef | Sql, pattern: string): Sql {
  return sql`regexp_like(${value}, ${lit(pattern)})`;
}

/** A CASE that returns the label of the first condition that holds, else NULL. */
export function firstMatch(branches: readonly { readonly when: Sql; readonly then: string }[]): Sql {
  const whens = branches.reduce((acc, b) => sql`${acc}\n  WHEN ${b.when} THEN ${lit(b.then)}`, sql`CASE`);
  return sql`${whens}\nEND`;
}

/** concat_ws(', ', CASE WHEN c THEN 'label' END, …): every label whose condition holds (NULLs skipped). */
export function allMatches(branches: readonly { readonly when: Sql; readonly then: string }[]): Sql {
  const items = branches.map((b) => sql`CASE WHEN ${b.when} THEN ${lit(b.then)} END`);
  const joined = items.slice(1).reduce((acc, p) => sql`${acc},\n  ${p}`, items[0] ?? sql`NULL`);
  return sql`NULLIF(concat_ws(', ',\n  ${joined}), '')`;
}
