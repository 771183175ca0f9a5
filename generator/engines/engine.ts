/**
 * The engine seam: the query compiler prints Athena SQL; an engine runs that text.
 * Engine differences are closed inside each engine (DuckDB shim, Athena client), never in the compiler.
 */

/** One result cell as the engine returned it, normalised to JSON-friendly values. */
export type Cell = string | number | boolean | null;

export interface QueryResult {
  /** Output column names, in SELECT order. */
  readonly columns: readonly string[];
  /** Rows keyed by column name. */
  readonly rows: readonly Record<string, Cell>[];
  /** Bytes the engine scanned, where it reports it (Athena); undefined otherwise. */
  readonly bytesScanned?: number;
}

export interface RunOptions {
  /** Aborting cancels the query (Athena: StopQueryExecution). */
  readonly signal?: AbortSignal;
}

export interface Engine {
  readonly name: 'duckdb' | 'athena';
  /** Runs one SELECT (Athena SQL text) and returns its rows. */
  run(sql: string, options?: RunOptions): Promise<QueryResult>;
  /** Plans one SELECT without reading data; throws EngineQueryError when it would fail. */
  explain(sql: string, options?: RunOptions): Promise<void>;
  close(): Promise<void>;
}

/** A query the engine refused or failed: the message is the engine's own. */
export class EngineQueryError extends Error {
  constructor(
    message: string,
    readonly sql: string,
    readonly detail: { readonly category?: string; readonly type?: string; readonly queryId?: string } = {},
  ) {
    super(message);
    this.name = 'EngineQueryError';
  }
}
