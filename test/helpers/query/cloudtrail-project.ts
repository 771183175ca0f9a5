/**
 * A small block over the real CloudTrail table (the engine's `cloudtrail_logs`, columns of
 * model/table/cloudtrail-columns.ts), with its own few fields so tests do not depend on the
 * built-in block's names.
 */
import { view } from '../../../generator/vocabulary/view.js';
import { explore } from '../../../generator/vocabulary/explore.js';
import { dashboard, queryTile } from '../../../generator/vocabulary/dashboard.js';
import type { Field } from '../../../generator/vocabulary/fields.js';
import { fixtureIr, type FixtureProject } from './blocks.js';

/** The eventTime texts the time dimension parses (as a Java/RE2 regex and a JS one). */
export const ISO_TIME = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$';
export const isIsoTime = (t: unknown): t is string => typeof t === 'string' && new RegExp(ISO_TIME).test(t);

export const ctView = (extra: Readonly<Record<string, Field>> = {}) =>
  view('ct', { source: { kind: 'table', sqlTableName: '@{TABLE}' } })
    .add((v) => ({
      event_id: v.dimension({ type: 'string', primaryKey: true, sql: v.sql`${v.table}.eventid` }),
      event_source: v.dimension({ type: 'string', sql: v.sql`${v.table}.eventsource` }),
      event_name: v.dimension({ type: 'string', sql: v.sql`${v.table}.eventname` }),
      error_code: v.dimension({ type: 'string', sql: v.sql`${v.table}.errorcode` }),
      user_arn: v.dimension({ type: 'string', sql: v.sql`${v.table}.useridentity.arn` }),
      console_login_result: v.dimension({ type: 'string', sql: v.sql`json_extract_scalar(${v.table}.responseelements, '$.ConsoleLogin')` }),
      // Only strict ISO 8601 text is parsed: the fixtures also hold "redacted", "..." and
      // space-separated times, which Trino's from_iso8601_timestamp rejects and DuckDB's cast accepts.
      event: v.dimensionGroup({
        type: 'time',
        timeframes: ['raw', 'date', 'month'],
        sql: v.sql`from_iso8601_timestamp(CASE WHEN regexp_like(${v.table}.eventtime, '${ISO_TIME}') THEN ${v.table}.eventtime END)`,
      }),
    }))
    .add((v) => ({
      is_error: v.dimension({ type: 'yesno', sql: v.sql`${v.fields.error_code} IS NOT NULL` }),
      count: v.measure({ type: 'count' }),
      distinct_arns: v.measure({ type: 'count_distinct', sql: v.sql`${v.fields.user_arn}` }),
      failed_console_logins: v.measure({ type: 'count', filters: { event_name: 'ConsoleLogin', console_login_result: 'Failure' } }),
      error_count: v.measure({ type: 'count', filters: { is_error: 'yes' } }),
      ...extra,
    }));

export const ctProject = (o: { extra?: Readonly<Record<string, Field>>; tiles?: Parameters<typeof queryTile>[0][] } = {}): FixtureProject => ({
  views: [ctView(o.extra)],
  explores: [explore({ name: 'ct' })],
  dashboards: o.tiles
    ? [
        dashboard({
          name: 'ct_overview',
          title: 'CT Overview',
          filters: [{ name: 'date', title: 'Date', type: 'date_filter', defaultValue: '2020-09-14 to 2020-09-15' }],
          elements: o.tiles.map((t) => queryTile(t)),
        }),
      ]
    : [],
  constants: { TABLE: 'cloudtrail_logs' },
});

export const ctIr = (o: Parameters<typeof ctProject>[0] = {}) => fixtureIr(ctProject(o));
