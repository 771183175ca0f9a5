/** `cloudtrail-lookml <command>`: dispatch, help, and the exit-code contract. */
import type { CliIo } from './io.js';
import { processIo } from './io.js';
import { UsageError } from './errors.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/**
 * Commands load on demand: `generate` and `check` should not pay for DuckDB or the SQL grammar.
 */
const COMMANDS: Readonly<Record<string, { readonly load: () => Promise<Command>; readonly summary: string }>> = {
  start: { load: async () => (await import('./commands/start.js')).startCommand, summary: 'generate output/ and validate it on the bundled sample logs (npm start)' },
  generate: { load: async () => (await import('./commands/generate.js')).generateCommand, summary: 'compile the block and write the Looker project (output/)' },
  check: { load: async () => (await import('./commands/check.js')).checkCommand, summary: 'exit 1 when output/ is not what generate would write' },
  validate: { load: async () => (await import('./commands/validate.js')).validateCommand, summary: 'check every field and tile: offline rules, then executed on DuckDB (or EXPLAIN on Athena)' },
  query: { load: async () => (await import('./commands/query.js')).queryCommand, summary: 'run an explore query or a dashboard tile on local CloudTrail logs' },
  ddl: { load: async () => (await import('./commands/ddl.js')).ddlCommand, summary: 'print the Athena CREATE TABLE for the configured table' },
};

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage: cloudtrail-lookml <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "cloudtrail-lookml <command> --help" for the options of a command.',
    'Exit codes: 0 ok, 1 findings, 2 usage or environment error.',
  ].join('\n');
}

export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`unknown command "${name}"\n\n${mainHelp()}`);
    return EXIT_USAGE;
  }
  try {
    return await (await command.load())(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      return EXIT_USAGE;
    }
    // Not the user's fault: say so, keep the trace for the bug report.
    io.err(`internal error: ${(error as Error)?.message ?? String(error)}`);
    if (process.env['CLOUDTRAIL_LOOKML_DEBUG']) io.err(String((error as Error)?.stack ?? ''));
    else io.err('(set CLOUDTRAIL_LOOKML_DEBUG=1 for the stack trace)');
    return EXIT_FINDINGS;
  }
}
