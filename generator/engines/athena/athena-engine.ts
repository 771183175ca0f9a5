/**
 * The live Athena engine: start → poll → page through results, for many small validation queries
 * at once. What it guarantees, and why:
 * - nothing but read-only queries and plan-only EXPLAIN is sent (statement guard), DDL only on request;
 * - at most `concurrency` queries are in flight across all calls (the account quota is shared);
 * - throttling is retried with jittered backoff; real failures carry Athena's category and type;
 * - a timed-out or aborted query is stopped in Athena (a cancelled query still bills its scan),
 *   and Ctrl-C stops every query in flight, not just the one being awaited;
 * - bytes scanned are reported per query and in total, so a run can print what it cost.
 * Credentials come from the SDK's default chain (env, AWS_PROFILE, SSO, instance roles): none are
 * ever passed or stored here.
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecution,
  type QueryExecutionStatus,
} from '@aws-sdk/client-athena';
import { EngineQueryError, type Engine, type QueryResult, type RunOptions } from '../engine.js';
import { checkCredentials, EnvironmentError, redact, toEnvironmentError, type CredentialsSummary } from './credentials.js';
import { addPage, emptyResult, firstRowIsHeader } from './result-set.js';
import {
  abortReason,
  DEFAULT_THROTTLE_POLICY,
  raceAbort,
  realSleep,
  withThrottleRetry,
  type BackoffPolicy,
  type Sleep,
} from './retry.js';
import { Scheduler } from './scheduler.js';
import { guardQuery, guardStatement, type StatementKind } from './statement-guard.js';

export interface AthenaEngineOptions {
  readonly region: string;
  readonly workgroup: string;
  /** Data catalog; `AwsDataCatalog` is the Glue catalog of the account. */
  readonly catalog?: string;
  readonly database: string;
  /** S3 prefix for results; omit when the workgroup enforces its own result location. */
  readonly outputLocation?: string;
  /** Queries in flight at once, across every call on this engine. Default 5. */
  readonly concurrency?: number;
  /** Wall time per query, queueing included, before it is stopped. Default 5 minutes. */
  readonly timeoutMs?: number;
  /** First wait between GetQueryExecution polls; doubles up to `pollMaxMs`. Default 250 ms. */
  readonly pollInitialMs?: number;
  /** Longest wait between polls. Default 5 s. */
  readonly pollMaxMs?: number;
  /** Backoff for throttling (attempts, base and cap). */
  readonly throttle?: Partial<BackoffPolicy>;
  /** Re-submissions of a query Athena marked `Retryable` (transient internal errors). Default 1. */
  readonly resubmitRetryable?: number;
  /** Injected in tests (aws-sdk-client-mock); otherwise built from `region` with the default credential chain. */
  readonly client?: AthenaClient;
  /** Injected clock for tests: `sleep` waits, `now` tells time (both must agree for timeouts). */
  readonly sleep?: Sleep;
  readonly now?: () => number;
  /** Jitter source; injected for deterministic tests. */
  readonly random?: () => number;
  /** Called once per finished query (succeeded, failed, stopped), for progress and cost output. */
  readonly onQuery?: (record: AthenaQueryRecord) => void;
}

export interface AthenaRunOptions extends RunOptions {
  /** Lets one `CREATE EXTERNAL TABLE` through the statement guard. */
  readonly allowDdl?: boolean;
}

export interface AthenaQueryResult extends QueryResult {
  readonly queryId: string;
}

export type AthenaQueryOutcome = 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT' | 'ABORTED';

/** One query as the run report shows it; no SQL text, no credentials. */
export interface AthenaQueryRecord {
  readonly queryId: string;
  readonly kind: StatementKind;
  readonly outcome: AthenaQueryOutcome;
  /** Athena's StatementType: DML (billed by scan), UTILITY (EXPLAIN), DDL (free). */
  readonly statementType?: string;
  readonly bytesScanned: number;
  readonly engineExecutionMs?: number;
  readonly queueMs?: number;
}

export interface AthenaUsage {
  readonly queries: number;
  readonly bytesScanned: number;
  /** Upper-bound estimate at $5/TB with the 10 MB per-query minimum; EXPLAIN, DDL and failures are free. */
  readonly estimatedCostUsd: number;
  readonly records: readonly AthenaQueryRecord[];
}

