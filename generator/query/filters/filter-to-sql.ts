import { dateFilterToSql } from './date-filter.js';
import { UnsupportedFilterError, type FilterContext } from './errors.js';
import { parenthesiseCompound } from './sql-text.js';
import { numberFilterToSql } from './number-filter.js';
import { stringFilterToSql } from './string-filter.js';
import { yesnoFilterToSql } from './yesno-filter.js';

export type FilterFieldType = 'string' | 'number' | 'yesno' | 'date';

export interface FilterToSqlInput {
  /** The Looker filter expression, e.g. `7 days`, `%sg-%,-NULL`, `>=1 AND <=9`. */
  expression: string;
  /** The filtered field's type; decides which Looker grammar applies. */
  type: FilterFieldType;
  /** The field's SQL expression (for dates a `timestamp with time zone`, e.g. `from_iso8601_timestamp(t.eventtime)`). */
  sql: string;
  /** The instant relative dates are computed from (UTC). */
  now: Date;
  /** Where the filter comes from, for error messages, e.g. `dashboard x / tile "y" / filter v.f`. */
  where?: string;
}

/**
 * Translate a Looker filter expression into a Trino boolean expression, as Looker would for
 * Athena. Throws `UnsupportedFilterError` for anything it cannot translate faithfully.
 * The empty expression (Looker: "is any value") yields `TRUE`.
 */
export function filterToSql(input: FilterToSqlInput): string {
  // Parenthesised when needed so callers can AND, OR or negate the result without precedence surprises.
  return parenthesiseCompound(translate(input));
}

function translate(input: FilterToSqlInput): string {
  const ctx: FilterContext = { expression: input.expression, type: input.type, where: input.where };
  switch (input.type) {
    case 'string':
      return stringFilterToSql(ctx, input.sql);
    case 'number':
      return numberFilterToSql(ctx, input.sql);
    case 'yesno':
      return yesnoFilterToSql(ctx, input.sql);
    case 'date':
      return dateFilterToSql(ctx, input.sql, input.now);
    default:
      // Reachable from untyped callers (JSON dashboards); never emit SQL for an unknown type.
      throw new UnsupportedFilterError({ ...ctx, reason: `field type "${String(input.type)}" has no filter translation` });
  }
}
