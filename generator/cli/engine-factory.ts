/**
 * Opens the engine a command asked for. DuckDB (default) reads CloudTrail logs from `--data`
 * (or the bundled samples) and exposes them under the Athena table's own name.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { Engine } from '../engines/engine.js';
import type { Block } from '../vocabulary/block.js';
import { cloudtrailTable } from '../../model/table/cloudtrail-columns.js';
import { UsageError } from './errors.js';

/** Real CloudTrail records shipped with the project (see samples/cloudtrail/PROVENANCE.md). */
export const BUNDLED_SAMPLES = fileURLToPath(new URL('../../samples/cloudtrail/', import.meta.url));

/** The table the block's views read: from its first CREATE TABLE file. */
export function sourceTable(block: Block): { database?: string; table: string } {
  const ddl = block.content.athena.find((f) => f.kind === 'create-table');
  if (!ddl || ddl.kind !== 'create-table') throw new UsageError('the block declares no Athena table to validate against');
  return { ...(ddl.ddl.database ? { database: ddl.ddl.database } : {}), table: ddl.ddl.table };
}

export interface DuckDbChoice {
  readonly data?: string;
  readonly cwd: string;
}

export async function openDuckDb(block: Block, choice: DuckDbChoice): Promise<Engine & { load?: unknown }> {
  const data = choice.data === undefined ? BUNDLED_SAMPLES : resolve(choice.cwd, choice.data);
  if (!existsSync(data)) throw new UsageError(`--data ${data}: no such file or folder`);
  const { DuckDbEngine } = await import('../engines/duckdb/index.js');
  const { database, table } = sourceTable(block);
  const engine = await DuckDbEngine.open({ data, schema: cloudtrailTable, tableName: table });
  if (database) await engine.exposeAs(database, table);
  return engine;
}
