import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { filterToSql } from '../../../../generator/query/filters/index.js';
import { createValuesTable, expectedIds, openShimmedDuckDb, selectedIds, trinoSyntaxErrors } from './duckdb-helper.js';

const now = new Date('2024-03-06T15:45:12Z');
// Our yesno dimensions render as boolean expressions; this one is NULL when x is NULL.
const field = "t.x = 'Root'";
const sql = (expression: string): string => filterToSql({ expression, type: 'yesno', sql: field, now });

describe('yesno filters: SQL text', () => {
  it.each([
    ['Yes', "(t.x = 'Root') = true"],
    ['yes', "(t.x = 'Root') = true"],
    ['No', "NOT COALESCE((t.x = 'Root'), false)"],
    ['NO', "NOT COALESCE((t.x = 'Root'), false)"],
    ['', 'TRUE'],
  ])('%j → %s', (expression, expected) => {
    expect(sql(expression)).toBe(expected);
  });
});

describe('yesno filters: executed on DuckDB', () => {
  const values: readonly (string | null)[] = ['Root', 'IAMUser', null, 'AssumedRole', 'Root'];
  let db: DuckDBConnection;
  beforeAll(async () => {
    db = await openShimmedDuckDb();
    await createValuesTable(db, 'VARCHAR', values.map((v) => (v === null ? 'NULL' : `'${v}'`)));
  });
  afterAll(() => db.closeSync());

  it.each<[string, (v: string | null) => boolean]>([
    ['Yes', (v) => v === 'Root'],
    // Looker's yesno is CASE WHEN cond THEN 'Yes' ELSE 'No': a NULL condition reads "No".
    ['No', (v) => v !== 'Root'],
    [' no ', (v) => v !== 'Root'],
  ])('%j selects the expected rows', async (expression, expected) => {
    const predicate = sql(expression);
    expect(trinoSyntaxErrors(predicate)).toEqual([]);
    expect(await selectedIds(db, predicate)).toEqual(expectedIds(values, expected));
  });
});
