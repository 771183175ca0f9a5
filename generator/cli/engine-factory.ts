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

/** Flags every command that can talk to Athena accepts. */
export const ATHENA_FLAGS = {
  region: { type: 'string' },
  workgroup: { type: 'string' },
  catalog: { type: 'string' },
  database: { type: 'string' },
  'output-location': { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
} as const;

export const ATHENA_HELP = `Athena options (with --engine athena; credentials come from the standard AWS chain:
environment variables, AWS_PROFILE, SSO, instance roles):
  --region R            AWS region (default: $AWS_REGION or $AWS_DEFAULT_REGION)
  --workgroup W         Athena workgroup (default: primary)
  --catalog C           data catalog (default: AwsDataCatalog)
  --database D          database (default: the block's schema)
  --output-location S3  query result location (default: the workgroup's)
  --concurrency N       queries in flight at once (default: 5)
  --timeout SECONDS     per-query timeout; the query is stopped when it passes (default: 300)`;

export interface AthenaFlagValues {
  readonly region?: string | undefined;
  readonly workgroup?: string | undefined;
  readonly catalog?: string | undefined;
  readonly database?: string | undefined;
  readonly 'output-location'?: string | undefined;
  readonly concurrency?: string | undefined;
  readonly timeout?: string | undefined;
}

/** Opens Athena and resolves credentials up front, so a missing login fails in seconds with exit 2. */
export async function openAthena(block: Block, v: AthenaFlagValues): Promise<import('../engines/athena/athena-engine.js').AthenaEngine> {
  const region = v.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'];
  if (!region) throw new UsageError('--engine athena needs --region (or AWS_REGION)');
  const { AthenaEngine } = await import('../engines/athena/athena-engine.js');
  const { EnvironmentError } = await import('../engines/athena/credentials.js');
  const engine = new AthenaEngine({
    region,
    workgroup: v.workgroup ?? 'primary',
    database: v.database ?? sourceTable(block).database ?? 'default',
    ...(v.catalog ? { catalog: v.catalog } : {}),
    ...(v['output-location'] ? { outputLocation: v['output-location'] } : {}),
    concurrency: positive('concurrency', v.concurrency, 5),
    timeoutMs: positive('timeout', v.timeout, 300) * 1000,
  });
  try {
    await engine.checkCredentials();
  } catch (error) {
    await engine.close();
    if (error instanceof EnvironmentError) throw new UsageError(error.message);
    throw error;
  }
  return engine;
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new UsageError(`--${name} must be a positive integer, got "${value}"`);
  return Number(value);
}

/**
 * Runs work with Ctrl-C wired to an AbortSignal: the engine stops every query in flight (Athena:
 * StopQueryExecution), then the command exits 2.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort(new UsageError('interrupted: queries in flight were stopped'));
  process.once('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw controller.signal.reason;
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
