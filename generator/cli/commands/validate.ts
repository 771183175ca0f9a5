/**
 * `validate`: every check, cheapest first, all findings at once: semantic checks and lint on the
 * model, the Trino grammar of every SQL fragment, then (unless --offline) every field and tile
 * executed on an engine. On Athena the live table is first compared with the schema (drift), and
 * every query is sent as EXPLAIN (TYPE VALIDATE): planned and type-checked, no data scanned, not billed.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { keyValueFlags, parseFlags, USER_ATTRIBUTE_FLAG, USER_ATTRIBUTE_HELP } from '../args.js';
import type { CliIo } from '../io.js';
import { compileForCli, reportDiagnostics, type CompiledForCli } from '../compile-for-cli.js';
import { loadBlock } from '../load-config.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import { UsageError } from '../errors.js';
import { ATHENA_FLAGS, ATHENA_HELP, openAthena, openDuckDb, sourceTableFile, withInterrupt } from '../engine-factory.js';
import { parseNow } from '../now.js';
import { runValidation } from '../../validate/execute/run-validation.js';
import { formatReport, reportJunit, type ValidationReport } from '../../validate/execute/report.js';
import { staticChecks } from '../../validate/static-checks.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../../validate/diagnostics.js';
import type { Engine } from '../../engines/engine.js';
import type { AthenaEngine } from '../../engines/athena/athena-engine.js';
import type { DriftFinding } from '../../engines/athena/schema-drift.js';
import type { Block } from '../../vocabulary/block.js';
import { cloudtrailTable } from '../../../model/table/cloudtrail-columns.js';

export const VALIDATE_HELP = `Usage: cloudtrail-lookml validate [--offline] [--engine duckdb|athena] [--data PATH] [--now ISO]
                                [--json FILE] [--junit FILE] [--config FILE]

Checks the block without Looker: references, lint rules and the Trino grammar of every SQL
fragment (offline); then runs one query per explore with every dimension and measure, names each
failing field, and runs every dashboard tile's query on the engine.

With --engine athena the live table is compared with the schema (columns, types, partition keys,
partition projection: rule schema-drift), then every query is sent as EXPLAIN (TYPE VALIDATE):
Athena plans and type-checks it without reading data, so the run scans 0 bytes and is not billed.
Only EXPLAIN statements are sent. Ctrl-C stops every query in flight (exit 2).

Options:
  --offline       only the checks that need no engine
  --engine NAME   duckdb (default: embedded, over CloudTrail log files) or athena (live, EXPLAIN only)
  --data PATH     CloudTrail logs for duckdb: a folder in the S3 layout (AWSLogs/…) or loose
                  .json/.json.gz files (default: the bundled sample logs)
  --now ISO       the instant relative date filters ("7 days") are computed from (default: now)
  --json FILE     write the report as JSON
  --junit FILE    write the report as JUnit XML
  --config FILE   the config file exporting the block (default: ./cloudtrail-lookml.config.ts)
${USER_ATTRIBUTE_HELP}
  -h, --help      show this help

${ATHENA_HELP}`;

const FLAGS = {
  offline: { type: 'boolean' },
  engine: { type: 'string' },
  data: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'string' },
  junit: { type: 'string' },
  config: { type: 'string' },
  ...USER_ATTRIBUTE_FLAG,
  ...ATHENA_FLAGS,
} as const;

type ValidateFlags = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];
type EngineName = 'duckdb' | 'athena';

/** What the Athena part of a run adds to the report. */
interface AthenaOutcome {
  readonly drift: readonly DriftFinding[];
  readonly driftDiagnostics: readonly Diagnostic[];
  readonly bytesScanned: number;
}

