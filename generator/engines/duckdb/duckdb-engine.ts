/**
 * The local engine: an in-memory DuckDB with CloudTrail logs exposed as the Athena table, the
 * Athena compatibility shim loaded, and Athena SQL rewritten only where macros cannot reach
 * (rewrite.ts). The SQL text a caller passes is the SQL Athena would receive.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { TableSchema } from '../../schema/column.js';
import { EngineQueryError, type Engine, type QueryResult, type RunOptions } from '../engine.js';
import { rowsOf } from './cells.js';
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
  /**
   * DuckDB's memory_limit (`'1.5GB'`, `'512MB'`, …). Defaults to $CLOUDTRAIL_LOOKML_DUCKDB_MEMORY,
   * else DEFAULT_MEMORY_LIMIT. Beyond it, aggregates, joins and sorts spill to `tempDirectory`.
   */
  readonly memoryLimit?: string;
  /**
   * Worker threads. Defaults to $CLOUDTRAIL_LOOKML_DUCKDB_THREADS, else DuckDB's default (one per
   * core). Fewer threads hold fewer partial hash tables and read buffers at once.
   */
  readonly threads?: number;
  /** Where the spill folder is created (a fresh subfolder, removed on close). Defaults to os.tmpdir(). */
  readonly tempDirectory?: string;
  /**
   * Queries executing at once; more wait their turn (default 1). The memory limit is shared by all
   * queries of the database, and each query already uses every thread, so side-by-side queries
   * (validation runs explores and tiles in parallel) mostly split the memory, not speed things up.
   */
  readonly maxConcurrentQueries?: number;
}

/**
 * The engine validates and previews, it is not a warehouse: bounded so the CLI stays under 2 GB.
 * Not 1 GB: the block's explore-wide validation query (every field, ~40 COUNT(DISTINCT …)
 * measures) needs ~0.9 GB of hash tables whatever the data size (2,900 records included), and
 * tiles run beside it; 1.5 GB passes on the fixtures with a peak RSS of ~1.8 GB. See BENCHMARKS.md.
 */
export const DEFAULT_MEMORY_LIMIT = '1.5GB';
export const MEMORY_LIMIT_ENV = 'CLOUDTRAIL_LOOKML_DUCKDB_MEMORY';
export const THREADS_ENV = 'CLOUDTRAIL_LOOKML_DUCKDB_THREADS';

export interface ResourceOptions {
  readonly memoryLimit?: string;
  readonly threads?: number;
  readonly tempDirectory?: string;
}

/** An in-memory DuckDB with bounded memory and a private spill folder; closing removes the folder. */
export interface BoundedInstance {
  readonly instance: DuckDBInstance;
  /** The spill folder (DuckDB's temp_directory). */
  readonly spillDirectory: string;
  /** The memory_limit in effect. */
  readonly memoryLimit: string;
  close(): void;
}

/** The memory limit an engine gets: the option, else the environment variable, else the default. */
export function resolveMemoryLimit(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = (option ?? env[MEMORY_LIMIT_ENV] ?? '').trim();
  return value === '' ? DEFAULT_MEMORY_LIMIT : value;
}

/** The thread count an engine gets: the option, else the environment variable, else DuckDB's default. */
export function resolveThreads(option?: number, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (option !== undefined) return option;
  const value = (env[THREADS_ENV] ?? '').trim();
  if (value === '') return undefined;
  if (!/^[1-9][0-9]*$/.test(value)) throw new Error(`$${THREADS_ENV} must be a positive integer, got "${value}"`);
  return Number(value);
}

/** Spill folders of instances still open: removed if the process exits without closing them. */
const openSpillFolders = new Set<string>();
let exitHookInstalled = false;
function removeOnExit(folder: string): void {
  openSpillFolders.add(folder);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const f of openSpillFolders) rmSync(f, { recursive: true, force: true });
  });
}

/**
 * DuckDB's defaults suit a database server: memory_limit is 80 % of RAM and nothing spills before
 * that. Here the memory is bounded, spilling goes to a private temp folder, and results need not
 * keep insertion order (which lets aggregates and scans stream instead of buffering).
 */
