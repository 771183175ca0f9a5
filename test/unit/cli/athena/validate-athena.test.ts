/**
 * `validate --engine athena` in-process, end to end, against a scripted Athena
 * (aws-sdk-client-mock): drift check, EXPLAIN-only validation with bisection, throttling,
 * timeouts, Ctrl-C, credentials, no secret in any output. Every SQL text the suite makes the
 * engine send is collected and, at the end, checked by the Trino grammar gate and run on DuckDB:
 * what passes the mocked Athena must be real Athena SQL that really runs.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AthenaClient, GetTableMetadataCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { run } from '../../../../generator/cli/main.js';
import type { CliIo } from '../../../../generator/cli/io.js';
import { withAthenaSeam, type AthenaSeam } from '../../../../generator/cli/engine-factory.js';
import { abortReason } from '../../../../generator/engines/athena/retry.js';
import { guardStatement } from '../../../../generator/engines/athena/statement-guard.js';
import { checkTrinoSql, unknownFunctions } from '../../../../generator/validate/sql/index.js';
import { DuckDbEngine } from '../../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { cloudtrailBlock } from '../../../../model/index.js';
import { REPO_ROOT, looksLikeStackTrace } from '../../../helpers/cli.js';
import { cleanupTempDirs, tempDir, writeTree } from '../../../helpers/tree.js';
import { FAKE_CREDENTIALS, FakeAthena, fakeClient, fakeClock, matchingMetadata } from './fake-athena.js';

const NOW = '2024-05-01T00:00:00Z';
const EXPLAIN_PREFIX = 'EXPLAIN (TYPE VALIDATE) ';
const BLOCK = cloudtrailBlock();

/** Every statement any test below made the engine send (validate runs only; ddl --apply is checked apart). */
const sent = new Set<string>();
/** Every API operation those runs called. */
const operations = new Set<string>();
let fake: FakeAthena | undefined;

afterEach(() => {
  for (const sql of fake?.statements ?? []) sent.add(sql);
  for (const op of fake?.operations ?? []) operations.add(op);
  fake = undefined;
});
afterAll(cleanupTempDirs);

function newFake(): FakeAthena {
  fake = new FakeAthena(matchingMetadata(BLOCK));
  return fake;
}

/** Fake credentials, fake clock, no jitter: deterministic and instant. */
function testSeam(extra: AthenaSeam['engine'] = {}): AthenaSeam {
  const clock = fakeClock();
  return { client: fakeClient, engine: { now: clock.now, sleep: clock.sleep, random: () => 0, pollInitialMs: 250, pollMaxMs: 1_000, ...extra } };
}

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly cwd: string;
  readonly json: Record<string, unknown>;
  readonly junit: string | undefined;
}

async function validateAthena(extra: readonly string[] = [], options: { seam?: AthenaSeam; cwd?: string } = {}): Promise<Run> {
  const cwd = options.cwd ?? tempDir('ctl-athena-validate-');
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd, isTty: false };
  const argv = ['validate', '--engine', 'athena', '--region', 'us-east-1', '--workgroup', 'ci', '--now', NOW, '--json', 'report.json', '--junit', 'report.xml', ...extra];
  const code = await withAthenaSeam(options.seam ?? testSeam(), () => run(argv, io));
  const jsonPath = join(cwd, 'report.json');
  const junitPath = join(cwd, 'report.xml');
  return {
    code,
    out: out.join('\n'),
    err: err.join('\n'),
    cwd,
    json: existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>) : {},
    junit: existsSync(junitPath) ? readFileSync(junitPath, 'utf8') : undefined,
  };
}

const alias = (field: string) => `AS "${field}"`;
type JsonFailure = { kind: string; field?: string; message: string; engineError?: Record<string, string> };
type JsonError = { rule: string; severity: string; where: string; message: string };

