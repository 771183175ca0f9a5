/**
 * Scale: generated CloudTrail logs, every dashboard tile of the block (plus the bench's reference
 * tiles) run with its default filters on the DuckDB engine, and how many files a 7-day query
 * reads compared with an all-time one.
 */
import { compileBlock } from '../../generator/compile.js';
import { openDuckDb } from '../../generator/cli/engine-factory.js';
import type { DuckDbEngine } from '../../generator/engines/duckdb/index.js';
import type { Engine } from '../../generator/engines/engine.js';
import type { ProjectIR } from '../../generator/ir/project-ir.js';
import { QueryCompiler, tileQuery, type QueryRequest } from '../../generator/query/index.js';
import { benchBlock, referenceDashboard, usableReferenceTiles } from '../bench-block.js';
import { ensureEvents, type EventsData } from '../data.js';
import { filesScanned, type FilesScanned } from '../plan-files.js';
import { lastDays } from '../handwritten.js';
import { median, round, timed } from '../stats.js';
import type { Sizes } from '../sizes.js';

/** One tile's query, compiled once and run on any engine. */
export interface TileSql {
  readonly dashboard: string;
  readonly tile: string;
  readonly reference: boolean;
  readonly sql?: string;
  readonly compileError?: string;
}

export interface ScaleContext {
  readonly sizes: Sizes;
  readonly data: EventsData;
  readonly now: Date;
  readonly engine: DuckDbEngine;
  readonly openMs: number;
  readonly ir: ProjectIR;
  readonly compiler: QueryCompiler;
  readonly tiles: readonly TileSql[];
  readonly skippedReferenceTiles: readonly string[];
}

export const DATE_FIELD = 'cloudtrail_logs.event_time_date';
const REFERENCE = 'bench_reference';

/** Generates (or reuses) the logs, opens the engine on them, compiles every tile. */
export async function openScale(sizes: Sizes, o: { root?: string; regen?: boolean; log: (m: string) => void }): Promise<ScaleContext> {
  const data = await ensureEvents(sizes, o);
  const now = new Date(data.report.newest);
  const base = benchBlock();
  const baseIr = (await compileBlock(base)).ir;
  const { usable, skipped } = usableReferenceTiles(baseIr);
  const reference = referenceDashboard();
  const block = usable.length > 0
    ? base.addDashboard({ ...reference, elements: reference.elements.filter((e) => usable.some((u) => u.tile.name === e.name)) })
    : base;
  const compiled = await compileBlock(block);
  o.log(`scale: opening DuckDB on ${data.report.files} files`);
  const opened = await timed(() => openDuckDb(block, { cwd: process.cwd(), data: data.dir }));
  const engine = opened.value as DuckDbEngine;
  const compiler = new QueryCompiler(compiled.ir);
  return { sizes, data, now, engine, openMs: opened.ms, ir: compiled.ir, compiler, tiles: compileTiles(compiled.ir, compiler, now), skippedReferenceTiles: skipped };
}

