/**
 * Every time frame of a time dimension_group and every interval of a duration group: the SQL the
 * compiler prints (Looker's Presto/Athena rendering, peers.md §4.1) and the value it gives on
 * DuckDB for the reference timestamp 2024-05-02T08:15:30Z, a Thursday.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEFRAMES, type Timeframe } from '../../../generator/vocabulary/lookml-values.js';
import { GatedCompiler } from '../../helpers/query/sql-gate.js';
import { eventsIr } from '../../helpers/query/events-project.js';
import { NOW } from '../../helpers/query/blocks.js';
import { openEventsDb } from '../../helpers/query/events-db.js';
import type { ShimDb } from '../../helpers/query/duckdb.js';

const X = 'events.created_at';
const bucket = (unit: 'minute' | 'hour', n: number, fmt: string): string =>
  `DATE_FORMAT(DATE_ADD('${unit}', -MOD(${unit.toUpperCase()}(${X}), ${n}), DATE_TRUNC('${unit}', ${X})), '${fmt}')`;

/** Timeframe → [select expression, value for e1 (2024-05-02T08:15:30Z)]. */
const EXPECTED: Record<Timeframe, readonly [string, string | number]> = {
  raw: [X, '2024-05-02T08:15:30.000Z'],
  time: [`DATE_FORMAT(${X}, '%Y-%m-%d %H:%i:%s')`, '2024-05-02 08:15:30'],
  time_of_day: [`DATE_FORMAT(${X}, '%H:%i')`, '08:15'],
  date: [`DATE_FORMAT(${X}, '%Y-%m-%d')`, '2024-05-02'],
  week: [`DATE_FORMAT(DATE_TRUNC('DAY', DATE_ADD('day', (0 - MOD((DAY_OF_WEEK(${X}) % 7) - 1 + 7, 7)), ${X})), '%Y-%m-%d')`, '2024-04-29'],
  month: [`DATE_FORMAT(${X}, '%Y-%m')`, '2024-05'],
  quarter: [`DATE_FORMAT(DATE_TRUNC('QUARTER', ${X}), '%Y-%m')`, '2024-04'],
  year: [`YEAR(${X})`, 2024],
  hour: [`DATE_FORMAT(${X}, '%Y-%m-%d %H')`, '2024-05-02 08'],
  hour2: [bucket('hour', 2, '%Y-%m-%d %H'), '2024-05-02 08'],
  hour3: [bucket('hour', 3, '%Y-%m-%d %H'), '2024-05-02 06'],
  hour4: [bucket('hour', 4, '%Y-%m-%d %H'), '2024-05-02 08'],
  hour6: [bucket('hour', 6, '%Y-%m-%d %H'), '2024-05-02 06'],
  hour8: [bucket('hour', 8, '%Y-%m-%d %H'), '2024-05-02 08'],
  hour12: [bucket('hour', 12, '%Y-%m-%d %H'), '2024-05-02 00'],
  hour_of_day: [`HOUR(${X})`, 8],
  minute: [`DATE_FORMAT(${X}, '%Y-%m-%d %H:%i')`, '2024-05-02 08:15'],
  minute2: [bucket('minute', 2, '%Y-%m-%d %H:%i'), '2024-05-02 08:14'],
  minute3: [bucket('minute', 3, '%Y-%m-%d %H:%i'), '2024-05-02 08:15'],
  minute4: [bucket('minute', 4, '%Y-%m-%d %H:%i'), '2024-05-02 08:12'],
  minute5: [bucket('minute', 5, '%Y-%m-%d %H:%i'), '2024-05-02 08:15'],
  minute6: [bucket('minute', 6, '%Y-%m-%d %H:%i'), '2024-05-02 08:12'],
  minute10: [bucket('minute', 10, '%Y-%m-%d %H:%i'), '2024-05-02 08:10'],
  minute12: [bucket('minute', 12, '%Y-%m-%d %H:%i'), '2024-05-02 08:12'],
  minute15: [bucket('minute', 15, '%Y-%m-%d %H:%i'), '2024-05-02 08:15'],
  minute20: [bucket('minute', 20, '%Y-%m-%d %H:%i'), '2024-05-02 08:00'],
  minute30: [bucket('minute', 30, '%Y-%m-%d %H:%i'), '2024-05-02 08:00'],
  second: [`DATE_FORMAT(${X}, '%Y-%m-%d %H:%i:%s')`, '2024-05-02 08:15:30'],
  millisecond: [`DATE_FORMAT(${X}, '%Y-%m-%d %H:%i:%s.%f')`, '2024-05-02 08:15:30.000000'],
  microsecond: [`DATE_FORMAT(${X}, '%Y-%m-%d %H:%i:%s.%f')`, '2024-05-02 08:15:30.000000'],
  day_of_week: [`DATE_FORMAT(${X}, '%W')`, 'Thursday'],
  day_of_week_index: [`MOD((DAY_OF_WEEK(${X}) % 7) - 1 + 7, 7)`, 3],
  day_of_month: [`DAY_OF_MONTH(${X})`, 2],
  day_of_year: [`DAY_OF_YEAR(${X})`, 123],
  week_of_year: [`WEEK_OF_YEAR(${X})`, 18],
  month_name: [`DATE_FORMAT(${X}, '%M')`, 'May'],
  month_num: [`MONTH(${X})`, 5],
  quarter_of_year: [`QUARTER(${X})`, 2],
  yesno: [`CASE WHEN ${X} IS NOT NULL THEN 'Yes' ELSE 'No' END`, 'Yes'],
};

