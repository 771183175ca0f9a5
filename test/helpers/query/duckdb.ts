/**
 * A tiny in-memory DuckDB with the Athena shim loaded, for running compiled Athena SQL over tables
 * a test builds itself (the same shim and rewrite the DuckDB engine uses, so the SQL text under
 * test is exactly what Athena would receive).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { athenaShimStatements } from '../../../generator/engines/duckdb/shim.js';
import { toDuckDbSql } from '../../../generator/engines/duckdb/duckdb-engine.js';
import { toCell } from '../../../generator/engines/duckdb/cells.js';
import type { Cell } from '../../../generator/engines/engine.js';

export class ShimDb {
  private constructor(private readonly instance: DuckDBInstance) {}

  static async open(setup: readonly string[] = []): Promise<ShimDb> {
    const instance = await DuckDBInstance.create(':memory:');
    const db = new ShimDb(instance);
    for (const s of [...athenaShimStatements(), ...setup]) await db.exec(s);
    return db;
  }

  /** Runs DuckDB SQL as written (table set-up). */
  async exec(sql: string): Promise<void> {
    const c = await this.instance.connect();
    try {
      await c.run(sql);
    } finally {
      c.closeSync();
    }
  }

  /** Runs Athena SQL (rewritten for DuckDB like the engine does) and returns rows keyed by column. */
  async rows(athenaSql: string): Promise<Record<string, Cell>[]> {
    const c = await this.instance.connect();
    try {
      const reader = await c.runAndReadAll(toDuckDbSql(athenaSql));
      const names = reader.columnNames();
      const types = reader.columnTypes();
      return reader.getRows().map((values) => Object.fromEntries(values.map((v, i) => [names[i]!, toCell(v, types[i]!)])));
    } finally {
      c.closeSync();
    }
  }

  close(): void {
    this.instance.closeSync();
  }
}
