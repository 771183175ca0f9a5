/**
 * The benchmark driver: runs the requested sections at the requested size, collects one results
 * object, and judges each goal of the issue from it. bench/run.ts is the command line around it;
 * the smoke test calls it directly.
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { runCompile, type CompileResults } from './sections/compile.js';
import { runValidationBench, type ValidationResults } from './sections/validation.js';
import { openScale, runScale, type ScaleContext, type ScaleResults } from './sections/scale.js';
import { openParquet, runParquet, type ParquetResults } from './sections/parquet.js';
import { measureFormatPlanning, runOverhead, type FormatPlanning, type OverheadResults } from './sections/overhead.js';
import { runMemory, type MemoryResults } from './sections/memory.js';
import { DATA_ROOT, ensureEvents } from './data.js';
import { SIZES, type SizeName } from './sizes.js';
import { round } from './stats.js';
import type { ParquetEngine } from './parquet-engine.js';

export const SECTIONS = ['compile', 'validation', 'scale', 'parquet', 'overhead', 'memory'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  readonly size: SizeName;
  readonly only?: readonly Section[];
  /** Where generated data goes (default bench/.data/). */
  readonly dataRoot?: string;
  readonly regen?: boolean;
  readonly log?: (message: string) => void;
}

export interface ScaleBlock extends Partial<ScaleResults> {
  readonly parquet?: ParquetResults;
  readonly overhead?: { readonly json: OverheadResults; readonly parquet?: OverheadResults };
  /** date_format planning time, shim macro vs rewritten to strftime (overhead section). */
  readonly format_planning?: FormatPlanning;
  readonly memory?: MemoryResults;
  readonly parquet_speedup?: number | null;
  readonly generated_vs_handwritten?: number | null;
  readonly peak_rss_mb?: number;
}

export interface Goal {
  readonly key: string;
  readonly goal: string;
  readonly value: number | string | null;
  readonly met: boolean | null;
}

export interface BenchResults {
  readonly meta: {
    readonly size: SizeName;
    readonly sections: readonly Section[];
    readonly started: string;
    readonly total_ms: number;
    readonly machine: Machine;
  };
  readonly compile?: CompileResults;
  readonly validation?: ValidationResults;
  readonly scale?: ScaleBlock;
  readonly goals: readonly Goal[];
}

export interface Machine {
  readonly nproc: number;
  readonly memory_gib: number;
  readonly free_h: string;
  readonly cpu: string;
  readonly node: string;
  readonly platform: string;
  /** 1/5/15-minute load average when the run ended: other work on the machine skews timings. */
  readonly loadavg: readonly number[];
}

