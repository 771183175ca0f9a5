import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  InvalidRequestException,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  TooManyRequestsException,
  type GetQueryExecutionCommandOutput,
} from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AthenaAbortError,
  AthenaEngine,
  AthenaQueryFailedError,
  AthenaTimeoutError,
  errorCategoryName,
  estimateQueryCostUsd,
  type AthenaEngineOptions,
} from '../../../../generator/engines/athena/athena-engine.js';
import { EnvironmentError } from '../../../../generator/engines/athena/credentials.js';
import { StatementRefusedError } from '../../../../generator/engines/athena/statement-guard.js';
import { EngineQueryError } from '../../../../generator/engines/engine.js';

const athena = mockClient(AthenaClient);

/** A clock whose sleeps only advance time: tests never really wait. */
function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

function engine(extra: Partial<AthenaEngineOptions> = {}): AthenaEngine {
  const clock = fakeClock();
  return new AthenaEngine({
    region: 'us-east-1',
    workgroup: 'validation',
    database: 'security',
    client: new AthenaClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test-secret' } }),
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...extra,
  });
}

const status = (State: string, extra: object = {}): GetQueryExecutionCommandOutput =>
  ({ $metadata: {}, QueryExecution: { Status: { State }, ...extra } }) as GetQueryExecutionCommandOutput;

const succeeded = (bytes = 0, StatementType = 'DML') =>
  status('SUCCEEDED', { StatementType, Statistics: { DataScannedInBytes: bytes, EngineExecutionTimeInMillis: 900, QueryQueueTimeInMillis: 80 } });

function throttle(message = 'You have exceeded the limit for the number of queries you can run concurrently.') {
  return new TooManyRequestsException({ message, $metadata: {}, Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED' });
}

beforeEach(() => athena.reset());
afterEach(() => vi.restoreAllMocks());

describe('AthenaEngine.run: start → poll → paginate', () => {
  it('runs RUNNING → SUCCEEDED and reads 2 result pages with typed cells', async () => {
    const clock = fakeClock();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-1' });
    athena.on(GetQueryExecutionCommand).resolvesOnce(status('QUEUED')).resolvesOnce(status('RUNNING')).resolves(succeeded(12_345_678));
    const columnInfo = [
      { Name: 'eventname', Type: 'varchar' },
      { Name: 'n', Type: 'bigint' },
      { Name: 'ok', Type: 'boolean' },
      { Name: 'share', Type: 'double' },
      { Name: 'errorcode', Type: 'varchar' },
      { Name: 'day', Type: 'date' },
    ];
    athena.on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: undefined }).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: columnInfo },
        Rows: [
          { Data: columnInfo.map((c) => ({ VarCharValue: c.Name })) },
          { Data: [{ VarCharValue: 'ConsoleLogin' }, { VarCharValue: '3' }, { VarCharValue: 'true' }, { VarCharValue: '0.25' }, {}, { VarCharValue: '2024-05-01' }] },
        ],
      },
      NextToken: 'page-2',
    });
    athena.on(GetQueryResultsCommand, { QueryExecutionId: 'q-1', NextToken: 'page-2' }).resolves({
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: columnInfo },
        Rows: [{ Data: [{ VarCharValue: 'AssumeRole' }, { VarCharValue: '9007199254740993' }, { VarCharValue: 'false' }, { VarCharValue: 'NaN' }, { VarCharValue: '' }, {}] }],
      },
    });

    const e = engine({ outputLocation: 's3://results/validation/', now: clock.now, sleep: clock.sleep, pollInitialMs: 100 });
    const result = await e.run('SELECT eventname, count(*) AS n FROM cloudtrail_logs GROUP BY 1;');

    expect(result.queryId).toBe('q-1');
    expect(result.columns).toEqual(['eventname', 'n', 'ok', 'share', 'errorcode', 'day']);
    expect(result.rows).toEqual([
      { eventname: 'ConsoleLogin', n: 3, ok: true, share: 0.25, errorcode: null, day: '2024-05-01' },
      // beyond 2^53 the count stays exact as a string; '' is an empty varchar, not NULL
      { eventname: 'AssumeRole', n: '9007199254740993', ok: false, share: Number.NaN, errorcode: '', day: null },
    ]);
    expect(result.bytesScanned).toBe(12_345_678);

    const start = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
    expect(start).toEqual({
      QueryString: 'SELECT eventname, count(*) AS n FROM cloudtrail_logs GROUP BY 1',
      QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: 'security' },
      WorkGroup: 'validation',
      ResultConfiguration: { OutputLocation: 's3://results/validation/' },
    });
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3);
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(2);
    expect(clock.sleeps).toEqual([100, 200]);

    const usage = e.usage();
    expect(usage.bytesScanned).toBe(12_345_678);
    expect(e.totalBytesScanned).toBe(12_345_678);
    expect(usage.records).toEqual([
      { queryId: 'q-1', kind: 'select', outcome: 'SUCCEEDED', statementType: 'DML', bytesScanned: 12_345_678, engineExecutionMs: 900, queueMs: 80 },
    ]);
    expect(usage.estimatedCostUsd).toBeCloseTo(13 * 5e-6);
  });

  it('omits ResultConfiguration without an output location and honours a custom catalog', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-2' });
    athena.on(GetQueryExecutionCommand).resolves(succeeded());
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    await engine({ catalog: 'lakehouse' }).run('SELECT 1');
    const start = athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input;
    expect(start.ResultConfiguration).toBeUndefined();
    expect(start.QueryExecutionContext).toEqual({ Catalog: 'lakehouse', Database: 'security' });
  });

  it('backs off polling exponentially up to pollMaxMs', async () => {
    const clock = fakeClock();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-3' });
    const poll = athena.on(GetQueryExecutionCommand);
    for (let i = 0; i < 6; i++) poll.resolvesOnce(status('RUNNING'));
    poll.resolves(succeeded(0, 'UTILITY'));
    await engine({ now: clock.now, sleep: clock.sleep, pollInitialMs: 100, pollMaxMs: 400 }).explain('SELECT 1');
    expect(clock.sleeps).toEqual([100, 200, 400, 400, 400, 400]);
  });

  it('adds and totals bytes scanned over several queries and counts EXPLAIN as free', async () => {
    athena.on(StartQueryExecutionCommand).resolvesOnce({ QueryExecutionId: 'a' }).resolvesOnce({ QueryExecutionId: 'b' }).resolves({ QueryExecutionId: 'c' });
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'a' }).resolves(succeeded(1_000));
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'b' }).resolves(succeeded(50_000_000));
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'c' }).resolves(succeeded(0, 'UTILITY'));
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    const seen: string[] = [];
    const e = engine({ concurrency: 1, onQuery: (r) => seen.push(`${r.queryId}:${r.bytesScanned}`) });
    await e.run('SELECT 1');
    await e.run('SELECT 2');
    await e.explain('SELECT 3');
    expect(seen).toEqual(['a:1000', 'b:50000000', 'c:0']);
    expect(e.usage().bytesScanned).toBe(50_001_000);
    expect(e.usage().estimatedCostUsd).toBeCloseTo(estimateQueryCostUsd(1_000) + estimateQueryCostUsd(50_000_000));
  });
});

