/**
 * `validate`: every check, cheapest first, all findings at once: semantic checks and lint on the
 * model, the Trino grammar of every SQL fragment, then (unless --offline) every field and tile
 * executed on an engine.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseFlags } from '../args.js';
import type { CliIo } from '../io.js';
import { compileForCli, reportDiagnostics } from '../compile-for-cli.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';
import { UsageError } from '../errors.js';
import { openDuckDb } from '../engine-factory.js';
import { parseNow } from '../now.js';
import { runValidation } from '../../validate/execute/run-validation.js';
import { formatReport, reportJunit, type ValidationReport } from '../../validate/execute/report.js';
import { staticChecks } from '../../validate/static-checks.js';
import { hasErrors, type Diagnostic } from '../../validate/diagnostics.js';

export const VALIDATE_HELP = `Usage: cloudtrail-lookml validate [--offline] [--engine duckdb] [--data PATH] [--now ISO]
                                [--json FILE] [--junit FILE] [--config FILE]

Checks the block without Looker: references, lint rules and the Trino grammar of every SQL
fragment (offline); then runs one query per explore with every dimension and measure, names each
failing field, and runs every dashboard tile's query on the engine.

Options:
  --offline       only the checks that need no engine
  --engine NAME   duckdb (default: embedded, over CloudTrail log files)
  --data PATH     CloudTrail logs: a folder in the S3 layout (AWSLogs/…) or loose .json/.json.gz
                  files (default: the bundled sample logs)
  --now ISO       the instant relative date filters ("7 days") are computed from (default: now)
  --json FILE     write the report as JSON
  --junit FILE    write the report as JUnit XML
  --config FILE   the config file exporting the block (default: ./cloudtrail-lookml.config.ts)
  -h, --help      show this help`;

const FLAGS = {
  offline: { type: 'boolean' },
  engine: { type: 'string' },
  data: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'string' },
  junit: { type: 'string' },
  config: { type: 'string' },
} as const;

export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('validate', args, FLAGS);
  if (values.help) return io.out(VALIDATE_HELP), EXIT_OK;
  const engineName = values.engine ?? 'duckdb';
  if (engineName !== 'duckdb') throw new UsageError(`--engine ${engineName} is not supported (use duckdb)`);
  const now = parseNow(values.now);

  const compiled = await compileForCli(io, values.config);
  // Lint and the grammar gate run even when core rules failed: every finding in one run.
  const diagnostics: Diagnostic[] = [...compiled.diagnostics, ...(await staticChecks(compiled.ir))];
  reportDiagnostics(io, { ...compiled, diagnostics });

  let execution: ValidationReport | undefined;
  // Executing SQL that already failed a check would only repeat the finding, slower.
  if (!values.offline && !hasErrors(diagnostics)) {
    const engine = await openDuckDb(compiled.loaded.block, { cwd: io.cwd, ...(values.data ? { data: values.data } : {}) });
    try {
      const { grammarIssue } = await import('../../validate/sql/grammar-issue.js');
      execution = await runValidation({
        project: compiled.ir, engine, now, grammar: grammarIssue,
        onProgress: io.isTty ? (m) => io.err(`  … ${m}`) : undefined,
      });
    } finally {
      await engine.close();
    }
    io.out(formatReport(execution));
  }

  const ok = !hasErrors(diagnostics) && (execution?.ok ?? true);
  const report = {
    ok,
    engine: values.offline ? 'offline' : engineName,
    errors: diagnostics.map(({ rule, severity, where, message, origin, file, hint }) => ({ rule, severity, where, message, ...(origin ? { origin } : {}), ...(file ? { file } : {}), ...(hint ? { hint } : {}) })),
    ...(execution ? { checked: execution.checked, queries: execution.queries, failures: execution.failures } : {}),
  };
  if (values.json) writeFileSync(resolve(io.cwd, values.json), `${JSON.stringify(report, null, 2)}\n`);
  if (values.junit && execution) writeFileSync(resolve(io.cwd, values.junit), reportJunit(execution));
  if (values.offline) io.out(ok ? 'offline checks passed' : 'offline checks found errors');
  return ok ? EXIT_OK : EXIT_FINDINGS;
}