describe('validate --engine athena: happy path', () => {
  it('drift check passes, every query is an EXPLAIN that succeeds: exit 0, 0 bytes scanned in the text, JSON and JUnit', async () => {
    const athena = newFake();
    const r = await validateAthena(['--catalog', 'AwsDataCatalog', '--output-location', 's3://ctl-results/validate/', '--concurrency', '3']);

    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^athena: checked \d+ explores, \d+ dimensions, \d+ measures, \d+ tiles with \d+ queries \(0 bytes scanned\)$/m);
    expect(r.out).toMatch(/^athena: \d+ EXPLAIN queries, 0 bytes scanned, estimated cost \$0\.00 \(EXPLAIN is not billed\); no schema drift$/m);
    expect(r.out).toContain('all fields and tiles ran');

    expect(Object.keys(r.json).sort()).toEqual(['bytesScanned', 'checked', 'drift', 'engine', 'errors', 'failures', 'ok', 'queries']);
    expect(r.json).toMatchObject({ ok: true, engine: 'athena', bytesScanned: 0, drift: [], failures: [] });
    expect((r.json['errors'] as JsonError[]).filter((e) => e.severity === 'error')).toEqual([]);
    expect(r.json['queries']).toBe(athena.started);
    expect(r.junit).toMatch(/<testsuite name="athena" tests="2" failures="0">/);

    // The table was described where the flags point; every query went to the workgroup, catalog, database and result location.
    expect(athena.mock.commandCalls(GetTableMetadataCommand).map((c) => c.args[0].input)).toEqual([
      { CatalogName: 'AwsDataCatalog', DatabaseName: 'default', TableName: 'cloudtrail_logs' },
    ]);
    for (const call of athena.mock.commandCalls(StartQueryExecutionCommand)) {
      const { QueryString, ...context } = call.args[0].input;
      expect(QueryString!.startsWith(EXPLAIN_PREFIX)).toBe(true);
      expect(context).toEqual({
        QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: 'default' },
        WorkGroup: 'ci',
        ResultConfiguration: { OutputLocation: 's3://ctl-results/validate/' },
      });
    }
    expect(athena.peakInFlight).toBeLessThanOrEqual(3);
    expect(athena.stopped.size).toBe(0);
  });

  it('--database points the drift check and every query at another database', async () => {
    const athena = newFake();
    const r = await validateAthena(['--database', 'security']);
    expect(r.code).toBe(0);
    expect(athena.mock.commandCalls(GetTableMetadataCommand)[0]!.args[0].input).toMatchObject({ DatabaseName: 'security' });
    expect(athena.mock.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input.QueryExecutionContext).toEqual({ Catalog: 'AwsDataCatalog', Database: 'security' });
  });
});

