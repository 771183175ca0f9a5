/**
 * Compile benchmark: `compileBlock` (IR + semantic checks + render, no disk) on the CloudTrail
 * block and on synthetic blocks of growing size. Each stage is also timed on its own, so a
 * non-linear total can be traced to the stage that causes it.
 */
import { compileBlock } from '../../generator/compile.js';
import { buildIr } from '../../generator/ir/build-ir.js';
import { validateProject } from '../../generator/validate/validate-project.js';
import { renderProject } from '../../generator/render/render-project.js';
import { hasErrors } from '../../generator/validate/diagnostics.js';
import type { Block } from '../../generator/vocabulary/block.js';
import { defaultBlock } from '../bench-block.js';
import { syntheticBlock, fieldCount } from '../synthetic-model.js';
import { median, repeatMs, round, timed } from '../stats.js';
import type { Sizes } from '../sizes.js';

export interface CompileMeasurement {
  readonly name: string;
  readonly views: number;
  readonly fields: number;
  readonly explores: number;
  readonly tiles: number;
  readonly files: number;
  readonly runs: number;
  /** Median of `compileBlock`, ms. */
  readonly median_ms: number;
  readonly min_ms: number;
  /** Median per stage, ms (measured separately from the totals). */
  readonly stages_ms: { readonly ir: number; readonly checks: number; readonly render: number };
}

export interface CompileResults {
  readonly block: CompileMeasurement;
  readonly synthetic: readonly CompileMeasurement[];
  /** median(1,000 views) / median(100 views); null when those sizes were not run. */
  readonly ratio_1000_100: number | null;
  /** Ratio of the two largest synthetic sizes run, with their view counts (for smoke runs). */
  readonly ratio_largest: { readonly from: number; readonly to: number; readonly ratio: number; readonly size_ratio: number };
}

/** Times one block: a warm-up compile (module loading, JIT), then `runs` measured ones. */
export async function measureCompile(name: string, block: Block, runs: number): Promise<CompileMeasurement> {
  const first = await compileBlock(block);
  if (!first.files || hasErrors(first.diagnostics)) {
    const errors = first.diagnostics.filter((d) => d.severity === 'error').slice(0, 3).map((d) => d.message);
    throw new Error(`${name}: the block does not compile cleanly: ${errors.join('; ')}`);
  }
  const totals = await repeatMs(runs, () => compileBlock(block));
  const stages = { ir: [] as number[], checks: [] as number[], render: [] as number[] };
  for (let i = 0; i < runs; i++) {
    const ir = await timed(async () => buildIr(block));
    stages.ir.push(ir.ms);
    stages.checks.push((await timed(async () => validateProject(ir.value))).ms);
    stages.render.push((await timed(() => renderProject(ir.value))).ms);
  }
  const ir = first.ir;
  return {
    name,
    views: ir.views.length,
    fields: fieldCount(block),
    explores: ir.explores.length,
    tiles: ir.dashboards.reduce((n, d) => n + d.elements.length, 0),
    files: first.files.length,
    runs,
    median_ms: round(median(totals)),
    min_ms: round(Math.min(...totals)),
    stages_ms: { ir: round(median(stages.ir)), checks: round(median(stages.checks)), render: round(median(stages.render)) },
  };
}

export async function runCompile(sizes: Sizes, log: (m: string) => void): Promise<CompileResults> {
  log('compile: CloudTrail block');
  const block = await measureCompile('cloudtrail', defaultBlock(), Math.max(5, sizes.compileRuns));
  const synthetic: CompileMeasurement[] = [];
  for (const views of sizes.compileViews) {
    log(`compile: synthetic ${views} views × ${sizes.fieldsPerView} fields`);
    synthetic.push(await measureCompile(`synthetic-${views}`, syntheticBlock({ views, fieldsPerView: sizes.fieldsPerView }), sizes.compileRuns));
  }
  const byViews = (n: number) => synthetic.find((s) => s.views === n);
  const v100 = byViews(100);
  const v1000 = byViews(1000);
  const [a, b] = synthetic.slice(-2);
  return {
    block,
    synthetic,
    ratio_1000_100: v100 && v1000 ? round(v1000.median_ms / v100.median_ms) : null,
    ratio_largest: a && b
      ? { from: a.views, to: b.views, ratio: round(b.median_ms / a.median_ms), size_ratio: round(b.views / a.views) }
      : { from: 0, to: 0, ratio: 0, size_ratio: 0 },
  };
}