function compileTiles(ir: ProjectIR, compiler: QueryCompiler, now: Date): TileSql[] {
  const out: TileSql[] = [];
  for (const d of ir.dashboards) {
    for (const t of d.elements) {
      if (t.kind !== 'query') continue;
      const base = { dashboard: d.name, tile: t.name, reference: d.name === REFERENCE };
      try {
        out.push({ ...base, sql: compiler.compile(tileQuery(d, t, { now })).sql });
      } catch (error) {
        out.push({ ...base, compileError: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return out;
}

export interface TileTiming {
  readonly dashboard: string;
  readonly tile: string;
  readonly median_ms: number | null;
  readonly rows: number | null;
  readonly error?: string;
}

/** Runs every tile `runs` times on `engine`; the first run's rows are kept for comparisons. */
export async function timeTiles(engine: Engine, tiles: readonly TileSql[], runs: number): Promise<{ timings: TileTiming[]; rows: Map<string, readonly Record<string, unknown>[]> }> {
  const timings: TileTiming[] = [];
  const rows = new Map<string, readonly Record<string, unknown>[]>();
  for (const t of tiles) {
    if (!t.sql) {
      timings.push({ dashboard: t.dashboard, tile: t.tile, median_ms: null, rows: null, error: t.compileError ?? 'no SQL' });
      continue;
    }
    try {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await timed(() => engine.run(t.sql!));
        ms.push(r.ms);
        if (i === 0) rows.set(`${t.dashboard}/${t.tile}`, r.value.rows);
      }
      timings.push({ dashboard: t.dashboard, tile: t.tile, median_ms: round(median(ms)), rows: rows.get(`${t.dashboard}/${t.tile}`)!.length });
    } catch (error) {
      timings.push({ dashboard: t.dashboard, tile: t.tile, median_ms: null, rows: null, error: firstLine(error) });
    }
  }
  return { timings, rows };
}

export interface DashboardTiming {
  readonly dashboard: string;
  readonly tiles: number;
  /** Sum of the tiles' median times (tiles run one after another). */
  readonly ms: number;
  readonly failed: number;
  /** The bench's own reference dashboard, not part of the block. */
  readonly reference: boolean;
}

export function perDashboard(timings: readonly TileTiming[]): DashboardTiming[] {
  const names = [...new Set(timings.map((t) => t.dashboard))];
  return names.map((dashboard) => {
    const ts = timings.filter((t) => t.dashboard === dashboard);
    return {
      dashboard,
      tiles: ts.length,
      ms: round(ts.reduce((n, t) => n + (t.median_ms ?? 0), 0)),
      failed: ts.filter((t) => t.error).length,
      reference: dashboard === REFERENCE,
    };
  });
}

export interface Pruning {
  readonly files_7_days: FilesScanned;
  readonly files_all: FilesScanned;
  /** From the plans: files read with the 7-day filter / files read without a date filter. */
  readonly read_fraction: number | null;
  /** Check: files whose partition day lies in the predicate's range / all files (generator's manifest). */
  readonly expected_fraction: number;
  readonly partition_days: readonly string[];
}

/** The explore's date filter as a query: a count over the last 7 days, and over all time. */
function countRequest(now: Date, dateFilter: string): QueryRequest {
  return { explore: 'cloudtrail_logs', fields: ['cloudtrail_logs.count'], filters: { [DATE_FIELD]: dateFilter }, now };
}

export async function measurePruning(ctx: Pick<ScaleContext, 'compiler' | 'now' | 'data'>, plan: (sql: string) => Promise<string>): Promise<Pruning> {
  const week = filesScanned(await plan(ctx.compiler.compile(countRequest(ctx.now, '7 days')).sql));
  // '' is "any value": it lifts the explore's always_filter, as the validator does.
  const all = filesScanned(await plan(ctx.compiler.compile(countRequest(ctx.now, '')).sql));
  const range = lastDays(ctx.now, 7);
  const days = partitionDaysOf(range.start, new Date(range.end.getTime() - 1000 + 86_400_000));
  const perDay = ctx.data.report.files_per_day;
  const total = Object.values(perDay).reduce((a, b) => a + b, 0);
  const inRange = days.reduce((n, d) => n + (perDay[d] ?? 0), 0);
  // Without a pruning filter the plan prints no counts: every file the scan knows is read, which
  // the 7-day plan's denominator gives (the manifest's count is right for JSON only: Parquet has
  // other files).
  const allRead = all.scans > 0 ? all.read : week.total > 0 ? week.total : total;
  return {
    files_7_days: week,
    files_all: all,
    read_fraction: week.scans > 0 && allRead > 0 ? round(week.read / allRead, 4) : null,
    expected_fraction: round(inRange / total, 4),
    partition_days: days,
  };
}

function partitionDaysOf(from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()); t <= to.getTime(); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10).replace(/-/g, '/'));
  }
  return out;
}

export interface ScaleResults {
  /** The generator's report (files per day left out: it is only needed for the pruning check). */
  readonly generation: Omit<EventsData['report'], 'files_per_day'> & { readonly reused: boolean; readonly dir: string };
  readonly engine_open_ms: number;
  readonly records_loaded: number;
  readonly now: string;
  readonly dashboards: readonly DashboardTiming[];
  readonly tiles: readonly TileTiming[];
  readonly skipped_reference_tiles: readonly string[];
  readonly pruning: Pruning;
  readonly pruning_read_fraction: number | null;
}

export async function runScale(ctx: ScaleContext, log: (m: string) => void): Promise<{ results: ScaleResults; rows: Map<string, readonly Record<string, unknown>[]> }> {
  log(`scale: running ${ctx.tiles.length} tiles × ${ctx.sizes.queryRuns} on JSON.gz`);
  const { timings, rows } = await timeTiles(ctx.engine, ctx.tiles, ctx.sizes.queryRuns);
  const pruning = await measurePruning(ctx, (sql) => ctx.engine.plan(sql));
  const { files_per_day: _perDay, ...generation } = ctx.data.report;
  return {
    rows,
    results: {
      generation: { ...generation, reused: ctx.data.reused, dir: ctx.data.dir },
      engine_open_ms: round(ctx.openMs),
      records_loaded: ctx.engine.load.recordsRead,
      now: ctx.now.toISOString(),
      dashboards: perDashboard(timings),
      tiles: timings,
      skipped_reference_tiles: ctx.skippedReferenceTiles,
      pruning,
      pruning_read_fraction: pruning.read_fraction,
    },
  };
}

export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