export function machine(): Machine {
  const cpu = (() => {
    try {
      return /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
    } catch {
      return 'unknown';
    }
  })();
  const free = (() => {
    try {
      return execSync('free -h', { encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  })();
  return { nproc: availableParallelism(), memory_gib: round(totalmem() / 2 ** 30, 1), free_h: free, cpu, node: process.version, platform: `${process.platform}-${process.arch}`, loadavg: loadavg().map((l) => round(l)) };
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const sizes = SIZES[o.size];
  const only = new Set<Section>(o.only && o.only.length > 0 ? o.only : SECTIONS);
  const log = o.log ?? (() => {});
  const started = new Date();
  const t0 = performance.now();
  const root = o.dataRoot ?? DATA_ROOT;
  const out: { compile?: CompileResults; validation?: ValidationResults; scale?: ScaleBlock } = {};

  if (only.has('compile')) out.compile = await runCompile(sizes, log);
  if (only.has('validation')) out.validation = await runValidationBench(log, { ks: sizes.faultKs, grammar: sizes.grammar });

  const needsEngine = only.has('scale') || only.has('parquet') || only.has('overhead');
  if (needsEngine || only.has('memory')) {
    let scale: ScaleBlock = {};
    let ctx: ScaleContext | undefined;
    let pq: { engine: ParquetEngine; dir: string; convertMs: number } | undefined;
    try {
      if (needsEngine) {
        ctx = await openScale(sizes, { root, ...(o.regen ? { regen: true } : {}), log });
        // JSON timings are the baseline of the Parquet comparison, so parquet needs them too.
        const json = only.has('scale') || only.has('parquet') ? await runScale(ctx, log) : undefined;
        if (json && only.has('scale')) scale = { ...json.results };
        if (only.has('parquet') || only.has('overhead')) pq = await openParquet(ctx, log);
        if (only.has('parquet') && json && pq) {
          const parquet = await runParquet(ctx, { timings: json.results.tiles, rows: json.rows }, pq, log);
          scale = { ...scale, parquet, parquet_speedup: parquet.parquet_speedup };
        }
        if (only.has('overhead')) {
          const overJson = await runOverhead(ctx, ctx.engine, 'duckdb-json', log);
          const overPq = pq ? await runOverhead(ctx, pq.engine, 'duckdb-parquet', log) : undefined;
          // Headline: Parquet when available; JSON scanning dominates there and would hide overhead.
          const headline = overPq?.generated_vs_handwritten ?? overJson.generated_vs_handwritten;
          const formatPlanning = await measureFormatPlanning(Math.max(5, sizes.queryRuns * 4 + 1));
          scale = { ...scale, overhead: { json: overJson, ...(overPq ? { parquet: overPq } : {}) }, format_planning: formatPlanning, generated_vs_handwritten: headline };
        }
      }
      if (only.has('memory')) {
        const data = ctx?.data ?? (await ensureEvents(sizes, { root, ...(o.regen ? { regen: true } : {}), log }));
        const memory = await runMemory({ data: data.dir, now: new Date(data.report.newest), workDir: join(root, 'memory'), log });
        scale = { ...scale, memory, peak_rss_mb: memory.peak_rss_mb };
      }
    } finally {
      await pq?.engine.close();
      await ctx?.engine.close();
    }
    out.scale = scale;
  }

  return {
    meta: { size: o.size, sections: SECTIONS.filter((s) => only.has(s)), started: started.toISOString(), total_ms: round(performance.now() - t0), machine: machine() },
    ...out,
    goals: judgeGoals(out),
  };
}

const goal = (key: string, text: string, value: number | null | undefined, ok: (v: number) => boolean): Goal =>
  ({ key, goal: text, value: value ?? null, met: value === null || value === undefined ? null : ok(value) });

/** Each goal of the issue, met or not (null: not measured in this run). */
export function judgeGoals(r: { compile?: CompileResults; validation?: ValidationResults; scale?: ScaleBlock }): Goal[] {
  const goals: Goal[] = [];
  if (r.compile) goals.push(goal('compile.ratio_1000_100', '≤ 11 (linear)', r.compile.ratio_1000_100, (v) => v <= 11));
  if (r.validation) {
    goals.push(goal('validation.queries_per_clean_explore', '= 1', r.validation.queries_per_clean_explore, (v) => v === 1));
    for (const f of r.validation.faults) {
      goals.push({ key: `validation.faults k=${f.k} ${f.placement}`, goal: `≤ 2·k·⌈log2 ${f.n}⌉ + 1 = ${f.bound}`, value: f.queries, met: f.within_bound });
    }
  }
  if (r.scale) {
    if ('pruning_read_fraction' in r.scale) goals.push(goal('scale.pruning_read_fraction', '≤ 0.10', r.scale.pruning_read_fraction, (v) => v <= 0.1));
    if ('parquet_speedup' in r.scale) goals.push(goal('scale.parquet_speedup', '≥ 5', r.scale.parquet_speedup, (v) => v >= 5));
    if ('generated_vs_handwritten' in r.scale) goals.push(goal('scale.generated_vs_handwritten', '≤ 1.1', r.scale.generated_vs_handwritten, (v) => v <= 1.1));
    if ('peak_rss_mb' in r.scale) goals.push(goal('scale.peak_rss_mb', '< 2048', r.scale.peak_rss_mb, (v) => v < 2048));
    const m = r.scale.memory;
    // A bounded peak only counts if validate got to the end: exit 0 (all ran) or 1 with a report.
    if (m) goals.push({ key: 'scale.memory_validate_completes', goal: 'exit 0', value: `exit ${m.exit_code}, ${m.queries ?? '?'} queries`, met: m.exit_code === 0 });
  }
  return goals;
}