describe('AthenaEngine.explain', () => {
  it('sends EXPLAIN (TYPE VALIDATE) <sql> and reads no result pages', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-x' });
    athena.on(GetQueryExecutionCommand).resolves(succeeded(0, 'UTILITY'));
    await engine().explain('WITH a AS (SELECT 1 AS x) SELECT x FROM a;');
    expect(athena.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryString).toBe(
      'EXPLAIN (TYPE VALIDATE) WITH a AS (SELECT 1 AS x) SELECT x FROM a',
    );
    expect(athena.commandCalls(GetQueryResultsCommand)).toHaveLength(0);
  });

  it('throws EngineQueryError when Athena rejects the plan', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-y' });
    athena.on(GetQueryExecutionCommand).resolves(
      status('FAILED', { Status: { State: 'FAILED', AthenaError: { ErrorCategory: 2, ErrorType: 1303, ErrorMessage: "FUNCTION_NOT_FOUND: line 1:8: Function 'date_formatt' not registered" } } }),
    );
    await expect(engine().explain('SELECT date_formatt(1)')).rejects.toThrow(EngineQueryError);
  });
});

describe('the statement guard in front of the engine', () => {
  it('refuses writes before anything is sent', async () => {
    const e = engine();
    await expect(e.run('DROP TABLE cloudtrail_logs')).rejects.toThrow(StatementRefusedError);
    await expect(e.run('SELECT 1; DROP TABLE cloudtrail_logs')).rejects.toThrow(/multiple statements/);
    await expect(e.run('EXPLAIN ANALYZE SELECT 1')).rejects.toThrow(/billed/);
    await expect(e.explain('INSERT INTO t SELECT 1')).rejects.toThrow(StatementRefusedError);
    await expect(e.run("CREATE EXTERNAL TABLE t (a string) LOCATION 's3://b/'")).rejects.toThrow(/allowDdl/);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(0);
  });

  it('sends CREATE EXTERNAL TABLE with allowDdl and returns no rows', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'ddl-1' });
    athena.on(GetQueryExecutionCommand).resolves(succeeded(0, 'DDL'));
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    const e = engine();
    const result = await e.run("CREATE EXTERNAL TABLE t (a string) LOCATION 's3://b/'", { allowDdl: true });
    expect(result.rows).toEqual([]);
    expect(e.usage().estimatedCostUsd).toBe(0);
  });
});

