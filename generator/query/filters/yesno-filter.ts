import { unsupported, type FilterContext } from './errors.js';

/**
 * Looker yesno filter → Trino predicate. In Looker a yesno dimension is
 * `CASE WHEN cond THEN 'Yes' ELSE 'No' END`, so it is never NULL and a NULL condition reads "No".
 * Our yesno dimensions are rendered as boolean expressions, so "No" must be
 * `NOT COALESCE(cond, false)` to keep the rows where cond IS NULL; "Yes" (`= true`) already excludes them.
 */
export function yesnoFilterToSql(ctx: FilterContext, fieldSql: string): string {
  const value = ctx.expression.trim().toLowerCase();
  if (value === '') return 'TRUE';
  if (value === 'yes') return `(${fieldSql}) = true`;
  if (value === 'no') return `NOT COALESCE((${fieldSql}), false)`;
  throw unsupported(ctx, 'yesno filters accept only "Yes" or "No"');
}
