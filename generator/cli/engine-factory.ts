/**
 * Opens the engine a command asked for. DuckDB (default) reads CloudTrail logs from `--data`
 * (or the bundled samples) and exposes them under the Athena table's own name.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { Engine } from '../engines/engine.js';
import type { AthenaEngine, AthenaEngineOptions } from '../engines/athena/athena-engine.js';
import type { Block } from '../vocabulary/block.js';
import { cloudtrailTable } from '../../model/table/cloudtrail-columns.js';
import type { AthenaFile } from '../vocabulary/project.js';
import { UsageError } from './errors.js';
import { intFlag } from './args.js';

/** Real CloudTrail records shipped with the project (see samples/cloudtrail/PROVENANCE.md). */
export const BUNDLED_SAMPLES = fileURLToPath(new URL('../../samples/cloudtrail/', import.meta.url));

/** The block's first CREATE TABLE file: the CloudTrail table its views read. */
export function sourceTableFile(block: Block): Extract<AthenaFile, { kind: 'create-table' }> {
  const file = block.content.athena.find((f): f is Extract<AthenaFile, { kind: 'create-table' }> => f.kind === 'create-table');
  if (!file) throw new UsageError('the block declares no Athena table to validate against');
  return file;
}

/** The table the block's views read: from its first CREATE TABLE file. */
export function sourceTable(block: Block): { database?: string; table: string } {
  const { ddl } = sourceTableFile(block);
  return { ...(ddl.database ? { database: ddl.database } : {}), table: ddl.table };
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
  // Every query over no rows "passes": refuse to validate nothing rather than report a false pass.
  if (engine.load.recordsRead === 0) {
    await engine.close();
    const skipped = engine.load.skipped.slice(0, 3).map((s) => `\n  skipped ${s.path}: ${s.reason}`).join('');
    throw new UsageError(`no CloudTrail records found in ${data} (${engine.load.files.length} files read, ${engine.load.skipped.length} skipped)${skipped}`);
  }
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

/**
 * The test seam for every command that opens Athena: a test runs a command inside
 * `withAthenaSeam(seam, …)` to hand it a client (aws-sdk-client-mock, fixed fake credentials, so
 * no environment variable or ~/.aws file matters) and a fake clock. It is scoped with
 * AsyncLocalStorage rather than a settable global, so it reaches only the work started inside that
 * call: nothing in the CLI enters such a scope, and production always builds the SDK client from
 * the default credential chain. The credentials preflight still runs on a substituted client.
 */
export interface AthenaSeam {
  /** Builds the client instead of `new AthenaClient({ region })`. */
  readonly client?: (region: string) => AthenaClient;
  /** Timing only (no behaviour): fake sleep and clock, jitter, poll intervals, throttle backoff. */
  readonly engine?: Pick<AthenaEngineOptions, 'sleep' | 'now' | 'random' | 'pollInitialMs' | 'pollMaxMs' | 'throttle'>;
}

const athenaSeam = new AsyncLocalStorage<AthenaSeam>();

/** Runs `work` (a command) with the seam in effect for every Athena engine it opens. */
export function withAthenaSeam<T>(seam: AthenaSeam, work: () => Promise<T>): Promise<T> {
  return athenaSeam.run(seam, work);
}

/** Opens Athena and resolves credentials up front, so a missing login fails in seconds with exit 2. */
export async function openAthena(block: Block, v: AthenaFlagValues): Promise<AthenaEngine> {
  const region = v.region ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'];
  if (!region) throw new UsageError('--engine athena needs --region (or AWS_REGION)');
  const { AthenaEngine } = await import('../engines/athena/athena-engine.js');
  const { EnvironmentError } = await import('../engines/athena/credentials.js');
  const seam = athenaSeam.getStore();
  const engine = new AthenaEngine({
    ...seam?.engine,
    ...(seam?.client ? { client: seam.client(region) } : {}),
    region,
    workgroup: v.workgroup ?? 'primary',
    database: v.database ?? sourceTable(block).database ?? 'default',
    ...(v.catalog ? { catalog: v.catalog } : {}),
    ...(v['output-location'] ? { outputLocation: s3Uri(v['output-location']) } : {}),
    concurrency: intFlag('concurrency', v.concurrency, 5),
    timeoutMs: intFlag('timeout', v.timeout, 300) * 1000,
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

/** Athena answers a bad result location only after the first query is queued; say it up front. */
function s3Uri(value: string): string {
  if (!/^s3:\/\/[^/]+/.test(value)) throw new UsageError(`--output-location must be an s3:// URI such as s3://my-athena-results/validation/, got "${value}"`);
  return value;
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
