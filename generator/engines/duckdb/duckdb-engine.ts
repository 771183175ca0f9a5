/**
 * The local engine: an in-memory DuckDB with CloudTrail logs exposed as the Athena table, the
 * Athena compatibility shim loaded, and Athena SQL rewritten only where macros cannot reach
 * (rewrite.ts). The SQL text a caller passes is the SQL Athena would receive.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { TableSchema } from '../../schema/column.js';
import { EngineQueryError, type Cell, type Engine, type QueryResult, type RunOptions } from '../engine.js';
import { toCell } from './cells.js';
import type { PartitionColumn } from './layout.js';
import { errorMessage, loadLogFiles, type LoadReport } from './loader.js';
import { athenaToDuckDb } from './rewrite.js';
import { athenaShimStatements } from './shim.js';
import { buildTableSql, DEFAULT_TABLE_NAME } from './table-sql.js';
import { quoteIdent } from './sql-text.js';

export interface DuckDbEngineOptions {
  /** A folder (S3 layout under any AWSLogs/, or loose JSON files) or one log file. */
  readonly data: string;
  readonly schema: TableSchema;
  /** Defaults to `cloudtrail_logs`. */
  readonly tableName?: string;
  /** `view` (default) keeps partition pruning visible in EXPLAIN; `table` reads the files once. */
  readonly kind?: 'view' | 'table';
  readonly partitionColumns?: readonly PartitionColumn[];
  readonly maximumObjectSize?: number;
}

export class DuckDbEngine implements Engine {
  readonly name = 'duckdb' as const;

  private constructor(
    private readonly instance: DuckDBInstance,
    /** What was loaded: files, records, and the corrupt files that were skipped. */
    readonly load: LoadReport,
    readonly tableName: string,
    /** The CREATE VIEW/TABLE statement that defines the table. */
    readonly tableSql: string,
  ) {}

  /** Creates the database, loads the shim, finds and probes the log files, and defines the table. */
  static async open(options: DuckDbEngineOptions): Promise<DuckDbEngine> {
    const instance = await DuckDBInstance.create(':memory:');
    try {
      const connection = await instance.connect();
      try {
        for (const statement of athenaShimStatements()) await connection.run(statement);
        const load = await loadLogFiles(connection, options.data, options);
        const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
        const tableSql = buildTableSql({ ...options, tableName, sources: load.sources });
        await connection.run(tableSql);
        return new DuckDbEngine(instance, load, tableName, tableSql);
      } finally {
        connection.closeSync();
      }
    } catch (error) {
      instance.closeSync();
      throw error;
    }
  }

  /**
   * Makes the table reachable under the Athena name the SQL uses, `"database"."table"`: the block's
   * sql_table_name is schema-qualified, and the SQL under test must stay byte-identical.
   */
  async exposeAs(database: string, table: string): Promise<void> {
    const connection = await this.instance.connect();
    try {
      await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(database)}`);
      await connection.run(`CREATE OR REPLACE VIEW ${quoteIdent(database)}.${quoteIdent(table)} AS SELECT * FROM main.${quoteIdent(this.tableName)}`);
    } finally {
      connection.closeSync();
    }
  }

  /** Runs one Athena SELECT and returns its rows. */
  async run(sql: string, options: RunOptions = {}): Promise<QueryResult> {
    return this.withConnection(sql, options, async (connection, duckSql) => {
      const reader = await connection.runAndReadAll(duckSql);
      const columns = reader.columnNames();
      const types = reader.columnTypes();
      const rows = reader.getRows().map((values) => {
        const row: Record<string, Cell> = {};
        values.forEach((value, i) => {
          row[columns[i] ?? `_${i}`] = toCell(value, types[i]!);
        });
        return row;
      });
      return { columns, rows };
    });
  }

  /** Binds and plans one Athena SELECT without reading data; throws EngineQueryError when it would fail. */
  async explain(sql: string, options: RunOptions = {}): Promise<void> {
    await this.plan(sql, options);
  }

  /** The physical plan text of one Athena SELECT (shows file pruning: "Scanning Files: 1/56"). */
  async plan(sql: string, options: RunOptions = {}): Promise<string> {
    return this.withConnection(sql, options, async (connection, duckSql) => {
      const reader = await connection.runAndReadAll(`EXPLAIN ${duckSql}`);
      return reader
        .getRowsJS()
        .map((row) => String(row[1] ?? ''))
        .join('\n');
    });
  }

  async close(): Promise<void> {
    this.instance.closeSync();
  }

  /**
   * One connection per query: queries can run side by side, and an abort interrupts only its own
   * query. The shim's settings are GLOBAL, so every new connection has them.
   */
  private async withConnection<T>(
    sql: string,
    options: RunOptions,
    body: (connection: DuckDBConnection, duckSql: string) => Promise<T>,
  ): Promise<T> {
    const { signal } = options;
    signal?.throwIfAborted();
    const connection = await this.instance.connect();
    const interrupt = (): void => connection.interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      signal?.throwIfAborted(); // aborted while connecting: interrupt() had nothing to stop yet
      return await body(connection, toDuckDbSql(sql));
    } catch (error) {
      signal?.throwIfAborted();
      throw new EngineQueryError(errorMessage(error), sql, { type: errorType(error) });
    } finally {
      signal?.removeEventListener('abort', interrupt);
      connection.closeSync();
    }
  }
}

/** The Athena text, rewritten, without the trailing semicolon (EXPLAIN takes a single statement). */
export function toDuckDbSql(sql: string): string {
  return athenaToDuckDb(sql).trim().replace(/;+\s*$/, '');
}

/** DuckDB messages start with their kind: "Binder Error: …", "Parser Error: …". */
function errorType(error: unknown): string | undefined {
  return /^([A-Za-z ]+ Error):/.exec(errorMessage(error))?.[1];
}
