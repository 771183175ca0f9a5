import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { TrinoSQL } from 'dt-sql-parser';

/**
 * The few Athena-shim lines (toolchain-probe Appendix B) the filter SQL needs on DuckDB:
 * UTC session zone, Trino's 3-argument date_add, and from_iso8601_timestamp.
 */
const SHIM = [
  "SET TimeZone = 'UTC'",
  "CREATE OR REPLACE MACRO date_add(unit, n, x) AS x + n * CAST('1 ' || lower(unit) AS INTERVAL)",
  'CREATE OR REPLACE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)',
];

export async function openShimmedDuckDb(): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const statement of SHIM) await connection.run(statement);
  return connection;
}

/** Create table `t(id INTEGER, x <columnType>)` with one row per value, ids 0..n-1. */
export async function createValuesTable(
  connection: DuckDBConnection,
  columnType: string,
  valuesSql: readonly string[],
): Promise<void> {
  await connection.run(`CREATE OR REPLACE TABLE t (id INTEGER, x ${columnType})`);
  const rows = valuesSql.map((v, i) => `(${i}, ${v})`).join(', ');
  await connection.run(`INSERT INTO t VALUES ${rows}`);
}

/** The ids of the rows of `t` a predicate selects, sorted. */
export async function selectedIds(connection: DuckDBConnection, predicate: string): Promise<number[]> {
  const reader = await connection.runAndReadAll(`SELECT id FROM t WHERE ${predicate} ORDER BY id`);
  return reader.getRowObjectsJson().map((row) => Number(row['id']));
}

/** The ids whose JS value satisfies `expected`: the independent oracle for each filter. */
export function expectedIds<T>(values: readonly T[], expected: (value: T) => boolean): number[] {
  return values.flatMap((v, i) => (expected(v) ? [i] : []));
}

const trino = new TrinoSQL();

/** Syntax errors the Trino grammar reports for `SELECT … WHERE <predicate>` (empty = valid Trino). */
export function trinoSyntaxErrors(predicate: string): string[] {
  return trino.validate(`SELECT id FROM t WHERE ${predicate}`).map((e) => e.message);
}
