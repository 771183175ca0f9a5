/**
 * Type tests, checked by `tsc --noEmit` (the project's `npm test` runs it over test/). Every
 * `@ts-expect-error` below must really be an error: if the vocabulary stops rejecting the line,
 * tsc reports the directive as unused and the type check fails.
 * This file is never executed; the functions exist only to be type-checked.
 */
import { cloudtrailBlock } from '../../model/index.js';
import { measure, dimension, dimensionGroup } from '../../generator/vocabulary/fields.js';
import { sql, sqlText } from '../../generator/vocabulary/sql.js';
import { view } from '../../generator/vocabulary/view.js';

const s = sqlText('${TABLE}.x');

export function typedFieldReferences() {
  const block = cloudtrailBlock();

  // The happy path compiles: an existing view, an existing field.
  const ok = block.extendView('cloudtrail_logs', (v) => ({
    is_terraform: v.dimension({ type: 'yesno', sql: v.sql`${v.fields.user_agent} LIKE '%Terraform%'` }),
  }));
  // Added fields are typed references for the next customisation, expanded time names too.
  ok.extendView('cloudtrail_logs', (v) => ({
    terraform_events: v.measure({ type: 'count', filters: { is_terraform: 'yes' }, drillFields: ['event_name'] }),
    event_day: v.dimension({ type: 'string', sql: v.sql`${v.fields.is_terraform} AND ${v.fields.event_time_date} IS NOT NULL` }),
  }));

  block.extendView('cloudtrail_logs', (v) => ({
    // @ts-expect-error -- a typo in a field reference fails tsc
    bad: v.dimension({ type: 'yesno', sql: v.sql`${v.fields.user_agnt} LIKE '%x%'` }),
  }));

  // @ts-expect-error -- there is no such view in the block
  block.extendView('no_such_view', (v) => ({ x: v.dimension({ type: 'string', sql: s }) }));

  // A group's base name is not a field: only its expanded names are.
  block.extendView('cloudtrail_logs', (v) => ({
    // @ts-expect-error -- `event_time` is a dimension_group; reference `event_time_date` and friends
    bad: v.dimension({ type: 'string', sql: v.sql`${v.fields.event_time}` }),
  }));
}

export function typedFieldKinds() {
  // Aggregates take filters …
  measure({ type: 'sum', sql: s, filters: { x: 'yes' } });
  measure({ type: 'count', filters: { x: 'yes' } });
  // @ts-expect-error -- number measures take no filters (Looker ignores them)
  measure({ type: 'number', sql: s, filters: { x: 'yes' } });
  // @ts-expect-error -- a tier dimension needs tiers (and a style)
  dimension({ type: 'tier', sql: s });
  // @ts-expect-error -- a tier dimension needs a style
  dimension({ type: 'tier', sql: s, tiers: [0, 10] });
  // @ts-expect-error -- count takes no sql
  measure({ type: 'count', sql: s });
  // @ts-expect-error -- percentile needs its percentile
  measure({ type: 'percentile', sql: s });
  // @ts-expect-error -- count_distinct has no sql_distinct_key (only sum_distinct/average_distinct)
  measure({ type: 'count_distinct', sql: s, sqlDistinctKey: s });
  // @ts-expect-error -- not a Looker measure type
  measure({ type: 'cunt' });
  // @ts-expect-error -- location dimensions take latitude and longitude, not sql
  dimension({ type: 'location', sql: s });
  // @ts-expect-error -- not a timeframe
  dimensionGroup({ type: 'time', sql: s, timeframes: ['date', 'fortnight'] });
  // @ts-expect-error -- duration groups take intervals, sql_start and sql_end
  dimensionGroup({ type: 'duration', sql: s, intervals: ['day'] });
}

export function typedViewBuilder() {
  const v = view('fixture', { source: { kind: 'table', sqlTableName: 't' } })
    .add((b) => ({ a: b.dimension({ type: 'string', sql: b.sql`${b.table}.a` }) }))
    .add((b) => ({ created: b.dimensionGroup({ type: 'time', timeframes: ['date', 'week'], sql: b.sql`${b.fields.a}` }) }))
    .add((b) => ({ c: b.dimension({ type: 'string', sql: b.sql`${b.fields.created_week}` }) }));
  v.set('s', ['a', 'created_date', 'c']);
  // @ts-expect-error -- sets list the view's fields only
  v.set('s', ['a', 'nope']);
  // @ts-expect-error -- a later field is not visible to an earlier step's references
  view('y', { source: { kind: 'none' } }).add((b) => ({ a: b.dimension({ type: 'string', sql: b.sql`${b.fields.z}` }) }));
  return sql`1`;
}
