import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { dateFilterRange, filterToSql, partitionDayRange } from '../../../../generator/query/filters/index.js';
import { createValuesTable, expectedIds, openShimmedDuckDb, selectedIds, trinoSyntaxErrors } from './duckdb-helper.js';

// Wednesday 2024-03-06 15:45:12 UTC: leap-year February, Monday-start week 2024-03-04, Q1.
const now = new Date('2024-03-06T15:45:12Z');
const FIELD = 'from_iso8601_timestamp(t.x)';
const sql = (expression: string): string => filterToSql({ expression, type: 'date', sql: FIELD, now });
const ts = (s: string): string => `TIMESTAMP '${s} UTC'`;

describe('date filters: SQL text', () => {
  it.each([
    ['7 days', `(${FIELD} >= ${ts('2024-02-29 00:00:00')} AND ${FIELD} < ${ts('2024-03-07 00:00:00')})`],
    ['7 days ago for 7 days', `(${FIELD} >= ${ts('2024-02-28 00:00:00')} AND ${FIELD} < ${ts('2024-03-06 00:00:00')})`],
    ['last week', `(${FIELD} >= ${ts('2024-02-26 00:00:00')} AND ${FIELD} < ${ts('2024-03-04 00:00:00')})`],
    ['3 hours', `(${FIELD} >= ${ts('2024-03-06 13:00:00')} AND ${FIELD} < ${ts('2024-03-06 16:00:00')})`],
    ['after 2024-01-01', `${FIELD} >= ${ts('2024-01-01 00:00:00')}`],
    ['before 2024-01-01 10:30', `${FIELD} < ${ts('2024-01-01 10:30:00')}`],
    ['NULL', `${FIELD} IS NULL`],
    ['-NULL', `${FIELD} IS NOT NULL`],
    ['NOT NULL', `${FIELD} IS NOT NULL`],
    ['', 'TRUE'],
  ])('%j → %s', (expression, expected) => {
    expect(sql(expression)).toBe(expected);
  });
});

