import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { filterToSql } from '../../../../generator/query/filters/index.js';
import { createValuesTable, expectedIds, openShimmedDuckDb, selectedIds, trinoSyntaxErrors } from './duckdb-helper.js';

const now = new Date('2024-03-06T15:45:12Z');
const sql = (expression: string, field = 't.x'): string => filterToSql({ expression, type: 'string', sql: field, now });

describe('string filters: SQL text', () => {
  it.each([
    ['foo', "t.x = 'foo'"],
    ['FOO,BAR', "t.x IN ('FOO', 'BAR')"],
    ['-foo', "(t.x <> 'foo' OR t.x IS NULL)"],
    ['-a,-b', "(t.x NOT IN ('a', 'b') OR t.x IS NULL)"],
    ['FOO%,-FOOD', "(t.x LIKE 'FOO%' AND (t.x <> 'FOOD' OR t.x IS NULL))"],
    ['%sg-%,-NULL', "(t.x LIKE '%sg-%' AND t.x IS NOT NULL)"],
    ['NULL', 't.x IS NULL'],
    ['-NULL', 't.x IS NOT NULL'],
    ['EMPTY', "(t.x IS NULL OR t.x = '')"],
    ['-EMPTY', "(t.x IS NOT NULL AND t.x <> '')"],
    ['F%OD', "t.x LIKE 'F%OD'"],
    ['%foo%', "t.x LIKE '%foo%'"],
    ['-%foo', "(t.x NOT LIKE '%foo' OR t.x IS NULL)"],
    ['50^%%', "t.x LIKE '50!%%' ESCAPE '!'"],
    ['a^,b', "t.x = 'a,b'"],
    ["it's", "t.x = 'it''s'"],
    ['', 'TRUE'],
  ])('%j → %s', (expression, expected) => {
    expect(sql(expression)).toBe(expected);
  });

  it('parenthesises a compound field expression', () => {
    expect(sql('foo', "coalesce(t.a, '') || t.b")).toBe("(coalesce(t.a, '') || t.b) = 'foo'");
  });
});

describe('string filters: executed on DuckDB', () => {
  // Values chosen to trip quoting, LIKE wildcards, Looker's ^ escapes, commas and NULL handling.
  const values: readonly (string | null)[] = [
    'foo', 'food', 'FOO', 'FOOD', 'Foolish', 'buffoon', 'fast food', 'bar', 'a', 'b', 'a,b', '50%', '5000', '50%off',
    'a_b', 'axb', 'a^b', "it's", "'quoted'", 'sg-123', 'x sg-1', ' foo', '', 'NULL', 'a-b', '-foo', 'a!b', null,
  ];
  let db: DuckDBConnection;
  beforeAll(async () => {
    db = await openShimmedDuckDb();
    const literal = (v: string | null): string => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
    await createValuesTable(db, 'VARCHAR', values.map(literal));
  });
  afterAll(() => db.closeSync());

  const notNull = (f: (v: string) => boolean) => (v: string | null): boolean => v !== null && f(v);
  const orNull = (f: (v: string) => boolean) => (v: string | null): boolean => v === null || f(v);

  it.each<[string, (v: string | null) => boolean]>([
    ['foo', notNull((v) => v === 'foo')],
    ['FOO,bar', notNull((v) => v === 'FOO' || v === 'bar')],
    ['-foo', orNull((v) => v !== 'foo')],
    ['-a,-b', orNull((v) => v !== 'a' && v !== 'b')],
    ['a,b,-a', notNull((v) => v === 'b')],
    ['NULL', (v) => v === null],
    ['-NULL', (v) => v !== null],
    ['EMPTY', (v) => v === null || v === ''],
    ['-EMPTY', notNull((v) => v.length > 0)],
    ['%foo%', notNull((v) => v.includes('foo'))],
    ['-%foo%', orNull((v) => !v.includes('foo'))],
    ['FOO%', notNull((v) => v.startsWith('FOO'))],
    ['FOO%,-FOOD', notNull((v) => v.startsWith('FOO') && v !== 'FOOD')],
    ['%od', notNull((v) => v.endsWith('od'))],
    ['-foo%,-bar%', orNull((v) => !v.startsWith('foo') && !v.startsWith('bar'))],
    ['F%OD', notNull((v) => /^F.*OD$/s.test(v))],
    ['_oo', notNull((v) => /^.oo$/s.test(v))],
    ['a_b', notNull((v) => /^a.b$/s.test(v))],
    ['a^_b', notNull((v) => v === 'a_b')],
    ['a^_%', notNull((v) => v.startsWith('a_'))],
    ['50^%', notNull((v) => v === '50%')],
    ['50^%%', notNull((v) => v.startsWith('50%'))],
    ['%^%%', notNull((v) => v.includes('%'))],
    ['a^,b', notNull((v) => v === 'a,b')],
    ['a^^b', notNull((v) => v === 'a^b')],
    ['^-foo', notNull((v) => v === '-foo')],
    ['a-b', notNull((v) => v === 'a-b')],
    ["it's", notNull((v) => v === "it's")],
    ["%'%", notNull((v) => v.includes("'"))],
    ['%!%', notNull((v) => v.includes('!'))],
    ['%sg-%,-NULL', notNull((v) => v.includes('sg-'))],
    ['NULL,foo', (v) => v === null || v === 'foo'],
    ['^ foo', notNull((v) => v === ' foo')],
    ['"a,b"', notNull((v) => v === 'a,b')],
    ['', () => true],
  ])('%j selects the expected rows', async (expression, expected) => {
    const predicate = sql(expression);
    expect(trinoSyntaxErrors(predicate)).toEqual([]);
    expect(await selectedIds(db, predicate)).toEqual(expectedIds(values, expected));
  });
});