describe('validate --engine athena: schema drift', () => {
  it('a missing column, a type mismatch and a missing projection property are schema-drift errors (exit 1); an extra column is a warning', async () => {
    const metadata = matchingMetadata(BLOCK);
    const { 'projection.region.type': _dropped, ...parameters } = metadata.Parameters!;
    const athena = newFake().setMetadata({
      ...metadata,
      Columns: [
        ...metadata.Columns!.filter((c) => c.Name !== 'tlsdetails').map((c) => (c.Name === 'useridentity' ? { ...c, Type: c.Type!.replace('accesskeyid:string', 'accesskeyid:int') } : c)),
        { Name: 'added_by_hand', Type: 'string' },
      ],
      Parameters: parameters,
    });
    const r = await validateAthena();

    expect(r.code).toBe(1);
    const drift = r.json['drift'] as { kind: string; column?: string; property?: string }[];
    expect(drift.map((d) => [d.kind, d.column ?? d.property])).toEqual([
      ['type-mismatch', 'useridentity'],
      ['missing-column', 'tlsdetails'],
      ['extra-column', 'added_by_hand'],
      ['missing-projection-property', 'projection.region.type'],
    ]);
    const findings = (r.json['errors'] as JsonError[]).filter((e) => e.rule === 'schema-drift');
    expect(findings.map((e) => e.severity)).toEqual(['error', 'error', 'warning', 'error']);
    for (const e of findings) expect(e.where).toBe('athena table AwsDataCatalog.default.cloudtrail_logs');
    expect(findings[0]!.message).toContain('useridentity.accesskeyid: expected string, actual int');
    expect(r.err).toMatch(/^error \[schema-drift\] athena table AwsDataCatalog\.default\.cloudtrail_logs: Column tlsdetails \(struct<.*>\) is missing from the table\.$/m);
    expect(r.err).toMatch(/^warning \[schema-drift\] .*added_by_hand/m);
    expect(r.out).toMatch(/; 4 schema drift finding\(s\)$/m);
    // The EXPLAINs still ran (they pass here: the mock does not know the table changed).
    expect(r.json['ok']).toBe(false);
    expect(r.json['failures']).toEqual([]);
    expect(athena.started).toBeGreaterThan(0);
    // JUnit carries the 3 drift errors as failed cases, not the warning.
    expect(r.junit).toMatch(/failures="3"/);
    expect(r.junit).toContain('<testcase classname="schema-drift" name="athena table AwsDataCatalog.default.cloudtrail_logs">');
  });

  it('a table that does not exist is an environment error: exit 2, one clear message, no query sent', async () => {
    const athena = newFake();
    const { MetadataException } = await import('@aws-sdk/client-athena');
    athena.mock.on(GetTableMetadataCommand).rejects(new MetadataException({ message: 'Table cloudtrail_logs not found in database default', $metadata: {} }));
    const r = await validateAthena();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^error: Table AwsDataCatalog\.default\.cloudtrail_logs was not found .* Create it with the generated Athena DDL first\.$/m);
    expect(looksLikeStackTrace(r.err)).toBe(false);
    expect(athena.started).toBe(0);
  });
});

describe('validate --engine athena: failures, throttling, timeouts', () => {
  it('a FAILED EXPLAIN is bisected down to the one field, with the AthenaError category/type and StateChangeReason', async () => {
    const field = 'cloudtrail_logs.api_version';
    const reason = "COLUMN_NOT_FOUND: line 12:5: Column 'apiversion' cannot be resolved or requester is not authorized to access requested resources";
    const athena = newFake().when((sql) => sql.includes(alias(field)), {
      state: 'FAILED',
      reason,
      error: { ErrorCategory: 2, ErrorType: 1006, Retryable: false, ErrorMessage: reason },
    });
    const r = await validateAthena();

    expect(r.code).toBe(1);
    const failures = r.json['failures'] as JsonFailure[];
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ kind: 'field', explore: 'cloudtrail_logs', field, message: reason, engineError: { category: 'USER', type: '1006', queryId: expect.stringMatching(/^q-\d+$/) } });
    expect(athena.sqlOf(failures[0]!.engineError!['queryId']!)).toContain(alias(field));
    expect(r.out).toContain(`FAIL explore cloudtrail_logs / field ${field}\n  ${reason}\n  error category USER, type 1006, query q-`);
    expect(r.junit).toContain(`name="${field}"`);
    // Bisection: the whole explore, then the failing half at each level down to the field alone
    // (halves are split with ceil, so the depth is floor or ceil of log2 of the field count).
    const checked = r.json['checked'] as { dimensions: number; measures: number };
    const fields = checked.dimensions + checked.measures;
    const failing = athena.statements.filter((s) => s.includes(alias(field))).length;
    expect(failing).toBeGreaterThanOrEqual(Math.floor(Math.log2(fields)) + 1);
    expect(failing).toBeLessThanOrEqual(Math.ceil(Math.log2(fields)) + 1);
  });

  it('throttled StartQueryExecution calls are retried with backoff, then the run succeeds (exit 0)', async () => {
    const athena = newFake().throttleStarts(3);
    const r = await validateAthena();
    expect(r.code).toBe(0);
    expect(athena.throttled).toBe(3);
    expect(athena.mock.commandCalls(StartQueryExecutionCommand)).toHaveLength(athena.started + 3);
    expect(r.json['queries']).toBe(athena.started);
  });

  it('a query past --timeout is stopped (StopQueryExecution) and reported against its field', async () => {
    const field = 'cloudtrail_logs.addendum_reason';
    const athena = newFake().when((sql) => sql.includes(alias(field)), { state: 'RUNNING' });
    const r = await validateAthena(['--timeout', '1']);

    expect(r.code).toBe(1);
    const failures = r.json['failures'] as JsonFailure[];
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ field, message: expect.stringMatching(/^Athena query q-\d+ timed out after 1 s; it was stopped \(StopQueryExecution\)$/), engineError: { category: 'TIMEOUT' } });
    const hung = athena.statements.map((_, i) => `q-${String(i + 1).padStart(4, '0')}`).filter((id) => athena.sqlOf(id)?.includes(alias(field)));
    expect(hung.length).toBeGreaterThan(1);
    expect([...athena.stopped].sort()).toEqual(hung);
  });
});