/** A FAILED or CANCELLED query, with Athena's error category (SYSTEM/USER/OTHER) and numeric type. */
export class AthenaQueryFailedError extends EngineQueryError {
  constructor(
    message: string,
    sql: string,
    detail: { category?: string; type?: string; queryId: string },
    readonly state: 'FAILED' | 'CANCELLED',
    /** Athena's own hint that re-submitting may succeed (transient internal errors). */
    readonly retryable: boolean,
  ) {
    super(message, sql, detail);
    this.name = 'AthenaQueryFailedError';
  }
}

/** The query ran past `timeoutMs`; it has been stopped in Athena. */
export class AthenaTimeoutError extends EngineQueryError {
  constructor(queryId: string, sql: string, timeoutMs: number) {
    super(`Athena query ${queryId} timed out after ${formatMs(timeoutMs)}; it was stopped (StopQueryExecution)`, sql, {
      category: 'TIMEOUT',
      queryId,
    });
    this.name = 'AthenaTimeoutError';
  }
}

/** The caller aborted (Ctrl-C) or the engine was closed; any started query has been stopped. */
export class AthenaAbortError extends Error {
  constructor(
    message: string,
    readonly queryId?: string,
  ) {
    super(message);
    this.name = 'AbortError';
  }
}

/** Athena's maximum query string length (UTF-8 bytes). */
const MAX_QUERY_BYTES = 262_144;

const CATEGORY_NAMES: Readonly<Record<number, string>> = { 1: 'SYSTEM', 2: 'USER', 3: 'OTHER' };

/** Athena's numeric ErrorCategory as its documented name. */
export function errorCategoryName(category: number | undefined): string | undefined {
  if (category === undefined) return undefined;
  return CATEGORY_NAMES[category] ?? String(category);
}

/** $5 per TB scanned (TB taken as 10^12 bytes, the higher reading), rounded up to the MB, 10 MB minimum. */
export function estimateQueryCostUsd(bytesScanned: number): number {
  const MB = 1_000_000;
  const billedMb = Math.max(10, Math.ceil(bytesScanned / MB));
  return (billedMb * MB * 5) / 1e12;
}

export class AthenaEngine implements Engine {
  readonly name = 'athena' as const;
  readonly client: AthenaClient;
  private readonly ownsClient: boolean;
  private readonly scheduler: Scheduler;
  /** Fires on close(): every call's signal follows it, so closing stops everything in flight. */
  private readonly lifetime = new AbortController();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly records: AthenaQueryRecord[] = [];
  private readonly settings: Required<
    Pick<AthenaEngineOptions, 'catalog' | 'timeoutMs' | 'pollInitialMs' | 'pollMaxMs' | 'resubmitRetryable' | 'sleep' | 'now' | 'random'>
  > & { throttle: BackoffPolicy };

  constructor(readonly options: AthenaEngineOptions) {
    this.ownsClient = options.client === undefined;
    this.client = options.client ?? new AthenaClient({ region: options.region });
    this.scheduler = new Scheduler(options.concurrency ?? 5);
    this.settings = {
      catalog: options.catalog ?? 'AwsDataCatalog',
      timeoutMs: options.timeoutMs ?? 5 * 60_000,
      pollInitialMs: options.pollInitialMs ?? 250,
      pollMaxMs: options.pollMaxMs ?? 5_000,
      resubmitRetryable: options.resubmitRetryable ?? 1,
      sleep: options.sleep ?? realSleep,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      throttle: { ...DEFAULT_THROTTLE_POLICY, ...options.throttle },
    };
  }

  /** Fails fast with an EnvironmentError (how to log in) before any query is queued. */
  checkCredentials(timeoutMs?: number): Promise<CredentialsSummary> {
    return checkCredentials(this.client, timeoutMs === undefined ? {} : { timeoutMs });
  }

  async run(sql: string, options: AthenaRunOptions = {}): Promise<AthenaQueryResult> {
    const guarded = guardStatement(sql, { allowDdl: options.allowDdl ?? false });
    return this.submit(guarded.sql, guarded.kind, options.signal, true);
  }

  /** `EXPLAIN (TYPE VALIDATE)`: Athena plans and type-checks the query without scanning (not billed). */
  async explain(sql: string, options: RunOptions = {}): Promise<void> {
    const guarded = guardQuery(sql);
    await this.submit(`EXPLAIN (TYPE VALIDATE) ${guarded.sql}`, 'explain', options.signal, false);
  }