export async function createBoundedInstance(options: ResourceOptions = {}): Promise<BoundedInstance> {
  const memoryLimit = resolveMemoryLimit(options.memoryLimit);
  const threads = resolveThreads(options.threads);
  const parent = options.tempDirectory ?? tmpdir();
  mkdirSync(parent, { recursive: true });
  const spillDirectory = mkdtempSync(join(parent, 'cloudtrail-lookml-duckdb-'));
  const remove = (): void => {
    openSpillFolders.delete(spillDirectory);
    rmSync(spillDirectory, { recursive: true, force: true });
  };
  removeOnExit(spillDirectory);
  const config: Record<string, string> = {
    memory_limit: memoryLimit,
    temp_directory: spillDirectory,
    preserve_insertion_order: 'false',
  };
  if (threads !== undefined) config['threads'] = String(threads);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(':memory:', config);
  } catch (error) {
    remove();
    throw new Error(`DuckDB could not start with memory limit "${memoryLimit}" (option memoryLimit or $${MEMORY_LIMIT_ENV}): ${errorMessage(error)}`);
  }
  let closed = false;
  return {
    instance,
    spillDirectory,
    memoryLimit,
    close(): void {
      if (closed) return;
      closed = true;
      try {
        instance.closeSync();
      } finally {
        remove();
      }
    },
  };
}

export class DuckDbEngine implements Engine {
  readonly name = 'duckdb' as const;

  private readonly slots: Slots;

  private constructor(
    private readonly bounded: BoundedInstance,
    /** What was loaded: files, records, and the corrupt files that were skipped. */
    readonly load: LoadReport,
    readonly tableName: string,
    /** The CREATE VIEW/TABLE statement that defines the table. */
    readonly tableSql: string,
    maxConcurrentQueries: number,
  ) {
    this.slots = new Slots(maxConcurrentQueries);
  }

  /** Creates the database, loads the shim, finds and probes the log files, and defines the table. */
  static async open(options: DuckDbEngineOptions): Promise<DuckDbEngine> {
    const bounded = await createBoundedInstance(options);
    try {
      const connection = await bounded.instance.connect();
      try {
        for (const statement of athenaShimStatements()) await connection.run(statement);
        const load = await loadLogFiles(connection, options.data, options);
        const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
        const tableSql = buildTableSql({ ...options, tableName, sources: load.sources });
        await connection.run(tableSql);
        return new DuckDbEngine(bounded, load, tableName, tableSql, Math.max(1, options.maxConcurrentQueries ?? 1));
      } finally {
        connection.closeSync();
      }
    } catch (error) {
      bounded.close();
      throw error;
    }
  }

  private get instance(): DuckDBInstance {
    return this.bounded.instance;
  }

  /** The memory_limit in effect and the spill folder (removed on close). */
  get resources(): { readonly memoryLimit: string; readonly spillDirectory: string } {
    return { memoryLimit: this.bounded.memoryLimit, spillDirectory: this.bounded.spillDirectory };
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
      return rowsOf(await connection.runAndReadAll(duckSql));
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
    this.bounded.close();
  }

  /**
   * One connection per query, at most maxConcurrentQueries executing (the others wait, and an abort
   * while waiting rejects at once); an abort interrupts only its own query. The shim's settings are GLOBAL, so every new connection has them.
   */
  private async withConnection<T>(
    sql: string,
    options: RunOptions,
    body: (connection: DuckDBConnection, duckSql: string) => Promise<T>,
  ): Promise<T> {
    const { signal } = options;
    signal?.throwIfAborted();
    const release = await this.slots.acquire(signal);
    try {
      return await this.runInSlot(sql, options, body);
    } finally {
      release();
    }
  }

  private async runInSlot<T>(
    sql: string,
    options: RunOptions,
    body: (connection: DuckDBConnection, duckSql: string) => Promise<T>,
  ): Promise<T> {
    const { signal } = options;
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

/** A counting semaphore: `acquire` waits for a free slot (or rejects when the signal aborts). */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (this.free > 0) {
      this.free--;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal?.reason);
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next waiter
      else this.free++;
    };
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