describe('failures', () => {
  it.each([
    [1, 'SYSTEM'],
    [2, 'USER'],
    [3, 'OTHER'],
  ])('maps FAILED with ErrorCategory %i to %s, with the ErrorType and StateChangeReason', async (category, name) => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-f' });
    athena.on(GetQueryExecutionCommand).resolvesOnce(status('RUNNING')).resolves({
      QueryExecution: {
        Status: {
          State: 'FAILED',
          StateChangeReason: "line 1:8: Column 'eventnam' cannot be resolved",
          AthenaError: { ErrorCategory: category, ErrorType: 1006, Retryable: false, ErrorMessage: "COLUMN_NOT_FOUND: line 1:8: Column 'eventnam' cannot be resolved" },
        },
      },
    });
    const err = await engine().run('SELECT eventnam FROM cloudtrail_logs').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AthenaQueryFailedError);
    expect(err).toBeInstanceOf(EngineQueryError);
    const failed = err as AthenaQueryFailedError;
    expect(failed.message).toBe("COLUMN_NOT_FOUND: line 1:8: Column 'eventnam' cannot be resolved");
    expect(failed.detail).toEqual({ queryId: 'q-f', category: name, type: '1006' });
    expect(failed.sql).toBe('SELECT eventnam FROM cloudtrail_logs');
    expect(failed.state).toBe('FAILED');
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(0);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(1);
  });

  it('names unknown categories by number', () => {
    expect(errorCategoryName(7)).toBe('7');
    expect(errorCategoryName(undefined)).toBeUndefined();
  });

  it('keeps StateChangeReason when it says more than the error message, and reports CANCELLED', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-c' });
    athena.on(GetQueryExecutionCommand).resolves({
      QueryExecution: { Status: { State: 'CANCELLED', StateChangeReason: 'Query cancelled: bytes scanned limit was exceeded', AthenaError: { ErrorCategory: 2, ErrorType: 1011, ErrorMessage: 'Query cancelled' } } },
    });
    const err = (await engine().run('SELECT * FROM cloudtrail_logs').catch((e: unknown) => e)) as AthenaQueryFailedError;
    expect(err.state).toBe('CANCELLED');
    expect(err.message).toContain('bytes scanned limit');
  });

  it('re-submits once when Athena marks the failure Retryable', async () => {
    athena.on(StartQueryExecutionCommand).resolvesOnce({ QueryExecutionId: 'r-1' }).resolves({ QueryExecutionId: 'r-2' });
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'r-1' }).resolves(
      status('FAILED', { Status: { State: 'FAILED', AthenaError: { ErrorCategory: 1, ErrorType: 401, Retryable: true, ErrorMessage: 'Internal error' } } }),
    );
    athena.on(GetQueryExecutionCommand, { QueryExecutionId: 'r-2' }).resolves(succeeded());
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    const result = await engine().run('SELECT 1');
    expect(result.queryId).toBe('r-2');
  });

  it('turns InvalidRequestException at start into EngineQueryError', async () => {
    athena.on(StartQueryExecutionCommand).rejects(new InvalidRequestException({ message: 'line 1:1: mismatched input', $metadata: {}, AthenaErrorCode: 'INVALID_INPUT' }));
    const err = (await engine().run('SELECT FROM').catch((e: unknown) => e)) as EngineQueryError;
    expect(err).toBeInstanceOf(EngineQueryError);
    expect(err.detail).toEqual({ category: 'USER', type: 'INVALID_INPUT' });
  });

  it('turns a missing result location into an EnvironmentError that says what to do', async () => {
    athena.on(StartQueryExecutionCommand).rejects(
      new InvalidRequestException({ message: 'No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input.', $metadata: {} }),
    );
    await expect(engine().run('SELECT 1')).rejects.toThrow(/outputLocation/);
    await expect(engine().run('SELECT 1')).rejects.toBeInstanceOf(EnvironmentError);
  });
});