describe('date filters: executed on DuckDB', () => {
  // Instants on both sides of day, week, month, quarter and year boundaries, two non-UTC offsets and a NULL.
  const values: readonly (string | null)[] = [
    null,
    '2023-09-30T23:59:59Z', '2023-10-01T00:00:00Z', '2023-12-31T23:59:59Z', '2024-01-01T00:00:00Z',
    '2024-01-01T10:29:59Z', '2024-01-01T10:30:00Z', '2024-01-01T10:30:59Z', '2024-01-01T10:31:00Z',
    '2024-01-31T23:59:59Z', '2024-02-01T00:00:00Z', '2024-02-25T23:59:59Z', '2024-02-26T00:00:00Z',
    '2024-02-27T23:59:59.999Z', '2024-02-28T00:00:00Z', '2024-02-29T12:00:00Z', '2024-03-01T00:00:00Z',
    '2024-03-03T23:59:59Z', '2024-03-04T00:00:00Z', '2024-03-05T23:59:59.999Z', '2024-03-06T00:00:00Z',
    '2024-03-06T01:30:00+02:00', // 2024-03-05 23:30 UTC: yesterday, despite its local date
    '2024-03-05T22:30:00-02:00', // 2024-03-06 00:30 UTC: today
    '2024-03-06T12:59:59Z', '2024-03-06T13:00:00Z', '2024-03-06T13:59:59Z', '2024-03-06T14:00:00Z',
    '2024-03-06T14:59:59Z', '2024-03-06T15:00:00Z', '2024-03-06T15:45:12Z', '2024-03-06T23:59:59.999Z',
    '2024-03-07T00:00:00Z', '2024-03-10T23:59:59Z', '2024-03-11T00:00:00Z', '2024-03-31T23:59:59Z',
    '2024-04-01T00:00:00Z', '2024-12-31T23:59:59Z', '2025-01-01T00:00:00Z',
  ];
  let db: DuckDBConnection;
  beforeAll(async () => {
    db = await openShimmedDuckDb();
    await createValuesTable(db, 'VARCHAR', values.map((v) => (v === null ? 'NULL' : `'${v}'`)));
  });
  afterAll(() => db.closeSync());

  /** Rows in [start, end); bounds are written out by hand so the oracle does not share the code under test. */
  const between = (start: string | null, end: string | null) => (v: string | null): boolean => {
    if (v === null) return false;
    const t = Date.parse(v);
    return (start === null || t >= Date.parse(start)) && (end === null || t < Date.parse(end));
  };
  const anyOf = (...fs: ((v: string | null) => boolean)[]) => (v: string | null): boolean => fs.some((f) => f(v));

  const cases: [string, (v: string | null) => boolean][] = [
    ['today', between('2024-03-06T00:00:00Z', '2024-03-07T00:00:00Z')],
    ['yesterday', between('2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z')],
    ['tomorrow', between('2024-03-07T00:00:00Z', '2024-03-08T00:00:00Z')],
    ['1 day', between('2024-03-06T00:00:00Z', '2024-03-07T00:00:00Z')],
    ['7 days', between('2024-02-29T00:00:00Z', '2024-03-07T00:00:00Z')],
    ['7 days ago for 7 days', between('2024-02-28T00:00:00Z', '2024-03-06T00:00:00Z')],
    ['7 days ago for 3 days', between('2024-02-28T00:00:00Z', '2024-03-02T00:00:00Z')],
    ['3 days ago', between('2024-03-03T00:00:00Z', '2024-03-04T00:00:00Z')],
    ['1 day from now', between('2024-03-07T00:00:00Z', '2024-03-08T00:00:00Z')],
    ['3 hours', between('2024-03-06T13:00:00Z', '2024-03-06T16:00:00Z')],
    ['last hour', between('2024-03-06T14:00:00Z', '2024-03-06T15:00:00Z')],
    ['this week', between('2024-03-04T00:00:00Z', '2024-03-11T00:00:00Z')],
    ['last week', between('2024-02-26T00:00:00Z', '2024-03-04T00:00:00Z')],
    ['next week', between('2024-03-11T00:00:00Z', '2024-03-18T00:00:00Z')],
    ['2 weeks', between('2024-02-26T00:00:00Z', '2024-03-11T00:00:00Z')],
    ['this month', between('2024-03-01T00:00:00Z', '2024-04-01T00:00:00Z')],
    ['last month', between('2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z')],
    ['2 months', between('2024-02-01T00:00:00Z', '2024-04-01T00:00:00Z')],
    ['this quarter', between('2024-01-01T00:00:00Z', '2024-04-01T00:00:00Z')],
    ['last quarter', between('2023-10-01T00:00:00Z', '2024-01-01T00:00:00Z')],
    ['this year', between('2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z')],
    ['last year', between('2023-01-01T00:00:00Z', '2024-01-01T00:00:00Z')],
    ['before this week', between(null, '2024-03-04T00:00:00Z')],
    ['after last month', between('2024-02-01T00:00:00Z', null)],
    ['before 3 days ago', between(null, '2024-03-03T00:00:00Z')],
    ['after 7 days ago', between('2024-02-28T00:00:00Z', null)],
    ['2024-03-06', between('2024-03-06T00:00:00Z', '2024-03-07T00:00:00Z')],
    ['2024/03/05', between('2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z')],
    ['2024-01-01 10:30', between('2024-01-01T10:30:00Z', '2024-01-01T10:31:00Z')],
    ['2024-01-01 to 2024-02-01', between('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z')],
    ['2024-02-26 to 2024-03-06 13:00', between('2024-02-26T00:00:00Z', '2024-03-06T13:00:00Z')],
    ['after 2024-03-06', between('2024-03-06T00:00:00Z', null)],
    ['before 2024-03-06', between(null, '2024-03-06T00:00:00Z')],
    ['2024-02-28 for 2 days', between('2024-02-28T00:00:00Z', '2024-03-01T00:00:00Z')],
    ['2024-01-31 for 1 month', between('2024-01-31T00:00:00Z', '2024-02-29T00:00:00Z')],
    ['2024-02', between('2024-02-01T00:00:00Z', '2024-03-01T00:00:00Z')],
    ['2024-01 for 2 months', between('2024-01-01T00:00:00Z', '2024-03-01T00:00:00Z')],
    ['2023-Q4', between('2023-10-01T00:00:00Z', '2024-01-01T00:00:00Z')],
    ['2024', between('2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z')],
    ['yesterday,2024-01-01', anyOf(between('2024-03-05T00:00:00Z', '2024-03-06T00:00:00Z'), between('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'))],
    ['today,NULL', anyOf(between('2024-03-06T00:00:00Z', '2024-03-07T00:00:00Z'), (v) => v === null)],
    ['NULL', (v) => v === null],
    ['-NULL', (v) => v !== null],
    ['NOT NULL', (v) => v !== null],
    ['', () => true],
  ];

  it.each(cases)('%j selects the expected rows', async (expression, expected) => {
    const predicate = sql(expression);
    expect(trinoSyntaxErrors(predicate)).toEqual([]);
    const ids = await selectedIds(db, predicate);
    expect(ids).toEqual(expectedIds(values, expected));
  });

  it('fixture has rows inside every case, so no case passes vacuously', () => {
    const empty = cases.filter(([, f]) => expectedIds(values, f).length === 0).map(([e]) => e);
    expect(empty).toEqual([]);
  });
});

describe('dateFilterRange / partitionDayRange', () => {
  const range = (e: string) => {
    const r = dateFilterRange(e, now);
    return { start: r.start?.toISOString() ?? null, end: r.end?.toISOString() ?? null };
  };

  it.each([
    ['7 days', '2024-02-29T00:00:00.000Z', '2024-03-07T00:00:00.000Z'],
    ['this month', '2024-03-01T00:00:00.000Z', '2024-04-01T00:00:00.000Z'],
    ['after 2024-01-01', '2024-01-01T00:00:00.000Z', null],
    ['before 2024-01-01', null, '2024-01-01T00:00:00.000Z'],
    ['yesterday,2024-01-01', '2024-01-01T00:00:00.000Z', '2024-03-06T00:00:00.000Z'],
    ['today,NULL', null, null],
    ['NOT NULL', null, null],
    ['', null, null],
  ])('%j → [%s, %s)', (expression, start, end) => {
    expect(range(expression)).toEqual({ start, end });
  });

  it('gives the inclusive partition days a range touches', () => {
    expect(partitionDayRange(dateFilterRange('7 days', now))).toEqual({ first: '2024/02/29', last: '2024/03/06' });
    expect(partitionDayRange(dateFilterRange('3 hours', now))).toEqual({ first: '2024/03/06', last: '2024/03/06' });
    expect(partitionDayRange(dateFilterRange('2024-01-01 23:30 to 2024-01-02 00:01', now))).toEqual({
      first: '2024/01/01',
      last: '2024/01/02',
    });
    expect(partitionDayRange(dateFilterRange('last month', now))).toEqual({ first: '2024/02/01', last: '2024/02/29' });
  });

  it('is null when the range is open-ended', () => {
    expect(partitionDayRange(dateFilterRange('after 2024-01-01', now))).toBeNull();
    expect(partitionDayRange(dateFilterRange('NULL', now))).toBeNull();
  });
});