export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('validate', args, FLAGS);
  if (values.help) return io.out(VALIDATE_HELP), EXIT_OK;
  const engineName = checkEngineFlags(values);
  const now = parseNow(values.now);

  // Credentials are resolved before the model is compiled and checked (seconds of work): a missing
  // login fails fast, exit 2. compileForCli loads the config again, from the module cache.
  const athena = !values.offline && engineName === 'athena' ? await openAthena((await loadBlock(io.cwd, values.config)).block, values) : undefined;
  try {
    const compiled = await compileForCli(io, values.config);
    // Lint and the grammar gate run even when core rules failed: every finding in one run.
    const diagnostics: Diagnostic[] = [...compiled.diagnostics, ...(await staticChecks(compiled.ir))];
    reportDiagnostics(io, { ...compiled, diagnostics });
    // Executing SQL that already failed a check would only repeat the finding, slower.
    const execute = !values.offline && !hasErrors(diagnostics);

    let execution: ValidationReport | undefined;
    let athenaOutcome: AthenaOutcome | undefined;
    if (athena) {
      const result = await withInterrupt((signal) => validateOnAthena(athena, compiled, { now, execute, signal, io, userAttributes: keyValueFlags(values['user-attribute'], 'user-attribute') }));
      execution = result.execution;
      athenaOutcome = result.outcome;
    } else if (execute) {
      execution = await validateOnDuckDb(compiled, values, now, io);
    }
    if (execution) io.out(formatReport(execution));
    if (athena && athenaOutcome) io.out(athenaUsageLine(athena, athenaOutcome));

    const allDiagnostics = [...diagnostics, ...(athenaOutcome?.driftDiagnostics ?? [])];
    const ok = !hasErrors(allDiagnostics) && (execution?.ok ?? true);
    writeReports(io, values, { ok, engineName, diagnostics: allDiagnostics, execution, athena: athenaOutcome });
    if (values.offline) io.out(ok ? 'offline checks passed' : 'offline checks found errors');
    return ok ? EXIT_OK : EXIT_FINDINGS;
  } finally {
    // Waits for every StopQueryExecution sent on Ctrl-C before the process exits.
    await athena?.close();
  }
}

/** The engine name, and flags that make no sense for it refused rather than silently ignored. */
function checkEngineFlags(values: ValidateFlags): EngineName {
  const engineName = values.engine ?? 'duckdb';
  if (engineName !== 'duckdb' && engineName !== 'athena') throw new UsageError(`--engine must be duckdb or athena, got "${engineName}"`);
  if (engineName === 'athena' && values.data !== undefined) throw new UsageError('--data is for the duckdb engine; Athena reads the table in your catalog');
  if (engineName === 'duckdb') {
    const athenaOnly = Object.keys(ATHENA_FLAGS).filter((flag) => values[flag as keyof typeof ATHENA_FLAGS] !== undefined);
    if (athenaOnly.length > 0) throw new UsageError(`${athenaOnly.map((f) => `--${f}`).join(', ')} only apply with --engine athena`);
  }
  return engineName;
}

async function validateOnDuckDb(compiled: CompiledForCli, values: ValidateFlags, now: Date, io: CliIo): Promise<ValidationReport> {
  const engine = await openDuckDb(compiled.loaded.block, { cwd: io.cwd, ...(values.data ? { data: values.data } : {}) });
  try {
    return await runOnEngine(compiled, engine, { now, io, mode: 'run', userAttributes: keyValueFlags(values['user-attribute'], 'user-attribute') });
  } finally {
    await engine.close();
  }
}

interface AthenaRun {
  readonly now: Date;
  /** False when static checks failed: only the drift check runs. */
  readonly execute: boolean;
  readonly signal: AbortSignal;
  readonly io: CliIo;
  readonly userAttributes?: Readonly<Record<string, string>>;
}

/** Drift of the live table first (cheap, one metadata call), then every query as EXPLAIN. */
async function validateOnAthena(
  engine: AthenaEngine,
  compiled: CompiledForCli,
  run: AthenaRun,
): Promise<{ execution?: ValidationReport; outcome: AthenaOutcome }> {
  const drift = await checkLiveTable(engine, compiled.loaded.block, run.signal);
  const driftDiagnostics = drift.diagnostics;
  for (const d of driftDiagnostics) run.io.err(formatDiagnostic(d));
  // Drift does not stop the run: the EXPLAINs then show which fields the drift actually breaks.
  const execution = run.execute
    ? await runOnEngine(compiled, engine, {
        now: run.now,
        io: run.io,
        mode: 'explain',
        signal: run.signal,
        parallelism: engine.options.concurrency ?? 5,
        ...(run.userAttributes ? { userAttributes: run.userAttributes } : {}),
      })
    : undefined;
  const bytesScanned = engine.usage().bytesScanned;
  return {
    ...(execution ? { execution: { ...execution, bytesScanned } } : {}),
    outcome: { drift: drift.findings, driftDiagnostics, bytesScanned },
  };
}

/** GetTableMetadata of the block's table in the engine's catalog and database, against the schema and the DDL's partitioning. */
async function checkLiveTable(engine: AthenaEngine, block: Block, signal: AbortSignal): Promise<{ findings: DriftFinding[]; diagnostics: Diagnostic[] }> {
  const { checkSchemaDrift, expectedTableFromDdl } = await import('../../engines/athena/schema-drift.js');
  const { EnvironmentError } = await import('../../engines/athena/credentials.js');
  const file = sourceTableFile(block);
  const catalog = engine.options.catalog ?? 'AwsDataCatalog';
  const database = engine.options.database;
  let findings: DriftFinding[];
  try {
    findings = await checkSchemaDrift({
      client: engine.client,
      catalog,
      database,
      table: file.ddl.table,
      expected: expectedTableFromDdl(file.ddl, cloudtrailTable),
      signal,
      ...(engine.options.sleep ? { sleep: engine.options.sleep } : {}),
    });
  } catch (error) {
    // A missing table or permission is the environment's problem: exit 2 with the message alone.
    if (error instanceof EnvironmentError) throw new UsageError(error.message);
    throw error;
  }
  const where = `athena table ${catalog}.${database}.${file.ddl.table}`;
  return { findings, diagnostics: findings.map((f) => driftDiagnostic(f, where, `athena/${file.name}.sql`)) };
}

