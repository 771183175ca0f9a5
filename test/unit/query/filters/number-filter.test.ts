import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { filterToSql } from '../../../../generator/query/filters/index.js';
import { createValuesTable, expectedIds, openShimmedDuckDb, selectedIds, trinoSyntaxErrors } from './duckdb-helper.js';

const now = new Date('2024-03-06T15:45:12Z');
const sql = (expression: string): string => filterToSql({ expression, type: 'number', sql: 't.x', now });

describe('number filters: SQL text', () => {
  it.each([
    ['5', 't.x = 5'],
    ['1,3,5', 't.x IN (1, 3, 5)'],
    ['>10', 't.x > 10'],
    ['>=1 AND <=9', '(t.x >= 1 AND t.x <= 9)'],
    ['[1,10)', '(t.x >= 1 AND t.x < 10)'],
    ['(1,10)', '(t.x > 1 AND t.x < 10)'],
    ['1 to 10', '(t.x >= 1 AND t.x <= 10)'],
    ['NOT 5', '(t.x <> 5 OR t.x IS NULL)'],
    ['NOT 66, 99, 4', '(t.x NOT IN (66, 99, 4) OR t.x IS NULL)'],
    ['NOT [1,10]', '(NOT (t.x >= 1 AND t.x <= 10) OR t.x IS NULL)'],
    ['-5', 't.x = -5'],
    ['NULL', 't.x IS NULL'],
    ['NOT NULL', 't.x IS NOT NULL'],
    ['>5,<2', '(t.x > 5 OR t.x < 2)'],
    ['12345678901234567890', 't.x = 12345678901234567890'],
    ['', 'TRUE'],
  ])('%j → %s', (expression, expected) => {
    expect(sql(expression)).toBe(expected);
  });
});

describe('number filters: executed on DuckDB', () => {
  const values: readonly (number | null)[] = [null, -5, -1.5, 0, 0.5, 1, 1.5, 2, 3, 5, 9, 10, 11, 66, 1000];
  let db: DuckDBConnection;
  beforeAll(async () => {
    db = await openShimmedDuckDb();
    await createValuesTable(db, 'DOUBLE', values.map((v) => (v === null ? 'NULL' : String(v))));
  });
  afterAll(() => db.closeSync());

  const notNull = (f: (v: number) => boolean) => (v: number | null): boolean => v !== null && f(v);
  const orNull = (f: (v: number) => boolean) => (v: number | null): boolean => v === null || f(v);

  it.each<[string, (v: number | null) => boolean]>([
    ['5', notNull((v) => v === 5)],
    ['1,3,5', notNull((v) => [1, 3, 5].includes(v))],
    ['5 OR 9', notNull((v) => v === 5 || v === 9)],
    ['NOT 5', orNull((v) => v !== 5)],
    ['NOT 66, 99, 4', orNull((v) => ![66, 99, 4].includes(v))],
    ['-5', notNull((v) => v === -5)],
    ['-1.5', notNull((v) => v === -1.5)],
    ['>10', notNull((v) => v > 10)],
    ['>=10', notNull((v) => v >= 10)],
    ['<0', notNull((v) => v < 0)],
    ['<=0.5', notNull((v) => v <= 0.5)],
    ['NOT >5', orNull((v) => !(v > 5))],
    ['>=1 AND <=9', notNull((v) => v >= 1 && v <= 9)],
    ['>1 AND <9', notNull((v) => v > 1 && v < 9)],
    ['<=9 AND >1', notNull((v) => v > 1 && v <= 9)],
    ['[1,10]', notNull((v) => v >= 1 && v <= 10)],
    ['(1,10)', notNull((v) => v > 1 && v < 10)],
    ['[1,10)', notNull((v) => v >= 1 && v < 10)],
    ['(1,10]', notNull((v) => v > 1 && v <= 10)],
    ['[5,)', notNull((v) => v >= 5)],
    ['(,5)', notNull((v) => v < 5)],
    ['[5,inf)', notNull((v) => v >= 5)],
    ['(-inf,5]', notNull((v) => v <= 5)],
    ['NOT [1,10]', orNull((v) => !(v >= 1 && v <= 10))],
    ['1 to 10', notNull((v) => v >= 1 && v <= 10)],
    ['to 1.5', notNull((v) => v <= 1.5)],
    ['9 to', notNull((v) => v >= 9)],
    ['>5,<0', notNull((v) => v > 5 || v < 0)],
    ['>5,NOT 66', notNull((v) => v > 5 && v !== 66)],
    ['NOT 3,NOT 5,10', notNull((v) => v === 10)],
    ['1e3', notNull((v) => v === 1000)],
    ['NULL', (v) => v === null],
    ['NOT NULL', (v) => v !== null],
    ['', () => true],
  ])('%j selects the expected rows', async (expression, expected) => {
    const predicate = sql(expression);
    expect(trinoSyntaxErrors(predicate)).toEqual([]);
    expect(await selectedIds(db, predicate)).toEqual(expectedIds(values, expected));
  });
});
