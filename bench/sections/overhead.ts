/**
 * Overhead of generated SQL: each reference tile's generated query against a hand-written query
 * answering the same question, on the same engine, checked to return the same rows. Runs
 * alternate (generated, hand-written, generated, …) so caches favour neither.
 */
import type { Engine } from '../../generator/engines/engine.js';
import { athenaShimStatements, createBoundedInstance, toDuckDbSql } from '../../generator/engines/duckdb/index.js';
import { BENCH_SCHEMA, BENCH_TABLE } from '../bench-block.js';
import { compareRows, handwrittenSql, lastDays, type RowMatch } from '../handwritten.js';
import { median, round, timed } from '../stats.js';
import { firstLine, type ScaleContext } from './scale.js';

export interface OverheadTile {
  readonly tile: string;
  readonly generated_ms: number;
  readonly handwritten_ms: number;
  readonly ratio: number;
  /** The hand-written query using the generated SQL's time functions (see handwritten.ts). */
  readonly handwritten_athena_fns_ms: number;
  readonly ratio_athena_fns: number;
  readonly rows: number;
  readonly same_rows: RowMatch;
  readonly same_rows_athena_fns: RowMatch;
}

export interface OverheadResults {
  readonly engine: string;
  readonly runs: number;
  readonly tiles: readonly OverheadTile[];
  readonly errors: readonly string[];
  /** Median over tiles of generated / hand-written (idiomatic) time. */
  readonly generated_vs_handwritten: number | null;
  /** Median over tiles of generated / hand-written with the same time functions. */
  readonly generated_vs_handwritten_athena_fns: number | null;
}

export async function runOverhead(ctx: ScaleContext, engine: Engine, engineLabel: string, log: (m: string) => void): Promise<OverheadResults> {
  const runs = Math.max(3, ctx.sizes.queryRuns + 2);
  const range = lastDays(ctx.now, 7);
  const table = `${BENCH_SCHEMA}.${BENCH_TABLE}`;
  const tiles: OverheadTile[] = [];
  const errors: string[] = [];
  log(`overhead: reference tiles on ${engineLabel}, ${runs} runs each`);
  for (const t of ctx.tiles.filter((x) => x.reference)) {
    const hand = handwrittenSql(t.tile, table, range);
    const fns = handwrittenSql(t.tile, table, range, 'athena-functions');
    if (!t.sql || !hand || !fns) {
      errors.push(`${t.tile}: ${t.compileError ?? 'no hand-written SQL'}`);
      continue;
    }
    try {
      const gen: number[] = [];
      const own: number[] = [];
      const same: number[] = [];
      let rows: Record<'gen' | 'own' | 'fns', readonly Record<string, unknown>[]> = { gen: [], own: [], fns: [] };
      // One untimed run each first: the first read of a file pays for the OS cache.
      for (const sql of [t.sql, hand, fns]) await engine.run(sql);
      for (let i = 0; i < runs; i++) {
        const g = await timed(() => engine.run(t.sql!));
        const h = await timed(() => engine.run(hand));
        const f = await timed(() => engine.run(fns));
        gen.push(g.ms);
        own.push(h.ms);
        same.push(f.ms);
        rows = { gen: g.value.rows, own: h.value.rows, fns: f.value.rows };
      }
      const [g, h, f] = [median(gen), median(own), median(same)];
      tiles.push({
        tile: t.tile, generated_ms: round(g), handwritten_ms: round(h), ratio: round(g / h, 3),
        handwritten_athena_fns_ms: round(f), ratio_athena_fns: round(g / f, 3),
        rows: rows.gen.length, same_rows: compareRows(rows.gen, rows.own), same_rows_athena_fns: compareRows(rows.gen, rows.fns),
      });
    } catch (error) {
      errors.push(`${t.tile}: ${firstLine(error)}`);
    }
  }
  return {
    engine: engineLabel,
    runs,
    tiles,
    errors,
    generated_vs_handwritten: tiles.length > 0 ? round(median(tiles.map((t) => t.ratio)), 3) : null,
    generated_vs_handwritten_athena_fns: tiles.length > 0 ? round(median(tiles.map((t) => t.ratio_athena_fns)), 3) : null,
  };
}

export interface FormatPlanningCase {
  readonly name: string;
  /** The Athena SQL text timed (a constant SELECT: its time is binding and planning). */
  readonly sql: string;
  readonly date_format_calls: number;
  /** Run as written: date_format is the shim macro (a nested replace() chain bound per call). */
  readonly macro_ms: number;
  /** Run after the engine's rewrite: date_format(x, '<literal>') → strftime(x, '<translated>'). */
  readonly rewritten_ms: number;
  readonly speedup: number;
}

export interface FormatPlanning {
  readonly runs: number;
  readonly cases: readonly FormatPlanningCase[];
}

const NOW = "TIMESTAMP '2024-06-30 23:59:44'";
const FORMAT_CASES: readonly { name: string; sql: string; calls: number }[] = [
  { name: 'one date_format', sql: `SELECT date_format(${NOW}, '%Y/%m/%d') AS v`, calls: 1 },
  {
    name: 'partition predicate (as generated)',
    sql: `SELECT '2024/06/28' >= COALESCE(date_format(${NOW} - INTERVAL '7' DAY, '%Y/%m/%d'), '0000/00/00') AND '2024/06/28' <= COALESCE(date_format(${NOW} - INTERVAL '1' SECOND + INTERVAL '1' DAY, '%Y/%m/%d'), '9999/99/99') AS v`,
    calls: 2,
  },
  { name: 'strftime, for reference', sql: `SELECT strftime(${NOW}, '%Y/%m/%d') AS v`, calls: 0 },
];

/**
 * Planning cost of the shim's date_format, before and after the rewrite translates literal formats:
 * the same Athena text run as written (macro) and rewritten, alternating, median of `runs`.
 */
export async function measureFormatPlanning(runs: number): Promise<FormatPlanning> {
  const bounded = await createBoundedInstance();
  try {
    const c = await bounded.instance.connect();
    for (const statement of athenaShimStatements()) await c.run(statement);
    const cases: FormatPlanningCase[] = [];
    for (const k of FORMAT_CASES) {
      const rewritten = toDuckDbSql(k.sql);
      const [a, b] = [await c.runAndReadAll(k.sql), await c.runAndReadAll(rewritten)]; // warm-up, and same answer
      if (JSON.stringify(a.getRowsJS()) !== JSON.stringify(b.getRowsJS())) throw new Error(`format planning: ${k.name}: the rewrite changed the answer`);
      const macro: number[] = [];
      const rew: number[] = [];
      for (let i = 0; i < runs; i++) {
        macro.push((await timed(() => c.runAndReadAll(k.sql))).ms);
        rew.push((await timed(() => c.runAndReadAll(rewritten))).ms);
      }
      const [m, r] = [median(macro), median(rew)];
      cases.push({ name: k.name, sql: k.sql, date_format_calls: k.calls, macro_ms: round(m, 3), rewritten_ms: round(r, 3), speedup: round(m / r, 1) });
    }
    c.closeSync();
    return { runs, cases };
  } finally {
    bounded.close();
  }
}
