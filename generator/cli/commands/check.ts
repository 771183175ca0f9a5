/** `check`: exit 1 when the output folder is not what `generate` would write now. */
import { resolve } from 'node:path';
import { parseFlags } from '../args.js';
import type { CliIo } from '../io.js';
import { compileForCli, reportDiagnostics } from '../compile-for-cli.js';
import { checkOutput, isClean } from '../../write/check-output.js';
import { EXIT_FINDINGS, EXIT_OK } from '../exit-codes.js';

export const CHECK_HELP = `Usage: cloudtrail-lookml check [--config FILE] [--out DIR]

Compiles the block and compares it with DIR (default: output) without writing anything.
Exits 1 and lists stale, missing and extra generated files when they differ; 0 when up to date.

Options:
  --config FILE   the config file exporting the block (default: ./cloudtrail-lookml.config.ts)
  --out DIR       output folder (default: ./output)
  -h, --help      show this help`;

export async function checkCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('check', args, { config: { type: 'string' }, out: { type: 'string' } });
  if (values.help) return io.out(CHECK_HELP), EXIT_OK;
  const out = resolve(io.cwd, values.out ?? 'output');
  const result = await compileForCli(io, values.config);
  if (reportDiagnostics(io, result) || !result.files) return EXIT_FINDINGS;
  const r = await checkOutput(out, result.files);
  if (isClean(r)) {
    io.out(`${out} is up to date (${result.files.length} generated files)`);
    return EXIT_OK;
  }
  for (const p of r.stale) io.out(`stale    ${p}`);
  for (const p of r.missing) io.out(`missing  ${p}`);
  for (const p of r.extra) io.out(`extra    ${p}`);
  for (const p of r.conflicts) io.out(`conflict ${p} (a file without the generated header stands where a generated file belongs)`);
  io.err(`${out} is out of date: run "npx cloudtrail-lookml generate"`);
  return EXIT_FINDINGS;
}
