/** `generate`: compile the block and write the output folder atomically. */
import { resolve } from 'node:path';
import { parseFlags } from '../args.js';
import type { CliIo } from '../io.js';
import { compileForCli, reportDiagnostics } from '../compile-for-cli.js';
import { writeOutput, OutputConflictError } from '../../write/write-atomic.js';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import { staticChecks } from '../../validate/static-checks.js';

export const GENERATE_HELP = `Usage: cloudtrail-lookml generate [--config FILE] [--out DIR]

Compiles the block (cloudtrail-lookml.config.ts in the working directory, or the built-in
CloudTrail block) and writes the Looker project to DIR (default: output). Nothing is written
when a check finds an error (semantic rules, lint, SQL grammar); warnings are printed and do
not block. Files in DIR that the generator did not write are never touched.

Options:
  --config FILE   the config file exporting the block (default: ./cloudtrail-lookml.config.ts)
  --out DIR       output folder (default: ./output)
  -h, --help      show this help`;

export async function generateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('generate', args, { config: { type: 'string' }, out: { type: 'string' } });
  if (values.help) return io.out(GENERATE_HELP), EXIT_OK;
  const out = resolve(io.cwd, values.out ?? 'output');
  const compiled = await compileForCli(io, values.config);
  // Lint and the SQL grammar gate too: an error from any check blocks writing, warnings are printed.
  const result = { ...compiled, diagnostics: [...compiled.diagnostics, ...(await staticChecks(compiled.ir))] };
  if (reportDiagnostics(io, result) || !result.files) {
    io.err('nothing written: fix the errors above');
    return EXIT_FINDINGS;
  }
  try {
    const w = await writeOutput(out, result.files);
    io.out(`${out}: ${w.written.length} written, ${w.unchanged.length} unchanged, ${w.removed.length} removed` +
      (w.kept.length ? `, ${w.kept.length} of your own files kept` : ''));
    for (const p of w.written) io.out(`  wrote   ${p}`);
    for (const p of w.removed) io.out(`  removed ${p}`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof OutputConflictError) return io.err(error.message), EXIT_USAGE;
    throw error;
  }
}