const compiler = new GatedCompiler(eventsIr());
let db: ShimDb;
beforeAll(async () => {
  db = await openEventsDb();
});
afterAll(() => db?.close());

describe('time dimension_group: every time frame', () => {
  it('covers every time frame the vocabulary has', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...TIMEFRAMES].sort());
  });

  it.each(TIMEFRAMES.map((t) => [t] as const))('%s: SQL, and its value for 2024-05-02T08:15:30Z on DuckDB', async (t) => {
    const name = `events.created_${t}`;
    const { sql, columns } = compiler.compile({ explore: 'events', fields: [name], filters: { 'events.id': 'e1' }, now: NOW });
    const [expr, value] = EXPECTED[t];
    expect(sql.split('\n')[1]).toBe(`    ${expr} AS "${name}"`);
    expect(columns).toEqual([{ name, kind: 'dimension', type: t }]);
    const rows = await db.rows(sql);
    expect(rows).toEqual([{ [name]: value }]);
  });

  it('week starts on Monday across a month boundary and on Monday and Sunday themselves', async () => {
    // e3 is Monday 2024-05-06 00:00 (its own week start); e2 is Friday 2024-05-03; e4 is Tuesday 2024-04-30.
    const sql = compiler.sql({ explore: 'events', fields: ['events.id', 'events.created_week', 'events.created_day_of_week_index'], sorts: ['events.id'], now: NOW });
    expect(await db.rows(sql)).toEqual([
      { 'events.id': 'e1', 'events.created_week': '2024-04-29', 'events.created_day_of_week_index': 3 },
      { 'events.id': 'e2', 'events.created_week': '2024-04-29', 'events.created_day_of_week_index': 4 },
      { 'events.id': 'e3', 'events.created_week': '2024-05-06', 'events.created_day_of_week_index': 0 },
      { 'events.id': 'e4', 'events.created_week': '2024-04-29', 'events.created_day_of_week_index': 1 },
      { 'events.id': 'e5', 'events.created_week': '2024-05-06', 'events.created_day_of_week_index': 3 },
    ]);
  });

  it('a time dimension is the default sort, descending', () => {
    const sql = compiler.sql({ explore: 'events', fields: ['events.count', 'events.created_month'], now: NOW });
    expect(sql).toContain('ORDER BY\n    2 DESC');
  });

  it('filters on a date-like frame range over the raw timestamp; number frames compare the value', () => {
    const byDate = compiler.sql({ explore: 'events', fields: ['events.count'], filters: { 'events.created_month': '2024-05' }, now: NOW });
    expect(byDate).toContain("WHERE\n    (events.created_at >= TIMESTAMP '2024-05-01 00:00:00 UTC' AND events.created_at < TIMESTAMP '2024-06-01 00:00:00 UTC')");
    const byHour = compiler.sql({ explore: 'events', fields: ['events.count'], filters: { 'events.created_hour_of_day': '8' }, now: NOW });
    expect(byHour).toContain('WHERE\n    (HOUR(events.created_at) = 8)');
  });
});

describe('duration dimension_group', () => {
  const intervals = [
    ['seconds_handled', 'second', 82800],
    ['minutes_handled', 'minute', 1380],
    ['hours_handled', 'hour', 23],
    // 23 hours: 0 complete days in Athena (DuckDB's own date_diff would say 1; the shim makes it 0).
    ['days_handled', 'day', 0],
  ] as const;

  it.each(intervals)('%s is DATE_DIFF(%s) in complete units', async (field, unit, value) => {
    const name = `events.${field}`;
    const sql = compiler.sql({ explore: 'events', fields: [name], filters: { 'events.id': 'e1' }, now: NOW });
    expect(sql.split('\n')[1]).toBe(`    DATE_DIFF('${unit}', events.created_at, events.closed_at) AS "${name}"`);
    expect(await db.rows(sql)).toEqual([{ [name]: value }]);
  });

  it('a filter on a duration compares the number', async () => {
    const sql = compiler.sql({ explore: 'events', fields: ['events.id'], filters: { 'events.minutes_handled': '>60' }, now: NOW });
    expect(sql).toContain("WHERE\n    ((DATE_DIFF('minute', events.created_at, events.closed_at)) > 60)");
    expect(await db.rows(sql)).toEqual([{ 'events.id': 'e1' }, { 'events.id': 'e3' }]);
  });
});