const DRIFT_HINTS: Readonly<Record<DriftFinding['kind'], string>> = {
  'missing-column': 'recreate the table from the generated DDL (cloudtrail-lookml ddl), or ALTER TABLE … ADD COLUMNS',
  'extra-column': 'add the column to the schema to expose it, or ignore this warning',
  'type-mismatch': 'recreate the table from the generated DDL (cloudtrail-lookml ddl); the SerDe maps struct fields by name',
  'missing-partition-key': 'recreate the table from the generated DDL (cloudtrail-lookml ddl): partition keys cannot be added in place',
  'missing-projection-property': 'ALTER TABLE … SET TBLPROPERTIES with the values in the generated DDL, or recreate the table',
  'projection-type-mismatch': 'ALTER TABLE … SET TBLPROPERTIES with the values in the generated DDL, or recreate the table',
};

/**
 * A drift finding as a validation finding. An extra data column is only a warning: the block reads
 * the columns it knows and Athena ignores the rest. Everything else makes queries fail or scan
 * every object, so it is an error.
 */
function driftDiagnostic(f: DriftFinding, where: string, file: string): Diagnostic {
  const harmless = f.kind === 'extra-column' && !f.partitionKey;
  return { rule: 'schema-drift', severity: harmless ? 'warning' : 'error', where, message: f.message, file, hint: DRIFT_HINTS[f.kind] };
}

interface EngineRun {
  readonly now: Date;
  readonly io: CliIo;
  readonly mode: 'run' | 'explain';
  readonly signal?: AbortSignal;
  readonly parallelism?: number;
  readonly userAttributes?: Readonly<Record<string, string>>;
}

async function runOnEngine(compiled: CompiledForCli, engine: Engine, r: EngineRun): Promise<ValidationReport> {
  const { grammarIssue } = await import('../../validate/sql/grammar-issue.js');
  return runValidation({
    project: compiled.ir,
    engine,
    now: r.now,
    grammar: grammarIssue,
    mode: r.mode,
    ...(r.signal ? { signal: r.signal } : {}),
    ...(r.parallelism ? { parallelism: r.parallelism } : {}),
    ...(r.userAttributes ? { userAttributes: r.userAttributes } : {}),
    onProgress: r.io.isTty ? (m) => r.io.err(`  … ${m}`) : undefined,
  });
}

/** What the run cost: EXPLAIN scans nothing, so anything but 0 bytes would be a surprise worth seeing. */
function athenaUsageLine(engine: AthenaEngine, outcome: AthenaOutcome): string {
  const usage = engine.usage();
  const drift = outcome.drift.length === 0 ? 'no schema drift' : `${outcome.drift.length} schema drift finding(s)`;
  return `athena: ${usage.queries} EXPLAIN queries, ${outcome.bytesScanned} bytes scanned, estimated cost $${usage.estimatedCostUsd.toFixed(2)} (EXPLAIN is not billed); ${drift}`;
}

interface ReportInput {
  readonly ok: boolean;
  readonly engineName: EngineName;
  readonly diagnostics: readonly Diagnostic[];
  readonly execution: ValidationReport | undefined;
  readonly athena: AthenaOutcome | undefined;
}

function writeReports(io: CliIo, values: ValidateFlags, input: ReportInput): void {
  const { ok, diagnostics, execution, athena } = input;
  const report = {
    ok,
    engine: values.offline ? 'offline' : input.engineName,
    errors: diagnostics.map(({ rule, severity, where, message, origin, file, hint }) => ({ rule, severity, where, message, ...(origin ? { origin } : {}), ...(file ? { file } : {}), ...(hint ? { hint } : {}) })),
    ...(execution ? { checked: execution.checked, queries: execution.queries, failures: execution.failures } : {}),
    ...(athena ? { bytesScanned: athena.bytesScanned, drift: athena.drift } : {}),
  };
  if (values.json) writeFileSync(resolve(io.cwd, values.json), `${JSON.stringify(report, null, 2)}\n`);
  if (values.junit && execution) {
    const driftCases = (athena?.driftDiagnostics ?? []).filter((d) => d.severity === 'error');
    writeFileSync(resolve(io.cwd, values.junit), reportJunit(execution, driftCases));
  }
}