describe('throttling', () => {
  it('retries TooManyRequestsException twice with jittered backoff, then succeeds', async () => {
    const clock = fakeClock();
    athena.on(StartQueryExecutionCommand).rejectsOnce(throttle()).rejectsOnce(throttle()).resolves({ QueryExecutionId: 'q-t' });
    athena.on(GetQueryExecutionCommand).resolves(succeeded());
    athena.on(GetQueryResultsCommand).resolves({ ResultSet: { ResultSetMetadata: { ColumnInfo: [] }, Rows: [] } });
    const e = engine({ now: clock.now, sleep: clock.sleep, random: () => 0.5, throttle: { baseMs: 1_000, capMs: 30_000 } });
    const result = await e.run('SELECT 1');
    expect(result.queryId).toBe('q-t');
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(3);
    // full jitter: random × min(cap, base × 2^attempt)
    expect(clock.sleeps).toEqual([500, 1_000]);
  });

  it('retries ThrottlingException "Rate exceeded" on polls too', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-r' });
    const rate = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    athena.on(GetQueryExecutionCommand).rejectsOnce(rate).resolves(succeeded(0, 'UTILITY'));
    await engine().explain('SELECT 1');
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(2);
  });

  it('gives up after the attempt cap and surfaces the throttle', async () => {
    athena.on(StartQueryExecutionCommand).rejects(throttle());
    await expect(engine({ throttle: { maxAttempts: 4 } }).run('SELECT 1')).rejects.toThrow(/limit for the number of queries/);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(4);
  });
});

describe('timeouts and aborts stop the query in Athena', () => {
  it('stops a query that runs past timeoutMs and says it timed out', async () => {
    const clock = fakeClock();
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-slow' });
    athena.on(GetQueryExecutionCommand).resolves(status('RUNNING', { Statistics: { DataScannedInBytes: 777 } }));
    athena.on(StopQueryExecutionCommand).resolves({});
    const e = engine({ now: clock.now, sleep: clock.sleep, timeoutMs: 10_000, pollInitialMs: 500, pollMaxMs: 2_000 });
    const err = await e.run('SELECT * FROM cloudtrail_logs').catch((x: unknown) => x);
    expect(err).toBeInstanceOf(AthenaTimeoutError);
    expect((err as Error).message).toMatch(/q-slow timed out after 10 s/);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input)).toEqual([{ QueryExecutionId: 'q-slow' }]);
    expect(clock.now()).toBe(10_000);
    // a stopped query still bills what it scanned
    expect(e.usage().records).toEqual([{ queryId: 'q-slow', kind: 'select', outcome: 'TIMED_OUT', bytesScanned: 777 }]);
  });

  it('on abort, stops every query in flight (3 concurrent → 3 StopQueryExecution)', async () => {
    let n = 0;
    athena.on(StartQueryExecutionCommand).callsFake(async () => ({ QueryExecutionId: `q-${++n}` }));
    athena.on(GetQueryExecutionCommand).resolves(status('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    // A sleep that never ends on its own: only the abort can end these queries.
    const e = engine({ concurrency: 5, sleep: () => new Promise<void>(() => {}) });
    const ctrl = new AbortController();
    const runs = [1, 2, 3].map((i) => e.run(`SELECT ${i}`, { signal: ctrl.signal }).catch((x: unknown) => x));
    await vi.waitFor(() => expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(3));

    ctrl.abort();
    const errors = await Promise.all(runs);

    for (const err of errors) {
      expect(err).toBeInstanceOf(AthenaAbortError);
      expect((err as Error).name).toBe('AbortError');
    }
    const stopped = athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input.QueryExecutionId);
    expect(stopped.sort()).toEqual(['q-1', 'q-2', 'q-3']);
    expect(e.usage().records.map((r) => r.outcome)).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
  });

  it('on abort, queued queries are dropped without being started', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'only' });
    athena.on(GetQueryExecutionCommand).resolves(status('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    const e = engine({ concurrency: 1, sleep: () => new Promise<void>(() => {}) });
    const ctrl = new AbortController();
    const runs = [1, 2, 3].map((i) => e.run(`SELECT ${i}`, { signal: ctrl.signal }).catch((x: unknown) => x));
    await vi.waitFor(() => expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(1));
    ctrl.abort();
    const errors = await Promise.all(runs);
    expect(errors.every((x) => x instanceof AthenaAbortError)).toBe(true);
    expect(athena.commandCalls(StartQueryExecutionCommand)).toHaveLength(1);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
  });

  it('stops a query whose start returns after the abort', async () => {
    const ctrl = new AbortController();
    athena.on(StartQueryExecutionCommand).callsFake(async () => {
      ctrl.abort();
      return { QueryExecutionId: 'late' };
    });
    athena.on(StopQueryExecutionCommand).resolves({});
    await expect(engine().run('SELECT 1', { signal: ctrl.signal })).rejects.toBeInstanceOf(AthenaAbortError);
    expect(athena.commandCalls(StopQueryExecutionCommand).map((c) => c.args[0].input.QueryExecutionId)).toEqual(['late']);
    expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(0);
  });

  it('close() stops what is in flight and refuses new work', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'c-1' });
    athena.on(GetQueryExecutionCommand).resolves(status('RUNNING'));
    athena.on(StopQueryExecutionCommand).resolves({});
    const e = engine({ sleep: () => new Promise<void>(() => {}) });
    const run = e.run('SELECT 1').catch((x: unknown) => x);
    await vi.waitFor(() => expect(athena.commandCalls(GetQueryExecutionCommand)).toHaveLength(1));
    await e.close();
    expect(await run).toBeInstanceOf(AthenaAbortError);
    expect(athena.commandCalls(StopQueryExecutionCommand)).toHaveLength(1);
    await expect(e.run('SELECT 2')).rejects.toThrow(/closed/);
  });
});