  /** Bytes scanned and the estimated cost so far, per query and in total. */
  usage(): AthenaUsage {
    const billable = this.records.filter(isBillable);
    return {
      queries: this.records.length,
      bytesScanned: this.records.reduce((sum, r) => sum + r.bytesScanned, 0),
      estimatedCostUsd: billable.reduce((sum, r) => sum + estimateQueryCostUsd(r.bytesScanned), 0),
      records: [...this.records],
    };
  }

  get totalBytesScanned(): number {
    return this.usage().bytesScanned;
  }

  /** Peak number of queries that were in flight at once (the scheduler's bound holds it ≤ concurrency). */
  get peakInFlight(): number {
    return this.scheduler.peakRunning;
  }

  /** Stops every query in flight, rejects queued ones, and releases the client if this engine built it. */
  async close(): Promise<void> {
    if (!this.lifetime.signal.aborted) this.lifetime.abort(new AthenaAbortError('The Athena engine was closed'));
    await Promise.allSettled([...this.pending]);
    if (this.ownsClient) this.client.destroy();
  }

  // ---- one query ----

  private submit(sql: string, kind: StatementKind, callerSignal: AbortSignal | undefined, fetchRows: boolean): Promise<AthenaQueryResult> {
    if (this.lifetime.signal.aborted) return Promise.reject(new AthenaAbortError('The Athena engine is closed'));
    if (Buffer.byteLength(sql, 'utf8') > MAX_QUERY_BYTES) {
      // Athena would refuse it anyway (a fixed, non-adjustable quota); say so without a round trip.
      return Promise.reject(new EngineQueryError(`The query text is longer than Athena's limit of ${MAX_QUERY_BYTES} bytes`, sql, { category: 'USER' }));
    }
    const signal = callerSignal ? AbortSignal.any([callerSignal, this.lifetime.signal]) : this.lifetime.signal;
    const work = this.scheduler.run(() => this.runWithResubmit(sql, kind, signal, fetchRows), signal).catch((err: unknown) => {
      // Aborted while still queued in the scheduler: nothing was sent, nothing to stop.
      const abortedInQueue = signal.aborted && isAbortLike(err, signal) && !(err instanceof AthenaAbortError);
      throw abortedInQueue ? new AthenaAbortError(`Aborted before the query started: ${abortReason(signal).message}`) : err;
    });
    this.pending.add(work);
    const forget = (): void => void this.pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Athena marks some internal failures Retryable; one more submission usually clears them (failed queries are free). */
  private async runWithResubmit(sql: string, kind: StatementKind, signal: AbortSignal, fetchRows: boolean): Promise<AthenaQueryResult> {
    for (let submission = 0; ; submission++) {
      try {
        return await this.runOnce(sql, kind, signal, fetchRows);
      } catch (err) {
        const again = err instanceof AthenaQueryFailedError && err.retryable && submission < this.settings.resubmitRetryable;
        if (!again) throw err;
      }
    }
  }

  private async runOnce(sql: string, kind: StatementKind, signal: AbortSignal, fetchRows: boolean): Promise<AthenaQueryResult> {
    const queryId = await this.start(sql, signal);
    const progress: Progress = { terminal: false, lastBytes: 0 };
    try {
      const execution = await this.waitForCompletion(queryId, sql, signal, progress);
      const bytesScanned = execution.Statistics?.DataScannedInBytes ?? 0;
      this.record(queryId, kind, 'SUCCEEDED', execution);
      if (!fetchRows) return { queryId, columns: [], rows: [], bytesScanned };
      const result = await this.fetchResults(queryId, sql, execution.StatementType, signal);
      return { queryId, columns: result.columns, rows: result.rows, bytesScanned };
    } catch (err) {
      throw await this.afterFailure(err, queryId, kind, signal, progress);
    }
  }

  /** Starts the query. Not raced against the signal: its id must be known to stop it afterwards. */
  private async start(sql: string, signal: AbortSignal): Promise<string> {
    if (signal.aborted) throw new AthenaAbortError(`Aborted before the query started: ${abortReason(signal).message}`);
    const output = await this.send(
      () =>
        this.client.send(
          new StartQueryExecutionCommand({
            QueryString: sql,
            QueryExecutionContext: { Catalog: this.settings.catalog, Database: this.options.database },
            WorkGroup: this.options.workgroup,
            ...(this.options.outputLocation === undefined ? {} : { ResultConfiguration: { OutputLocation: this.options.outputLocation } }),
          }),
        ),
      sql,
      signal,
    );
    const queryId = output.QueryExecutionId;
    if (queryId === undefined) throw new EngineQueryError('Athena returned no QueryExecutionId', sql);
    if (signal.aborted) {
      await this.stopQuietly(queryId);
      throw new AthenaAbortError(`Athena query ${queryId} was stopped: aborted while it was being started`, queryId);
    }
    return queryId;
  }

  /** Polls with capped exponential backoff until a terminal state or the deadline. */
  private async waitForCompletion(queryId: string, sql: string, signal: AbortSignal, progress: Progress): Promise<QueryExecution> {
    const deadline = this.settings.now() + this.settings.timeoutMs;
    for (let poll = 0; ; poll++) {
      const execution = await this.describe(queryId, sql, signal);
      progress.lastBytes = execution.Statistics?.DataScannedInBytes ?? progress.lastBytes;
      const status = execution.Status;
      if (status?.State === 'SUCCEEDED') {
        progress.terminal = true;
        return execution;
      }
      if (status?.State === 'FAILED' || status?.State === 'CANCELLED') {
        progress.terminal = true;
        throw queryFailure(sql, queryId, status);
      }
      const remaining = deadline - this.settings.now();
      if (remaining <= 0) throw new AthenaTimeoutError(queryId, sql, this.settings.timeoutMs);
      // Raced as well: an injected sleep that ignores the signal must not delay Ctrl-C.
      await raceAbort(this.settings.sleep(Math.min(this.pollDelay(poll), remaining), signal), signal);
    }
  }

  private pollDelay(poll: number): number {
    return Math.min(this.settings.pollMaxMs, this.settings.pollInitialMs * 2 ** poll);
  }

  private async describe(queryId: string, sql: string, signal: AbortSignal): Promise<QueryExecution> {
    const output = await raceAbort(
      this.send(() => this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: queryId }), { abortSignal: signal }), sql, signal),
      signal,
    );
    if (output.QueryExecution === undefined) throw new EngineQueryError(`Athena returned no status for query ${queryId}`, sql, { queryId });
    return output.QueryExecution;
  }

  /** Pages through GetQueryResults (1000 rows a page, the API maximum). */
  private async fetchResults(queryId: string, sql: string, statementType: string | undefined, signal: AbortSignal): Promise<ReturnType<typeof emptyResult>> {
    const acc = emptyResult();
    let nextToken: string | undefined;
    let first = true;
    do {
      const token = nextToken;
      const page = await raceAbort(
        this.send(
          () =>
            this.client.send(
              new GetQueryResultsCommand({ QueryExecutionId: queryId, MaxResults: 1000, ...(token === undefined ? {} : { NextToken: token }) }),
              { abortSignal: signal },
            ),
          sql,
          signal,
        ),
        signal,
      );
      addPage(acc, page, first && firstRowIsHeader(statementType, page));
      first = false;
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
    return acc;
  }

  /** Stops the query when it may still be running (timeout, abort), records it, and picks the error to throw. */
  private async afterFailure(err: unknown, queryId: string, kind: StatementKind, signal: AbortSignal, progress: Progress): Promise<unknown> {
    if (err instanceof AthenaQueryFailedError) {
      this.record(queryId, kind, err.state, undefined, progress.lastBytes);
      return err;
    }
    const stillRunning = !progress.terminal;
    if (stillRunning) await this.stopQuietly(queryId);
    if (err instanceof AthenaTimeoutError) {
      this.record(queryId, kind, 'TIMED_OUT', undefined, progress.lastBytes);
      return err;
    }
    if (signal.aborted) {
      if (stillRunning) this.record(queryId, kind, 'ABORTED', undefined, progress.lastBytes);
      const what = stillRunning ? 'was stopped (StopQueryExecution sent)' : 'had finished; reading its results was abandoned';
      return new AthenaAbortError(`Athena query ${queryId} ${what}: ${abortReason(signal).message}`, queryId);
    }
    return err;
  }

  /** Best effort: a stop that fails must not hide the error that caused it. */
  private async stopQuietly(queryId: string): Promise<void> {
    try {
      await this.send(() => this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: queryId })), '', undefined);
    } catch {
      // The query may already be finished, or the network gone; Athena's own timeout is the backstop.
    }
  }

  private record(queryId: string, kind: StatementKind, outcome: AthenaQueryOutcome, execution?: QueryExecution, bytes?: number): void {
    const stats = execution?.Statistics;
    const record: AthenaQueryRecord = {
      queryId,
      kind,
      outcome,
      ...(execution?.StatementType === undefined ? {} : { statementType: execution.StatementType }),
      bytesScanned: stats?.DataScannedInBytes ?? bytes ?? 0,
      ...(stats?.EngineExecutionTimeInMillis === undefined ? {} : { engineExecutionMs: stats.EngineExecutionTimeInMillis }),
      ...(stats?.QueryQueueTimeInMillis === undefined ? {} : { queueMs: stats.QueryQueueTimeInMillis }),
    };
    this.records.push(record);
    this.options.onQuery?.(record);
  }

  /** Every API call: throttling retried, then SDK errors turned into errors a user can act on. */
  private async send<T>(call: () => Promise<T>, sql: string, signal: AbortSignal | undefined): Promise<T> {
    try {
      return await withThrottleRetry(call, {
        policy: this.settings.throttle,
        sleep: this.settings.sleep,
        random: this.settings.random,
        ...(signal === undefined ? {} : { signal }),
      });
    } catch (err) {
      throw translateSendError(err, sql, this.options);
    }
  }
}

