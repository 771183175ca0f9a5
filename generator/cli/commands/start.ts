/**
 * `start` (what `npm start` runs): generate output/, then validate every field and dashboard tile
 * on the bundled real CloudTrail logs, with "now" set to the newest sample event so date-filtered
 * tiles show data; end with a summary a newcomer can read.
 */
import { resolve, relative } from 'node:path';
import { parseFlags } from '../args.js';
import type { CliIo } from '../io.js';
import { compileForCli, reportDiagnostics } from '../compile-for-cli.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { openDuckDb, sourceTable } from '../engine-factory.js';
import { writeOutput, OutputConflictError } from '../../write/write-atomic.js';
import { runValidation } from '../../validate/execute/run-validation.js';
import { formatReport } from '../../validate/execute/report.js';
import { staticChecks } from '../../validate/static-checks.js';
import { hasErrors } from '../../validate/diagnostics.js';
import { QueryCompiler } from '../../query/index.js';
import type { Engine } from '../../engines/engine.js';
import type { ProjectIR } from '../../ir/project-ir.js';
import type { Block } from '../../vocabulary/block.js';

export const START_HELP = `Usage: cloudtrail-lookml start [--out DIR] [--data PATH] [--config FILE]

Generates the Looker project into DIR (default: output), then validates every field and every
dashboard tile by running its SQL on the embedded DuckDB over CloudTrail logs (default: the
bundled sample logs), and prints a summary.`;

/** Headline measures shown when the block has them (the built-in block does). */
const HEADLINES: readonly [string, string][] = [
  ['cloudtrail_logs.count', 'events'],
  ['cloudtrail_logs.actor_count', 'distinct actors'],
  ['cloudtrail_logs.error_count', 'failed calls'],
  ['cloudtrail_logs.console_login_failure_count', 'failed console logins'],
  ['cloudtrail_logs.root_event_count', 'root events'],
  ['cloudtrail_logs.detections', 'detection hits'],
];

export async function startCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('start', args, { out: { type: 'string' }, data: { type: 'string' }, config: { type: 'string' } });
  if (values.help) return io.out(START_HELP), EXIT_OK;
  const started = Date.now();
  const out = resolve(io.cwd, values.out ?? 'output');
  const compiled = await compileForCli(io, values.config);
  const diagnostics = [...compiled.diagnostics, ...(hasErrors(compiled.diagnostics) ? [] : await staticChecks(compiled.ir))];
  if (reportDiagnostics(io, { ...compiled, diagnostics }) || !compiled.files) return io.err('nothing written: fix the errors above'), EXIT_FINDINGS;
  try {
    const w = await writeOutput(out, compiled.files);
    io.out(`1/2 generated ${compiled.files.length} files into ${relative(io.cwd, out) || '.'}/ (${w.written.length} changed)`);
  } catch (error) {
    if (error instanceof OutputConflictError) return io.err(error.message), EXIT_USAGE;
    throw error;
  }

  const engine = await openDuckDb(compiled.loaded.block, { cwd: io.cwd, ...(values.data ? { data: values.data } : {}) });
  try {
    const now = await newestEvent(engine, compiled.loaded.block);
    const { grammarIssue } = await import('../../validate/sql/grammar-issue.js');
    const report = await runValidation({ project: compiled.ir, engine, now, grammar: grammarIssue });
    io.out(`2/2 validated on ${values.data ? values.data : 'the bundled sample logs'} (now = ${now.toISOString()})`);
    io.out(formatReport(report));
    io.out('');
    io.out(await headlines(compiled.ir, engine, now));
    io.out('');
    io.out(nextSteps(out, io.cwd, Date.now() - started, values.data === undefined));
    return report.ok ? EXIT_OK : EXIT_FINDINGS;
  } finally {
    await engine.close();
  }
}

/** The newest event in the data: the sample logs end years ago, and "7 days" must mean their last week. */
async function newestEvent(engine: Engine, block: Block): Promise<Date> {
  const { database, table } = sourceTable(block);
  const name = database ? `"${database}"."${table}"` : `"${table}"`;
  const r = await engine.run(`SELECT max(eventtime) AS newest FROM ${name}`);
  const newest = r.rows[0]?.['newest'];
  return typeof newest === 'string' ? new Date(newest) : new Date();
}

async function headlines(ir: ProjectIR, engine: Engine, now: Date): Promise<string> {
  const compiler = new QueryCompiler(ir);
  const explore = ir.explores.find((e) => e.name === 'cloudtrail_logs');
  if (!explore) return '';
  const present = HEADLINES.filter(([f]) => {
    try {
      compiler.compile({ explore: explore.name, fields: [f], now });
      return true;
    } catch {
      return false;
    }
  });
  if (present.length === 0) return '';
  const anyDate = Object.fromEntries(Object.keys(explore.alwaysFilter ?? {}).map((k) => [k, '']));
  const q = compiler.compile({ explore: explore.name, fields: present.map(([f]) => f), filters: anyDate, now });
  const row = (await engine.run(q.sql)).rows[0] ?? {};
  return `In the sample data: ${present.map(([f, label]) => `${row[f] ?? 0} ${label}`).join(', ')}.`;
}

function nextSteps(out: string, cwd: string, ms: number, samples: boolean): string {
  const rel = relative(cwd, out) || '.';
  return [
    `Done in ${(ms / 1000).toFixed(1)} s. Next:`,
    `  - copy ${rel}/ into your Looker project (or import it) and set the CONNECTION_NAME constant;`,
    `  - create the Athena table with ${rel}/athena/*.create-table.sql (or: npx cloudtrail-lookml ddl);`,
    `  - ${samples ? 'validate on your own logs: npx cloudtrail-lookml validate --data <folder of CloudTrail .json.gz>' : 'query a tile: npx cloudtrail-lookml query --dashboard <name> --tile "<title>"'};`,
    `  - customise in cloudtrail-lookml.config.ts and run npx cloudtrail-lookml generate (see README.md).`,
  ].join('\n');
}

