/**
 * `npm run bench [-- --size smoke|full] [--only compile,validation,scale,parquet,overhead,memory] [--regen] [--out FILE]`
 *
 * Prints the results table and writes the results as JSON: bench/results.json for a full run
 * (the committed numbers), bench/.data/results-<size>.json otherwise, so a smoke run never
 * overwrites them.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { runBench, SECTIONS, type Section } from './bench.js';
import { formatResults } from './report.js';
import { DATA_ROOT } from './data.js';
import type { SizeName } from './sizes.js';

function parseOptions(argv: readonly string[]): { size: SizeName; only: Section[]; regen: boolean; out: string } {
  const { values } = parseArgs({
    args: [...argv],
    options: { size: { type: 'string', default: 'full' }, only: { type: 'string' }, regen: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  const size = values.size;
  if (size !== 'smoke' && size !== 'full') throw new Error(`--size must be smoke or full, not "${size}"`);
  const only = (values.only ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`--only: unknown section(s) ${unknown.join(', ')} (sections: ${SECTIONS.join(', ')})`);
  const out = values.out ?? (size === 'full' ? fileURLToPath(new URL('./results.json', import.meta.url)) : `${DATA_ROOT}results-${size}.json`);
  return { size, only: only as Section[], regen: values.regen, out };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const results = await runBench({ size: o.size, only: o.only, regen: o.regen, log: (m) => process.stderr.write(`… ${m}\n`) });
  process.stdout.write(`${formatResults(results)}\n`);
  writeFileSync(o.out, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`results written to ${o.out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