describe('validate --engine athena: Ctrl-C', () => {
  it('stops every query in flight (StopQueryExecution each) and exits 2', async () => {
    // Four explores so that several queries are in flight at once.
    const cwd = tempDir('ctl-athena-abort-');
    await writeTree(cwd, {
      'package.json': '{ "type": "module" }\n',
      'cloudtrail-lookml.config.ts': [
        `import { cloudtrailBlock } from '${REPO_ROOT}/model/index.ts';`,
        'const base = cloudtrailBlock();',
        'type E = (typeof base.content.explores)[number];',
        'export default base',
        "  .addExplore({ name: 'cloudtrail_resources', description: 'One row per resource of an event.' } as E)",
        "  .addExplore({ name: 'actor_login_facts', description: 'One row per actor.' } as E)",
        "  .addExplore({ name: 'actor_ip_facts', description: 'One row per actor and source IP.' } as E);",
        '',
      ].join('\n'),
    });
    const athena = newFake().when(() => true, { state: 'RUNNING' });
    // Polls wait until the signal fires: the queries stay in flight until Ctrl-C.
    const sleepUntilAborted = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_resolve, reject) => signal?.addEventListener('abort', () => reject(abortReason(signal)), { once: true }));

    // Only withInterrupt's own handler may see the emitted SIGINT (not the test runner's).
    const others = process.listeners('SIGINT');
    process.removeAllListeners('SIGINT');
    try {
      const pending = validateAthena(['--concurrency', '3'], { cwd, seam: { client: fakeClient, engine: { sleep: sleepUntilAborted, random: () => 0 } } });
      await vi.waitFor(() => expect(athena.started).toBe(3), { timeout: 30_000, interval: 20 });
      expect(process.listenerCount('SIGINT')).toBe(1);
      process.emit('SIGINT', 'SIGINT');
      const r = await pending;

      expect(r.code).toBe(2);
      expect(r.err.trimEnd().split('\n').at(-1)).toBe('error: interrupted: queries in flight were stopped');
      expect(looksLikeStackTrace(r.err)).toBe(false);
      expect(athena.started).toBe(3);
      expect([...athena.stopped].sort()).toEqual(['q-0001', 'q-0002', 'q-0003']);
      expect(r.json).toEqual({}); // no report for an interrupted run
    } finally {
      for (const listener of others) process.on('SIGINT', listener as () => void);
    }
    expect(process.listenerCount('SIGINT')).toBe(others.length);
  });
});

