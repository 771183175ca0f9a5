/** `cloudtrail-lookml <command>`: dispatch, help, and the exit-code contract. */
import type { CliIo } from './io.js';
import { processIo } from './io.js';
import { UsageError } from './errors.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { generateCommand } from './commands/generate.js';
import { checkCommand } from './commands/check.js';
import { ddlCommand } from './commands/ddl.js';
import { validateCommand } from './commands/validate.js';
import { queryCommand } from './commands/query.js';
import { startCommand } from './commands/start.js';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

const COMMANDS: Readonly<Record<string, { readonly run: Command; readonly summary: string }>> = {
  start: { run: startCommand, summary: 'generate output/ and validate it on the bundled sample logs (npm start)' },
  generate: { run: generateCommand, summary: 'compile the block and write the Looker project (output/)' },
  check: { run: checkCommand, summary: 'exit 1 when output/ is not what generate would write' },
  validate: { run: validateCommand, summary: 'check every field and tile: offline rules, then executed on DuckDB' },
  query: { run: queryCommand, summary: 'run an explore query or a dashboard tile on local CloudTrail logs' },
  ddl: { run: ddlCommand, summary: 'print the Athena CREATE TABLE for the configured table' },
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
    return await command.run(args, io);
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
