/**
 * A DuckDB engine over the Parquet copy, for the Parquet benchmark. It runs Athena SQL exactly as
 * DuckDbEngine does (same shim, same rewrite, same cell conversion) and only differs in what the
 * table reads: hive-partitioned Parquet instead of JSON log files, exposed under the same name
 * and columns, so the tile SQL is byte-identical on both.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { athenaShimStatements, createBoundedInstance, rowsOf, toDuckDbSql, type BoundedInstance } from '../generator/engines/duckdb/index.js';
import { EngineQueryError, type Engine, type QueryResult } from '../generator/engines/engine.js';

/** Partition column of the Parquet copy: `yyyy-MM-dd`. The table's `timestamp` is `yyyy/MM/dd`, and a `/` in a hive value would nest folders. */
export const PARQUET_PARTITION = 'dt';

export interface ParquetEngineOptions {
  /** Folder written by `COPY … (FORMAT PARQUET, PARTITION_BY (dt))`. */
  readonly dir: string;
  /** Columns of the JSON table in order (the view keeps them). */
  readonly columns: readonly string[];
  readonly schema: string;
  readonly table: string;
}

const q = (id: string): string => `"${id.replace(/"/g, '""')}"`;

export class ParquetEngine implements Engine {
  readonly name = 'duckdb' as const;

  private constructor(private readonly bounded: BoundedInstance) {}

  /** Same resource bounds as DuckDbEngine (memory limit, spill folder, no insertion order). */
  static async open(o: ParquetEngineOptions): Promise<ParquetEngine> {
    const bounded = await createBoundedInstance();
    const connection = await bounded.instance.connect();
    try {
      for (const statement of athenaShimStatements()) await connection.run(statement);
      await connection.run(`CREATE SCHEMA IF NOT EXISTS ${q(o.schema)}`);
      await connection.run(parquetViewSql(o));
    } catch (error) {
      connection.closeSync();
      bounded.close();
      throw error;
    }
    connection.closeSync();
    return new ParquetEngine(bounded);
  }

  async run(sql: string): Promise<QueryResult> {
    return this.with(sql, async (c, duckSql) => {
      return rowsOf(await c.runAndReadAll(duckSql));
    });
  }

  async explain(sql: string): Promise<void> {
    await this.plan(sql);
  }

  async plan(sql: string): Promise<string> {
    return this.with(sql, async (c, duckSql) =>
      (await c.runAndReadAll(`EXPLAIN ${duckSql}`)).getRowsJS().map((r) => String(r[1] ?? '')).join('\n'),
    );
  }

  async close(): Promise<void> {
    this.bounded.close();
  }

  private async with<T>(sql: string, body: (c: DuckDBConnection, duckSql: string) => Promise<T>): Promise<T> {
    const connection = await this.bounded.instance.connect();
    try {
      return await body(connection, toDuckDbSql(sql));
    } catch (error) {
      throw new EngineQueryError(error instanceof Error ? error.message : String(error), sql);
    } finally {
      connection.closeSync();
    }
  }
}

/**
 * The view: every column of the JSON table, in its order, with `timestamp` mapped back from `dt`.
 * hive_types_autocast = false keeps `dt` text; a filter on the mapped `timestamp` only reads
 * `dt`, so DuckDB prunes partitions with it as it prunes JSON files by path.
 */
export function parquetViewSql(o: ParquetEngineOptions): string {
  const select = o.columns.map((c) => (c === 'timestamp' ? `replace(${PARQUET_PARTITION}, '-', '/') AS "timestamp"` : q(c)));
  const files = `${o.dir.replace(/\/+$/, '')}/**/*.parquet`.replace(/'/g, "''");
  return `CREATE OR REPLACE VIEW ${q(o.schema)}.${q(o.table)} AS SELECT ${select.join(', ')} FROM read_parquet('${files}', hive_partitioning = true, hive_types_autocast = false)`;
}

/** COPY statement turning the JSON table into the partitioned Parquet copy (the local CTAS). */
export function copyToParquetSql(sourceTable: string, dir: string): string {
  const out = dir.replace(/'/g, "''");
  return `COPY (SELECT * EXCLUDE ("timestamp"), replace("timestamp", '/', '-') AS ${PARQUET_PARTITION} FROM ${q(sourceTable)}) TO '${out}' (FORMAT PARQUET, PARTITION_BY (${PARQUET_PARTITION}), OVERWRITE_OR_IGNORE)`;
}