interface Progress {
  /** Athena reported a terminal state, so there is nothing left to stop. */
  terminal: boolean;
  /** Bytes scanned at the last poll: a stopped query is still billed for them. */
  lastBytes: number;
}

function isAbortLike(err: unknown, signal: AbortSignal): boolean {
  return err === signal.reason || (err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError'));
}

function isBillable(record: AthenaQueryRecord): boolean {
  // Failed queries and DDL are free; EXPLAIN (UTILITY) scans nothing; cancelled queries bill their scan.
  if (record.outcome === 'FAILED') return false;
  if (record.statementType !== undefined) return record.statementType === 'DML';
  return record.kind === 'select' || record.kind === 'with';
}

function queryFailure(sql: string, queryId: string, status: QueryExecutionStatus): AthenaQueryFailedError {
  const state = status.State === 'CANCELLED' ? 'CANCELLED' : 'FAILED';
  const error = status.AthenaError;
  const text = failureText(error?.ErrorMessage, status.StateChangeReason) ?? `Athena query ${queryId} ${state}`;
  const category = errorCategoryName(error?.ErrorCategory);
  return new AthenaQueryFailedError(
    redact(text),
    sql,
    {
      queryId,
      ...(category === undefined ? {} : { category }),
      ...(error?.ErrorType === undefined ? {} : { type: String(error.ErrorType) }),
    },
    state,
    error?.Retryable ?? false,
  );
}

/** Athena's message as is; the StateChangeReason too when it says more (they often repeat each other). */
function failureText(engineMessage: string | undefined, reason: string | undefined): string | undefined {
  if (!engineMessage || !reason) return engineMessage || reason || undefined;
  if (engineMessage.includes(reason)) return engineMessage;
  if (reason.includes(engineMessage)) return reason;
  return `${engineMessage} (${reason})`;
}

interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly AthenaErrorCode?: string;
}

