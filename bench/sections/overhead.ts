/**
 * Overhead of generated SQL: each reference tile's generated query against a hand-written query
 * answering the same question, on the same engine, checked to return the same rows. Runs
 * alternate (generated, hand-written, generated, …) so caches favour neither.
 */
import type { Engine } from '../../generator/engines/engine.js';
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