describe('validate --engine athena: credentials', () => {
  it('no credentials: exit 2 within seconds, the how-to message, no stack, nothing sent', async () => {
    const athena = newFake();
    const noCredentials = (region: string) =>
      new AthenaClient({
        region,
        credentials: async () => {
          throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
        },
      });
    const started = Date.now();
    const r = await validateAthena([], { seam: { client: noCredentials } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('error: No usable AWS credentials (Could not load credentials from any providers).');
    expect(r.err).toContain('AWS_PROFILE');
    expect(looksLikeStackTrace(r.err)).toBe(false);
    expect(r.out).toBe('');
    expect(athena.mock.calls()).toHaveLength(0);
  });

  it('no credential, secret or session token value appears in stdout, stderr, JSON or JUnit, even when Athena echoes them', async () => {
    const echo = `Access denied using ${FAKE_CREDENTIALS.accessKeyId} aws_secret_access_key=${FAKE_CREDENTIALS.secretAccessKey} token ${FAKE_CREDENTIALS.sessionToken} and ${FAKE_CREDENTIALS.secretAccessKey}`;
    newFake().when((sql) => sql.includes(alias('cloudtrail_logs.event_source')), {
      state: 'FAILED',
      reason: echo,
      error: { ErrorCategory: 2, ErrorType: 1500, Retryable: false, ErrorMessage: echo },
    });
    const r = await validateAthena();
    expect(r.code).toBe(1);
    expect(r.out).toContain('AKIA****');
    const outputs = [r.out, r.err, JSON.stringify(r.json), r.junit ?? ''].join('\n');
    for (const value of Object.values(FAKE_CREDENTIALS)) expect(outputs).not.toContain(value);
  });
});

describe('validate --engine athena: flags', () => {
  it.each([
    [['--concurrency', '0'], /^error: --concurrency must be a positive integer, got "0"$/],
    [['--output-location', 'ctl-results/validate'], /^error: --output-location must be an s3:\/\/ URI/],
    [['--data', 'logs/'], /^error: --data is for the duckdb engine/],
  ])('%j is a usage error (exit 2) before anything is sent', async (flags, message) => {
    const athena = newFake();
    const r = await validateAthena(flags);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(athena.mock.calls()).toHaveLength(0);
  });

  it('Athena flags without --engine athena are a usage error', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['validate', '--region', 'us-east-1'], { out: (t) => out.push(t), err: (t) => err.push(t), cwd: tempDir('ctl-athena-flags-'), isTty: false });
    expect(code).toBe(2);
    expect(err.join('\n')).toBe('error: --region only apply with --engine athena');
  });
});

// Declared last: vitest runs a file's tests in order, so every statement above has been collected.
describe('every statement the suite sent to Athena', () => {
  it('is an EXPLAIN (TYPE VALIDATE) of a SELECT, and the validate path used no other operation than these', () => {
    expect(sent.size).toBeGreaterThan(20);
    for (const sql of sent) {
      expect(sql.startsWith(EXPLAIN_PREFIX), sql.slice(0, 80)).toBe(true);
      expect(guardStatement(sql).kind).toBe('explain');
      expect(sql.slice(EXPLAIN_PREFIX.length)).toMatch(/^(SELECT|WITH)\b/);
    }
    // No GetQueryResults either: an EXPLAIN's plan is not read, only its success.
    expect([...operations].sort()).toEqual(['GetQueryExecution', 'GetTableMetadata', 'StartQueryExecution', 'StopQueryExecution']);
  });

  it('passes the Trino grammar gate and the Athena function allowlist, and runs on DuckDB over the fixture logs', async () => {
    const selects = [...sent].map((sql) => sql.slice(EXPLAIN_PREFIX.length));
    for (const sql of selects) {
      expect(checkTrinoSql(sql), sql).toEqual([]);
      expect(unknownFunctions(sql), sql).toEqual([]);
    }
    // What is checked here is that the SQL runs, not the CLI's memory budget: the all-fields explore
    // query (hundreds of GROUP BY columns over three joined derived tables) needs more than the 1 GB default.
    const engine = await DuckDbEngine.open({ data: join(REPO_ROOT, 'test/fixtures/cloudtrail'), schema: cloudtrailTable, memoryLimit: '4GB' });
    try {
      await engine.exposeAs('default', 'cloudtrail_logs');
      for (const sql of selects) await expect(engine.run(sql), sql).resolves.toBeDefined();
    } finally {
      await engine.close();
    }
  }, 300_000);
});