/** Errors at the API level (before a query exists): environment problems become EnvironmentError. */
function translateSendError(err: unknown, sql: string, options: AthenaEngineOptions): unknown {
  const env = toEnvironmentError(err);
  if (env !== err) return env;
  if (typeof err !== 'object' || err === null || err instanceof EngineQueryError || err instanceof AthenaAbortError) return err;
  const e = err as SdkErrorShape;
  const message = redact(e.message ?? String(err));
  if (e.name === 'AccessDeniedException' || e.name === 'UnrecognizedClientException' || e.name === 'ExpiredTokenException') {
    return new EnvironmentError(`AWS refused the Athena call (${e.name}: ${message}). Check the credentials and the IAM permissions athena:StartQueryExecution, GetQueryExecution, GetQueryResults, StopQueryExecution, GetTableMetadata, glue:GetTable and s3 access to the results location.`);
  }
  if (/output location|workgroup .*(not found|does not exist)/i.test(message)) {
    return new EnvironmentError(`Athena workgroup "${options.workgroup}" in ${options.region} is not usable: ${message}. Give an outputLocation (s3://…) or use a workgroup with a result location.`);
  }
  if (e.name === 'InvalidRequestException') {
    return new EngineQueryError(message, sql, { category: 'USER', ...(e.AthenaErrorCode === undefined ? {} : { type: e.AthenaErrorCode }) });
  }
  return err;
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${ms} ms`;
}