describe('bounded concurrency', () => {
  it('never has more than `concurrency` queries in flight across calls', async () => {
    let inFlight = 0;
    let peak = 0;
    let n = 0;
    const polls = new Map<string, number>();
    athena.on(StartQueryExecutionCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      return { QueryExecutionId: `q-${++n}` };
    });
    athena.on(GetQueryExecutionCommand).callsFake(async (input: { QueryExecutionId: string }) => {
      const seen = (polls.get(input.QueryExecutionId) ?? 0) + 1;
      polls.set(input.QueryExecutionId, seen);
      return seen < 3 ? status('RUNNING') : succeeded(10);
    });
    athena.on(GetQueryResultsCommand).callsFake(async () => {
      inFlight--;
      return { ResultSet: { ResultSetMetadata: { ColumnInfo: [{ Name: 'x', Type: 'integer' }] }, Rows: [{ Data: [{ VarCharValue: 'x' }] }, { Data: [{ VarCharValue: '1' }] }] } };
    });
    // Sleeps yield to the event loop so that queries really interleave.
    const e = engine({ concurrency: 3, sleep: () => new Promise<void>((r) => setImmediate(r)) });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => e.run(`SELECT ${i}`)));
    expect(results.every((r) => r.rows[0]?.['x'] === 1)).toBe(true);
    expect(peak).toBe(3);
    expect(e.peakInFlight).toBe(3);
    expect(e.usage().bytesScanned).toBe(120);
  });
});

describe('credentials through the engine', () => {
  it('turns a credentials failure on the first call into an EnvironmentError without secrets', async () => {
    const providerError = Object.assign(new Error('Could not load credentials from any providers (aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY)'), { name: 'CredentialsProviderError' });
    athena.on(StartQueryExecutionCommand).rejects(providerError);
    const err = await engine().run('SELECT 1').catch((x: unknown) => x);
    expect(err).toBeInstanceOf(EnvironmentError);
    const message = (err as Error).message;
    expect(message).toMatch(/AWS_PROFILE/);
    expect(message).not.toContain('wJalrXUtnFEMI');
  });

  it('redacts key ids and secrets that Athena echoes in a failure message', async () => {
    athena.on(StartQueryExecutionCommand).resolves({ QueryExecutionId: 'q-k' });
    athena.on(GetQueryExecutionCommand).resolves(
      status('FAILED', { Status: { State: 'FAILED', AthenaError: { ErrorCategory: 2, ErrorType: 1000, ErrorMessage: 'Access denied for AKIAIOSFODNN7EXAMPLE with X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE' } } }),
    );
    const err = (await engine().run('SELECT 1').catch((x: unknown) => x)) as Error;
    expect(err.message).not.toContain('IOSFODNN7EXAMPLE');
    expect(err.message).not.toContain('IQoJb3JpZ2luX2VjEXAMPLE');
    expect(err.message).toContain('AKIA****');
  });
});
