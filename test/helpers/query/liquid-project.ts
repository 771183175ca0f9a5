/** A view whose SQL uses every Liquid construct the compiler renders, over the events table. */
import { view } from '../../../generator/vocabulary/view.js';
import { explore } from '../../../generator/vocabulary/explore.js';
import { sqlText } from '../../../generator/vocabulary/sql.js';
import { fixtureIr } from './blocks.js';

export const liquidView = () =>
  view('lq', { source: { kind: 'table', sqlTableName: '@{SCHEMA}.events' } }).add((v) => ({
    id: v.dimension({ type: 'string', primaryKey: true, sql: v.sql`${v.table}.id` }),
    name: v.dimension({ type: 'string', sql: v.sql`${v.table}.name` }),
    created: v.dimensionGroup({ type: 'time', timeframes: ['raw', 'date'], sql: v.sql`${v.table}.created_at` }),
    region: v.parameter({ type: 'string', defaultValue: 'us-east-1' }),
    unit: v.parameter({ type: 'unquoted', allowedValues: [{ label: 'Day', value: 'day' }, { label: 'Hour', value: 'hour' }], defaultValue: 'day' }),
    name_filter: v.filter({ type: 'string' }),
    window: v.filter({ type: 'date' }),
    // A templated filter with its own sql: applied in WHERE like a dimension filter.
    name_like: v.filter({ type: 'string', sql: sqlText('{% condition lq.name_like %} ${TABLE}.name {% endcondition %}') }),
    matches_name_filter: v.dimension({ type: 'yesno', sql: sqlText('{% condition lq.name_filter %} ${TABLE}.name {% endcondition %}') }),
    window_start: v.dimension({ type: 'string', sql: sqlText('CAST({% date_start lq.window %} AS VARCHAR)') }),
    window_end: v.dimension({ type: 'string', sql: sqlText('CAST({% date_end lq.window %} AS VARCHAR)') }),
    filtered_label: v.dimension({
      type: 'string',
      sql: sqlText("{% if lq.name_filter._is_filtered %}'filtered'{% else %}'all'{% endif %}"),
    }),
    region_tag: v.dimension({ type: 'string', sql: sqlText('CONCAT({% parameter lq.region %}, \'/\', {{ lq.region._parameter_value }})') }),
    bucket: v.dimension({ type: 'string', sql: sqlText("DATE_FORMAT(DATE_TRUNC('{% parameter lq.unit %}', ${TABLE}.created_at), '%Y-%m-%d %H')") }),
    unit_text: v.dimension({ type: 'string', sql: sqlText("'{{ lq.unit._parameter_value }}'") }),
    team: v.dimension({ type: 'string', sql: sqlText("'{{ _user_attributes['team'] }}'") }),
    count: v.measure({ type: 'count' }),
  }));

export const liquidIr = () => fixtureIr({ views: [liquidView()], explores: [explore({ name: 'lq' })], constants: { SCHEMA: 'analytics' } });
