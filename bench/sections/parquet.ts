/**
 * Parquet: the generated logs converted with DuckDB into hive-partitioned Parquet (the local
 * twin of the block's Athena CTAS), exposed under the same name and columns, and the same tile
 * SQL run on it. Speed-up = JSON.gz time / Parquet time over all tiles that ran on both.
 */
import { rmSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { athenaShimStatements, createBoundedInstance } from '../../generator/engines/duckdb/index.js';
import { BENCH_SCHEMA, BENCH_TABLE } from '../bench-block.js';
import { DATA_ROOT } from '../data.js';
import { copyToParquetSql, ParquetEngine } from '../parquet-engine.js';
import { compareRows } from '../handwritten.js';
import { round, timed } from '../stats.js';
import { measurePruning, timeTiles, type Pruning, type ScaleContext, type TileTiming } from './scale.js';

export interface ParquetResults {
  readonly dir: string;
  readonly convert_ms: number;
  readonly files: number;
  readonly bytes: number;
  readonly tiles: readonly (TileTiming & { readonly json_ms: number | null; readonly same_rows: string })[];
  readonly json_total_ms: number;
  readonly parquet_total_ms: number;
  readonly pruning: Pruning;
  readonly parquet_speedup: number | null;
}

function folderStats(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += statSync(join(e.parentPath, e.name)).size;
  }
  return { files, bytes };
}

/** COPY from the JSON table the engine defined (its own CREATE VIEW text) into Parquet. */
async function convert(ctx: ScaleContext, dir: string): Promise<{ ms: number; columns: string[] }> {
  rmSync(dir, { recursive: true, force: true });
  const bounded = await createBoundedInstance();
  try {
    const c = await bounded.instance.connect();
    for (const s of athenaShimStatements()) await c.run(s);
    await c.run(ctx.engine.tableSql);
    const columns = (await c.runAndReadAll(`SELECT * FROM "${ctx.engine.tableName}" LIMIT 0`)).columnNames();
    const { ms } = await timed(() => c.run(copyToParquetSql(ctx.engine.tableName, dir)));
    c.closeSync();
    return { ms, columns };
  } finally {
    bounded.close();
  }
}

export async function openParquet(ctx: ScaleContext, log: (m: string) => void): Promise<{ engine: ParquetEngine; dir: string; convertMs: number }> {
  const dir = join(ctx.data.dir.replace(/\/+$/, '') + '-parquet');
  log(`parquet: converting ${ctx.data.report.events.toLocaleString('en')} events to ${dir}`);
  const { ms, columns } = await convert(ctx, dir);
  const engine = await ParquetEngine.open({ dir, columns, schema: BENCH_SCHEMA, table: BENCH_TABLE });
  return { engine, dir, convertMs: ms };
}

export async function runParquet(
  ctx: ScaleContext,
  json: { timings: readonly TileTiming[]; rows: Map<string, readonly Record<string, unknown>[]> },
  pq: { engine: ParquetEngine; dir: string; convertMs: number },
  log: (m: string) => void,
): Promise<ParquetResults> {
  log(`parquet: running ${ctx.tiles.length} tiles × ${ctx.sizes.queryRuns}`);
  const { timings, rows } = await timeTiles(pq.engine, ctx.tiles, ctx.sizes.queryRuns);
  const tiles = timings.map((t) => {
    const j = json.timings.find((x) => x.dashboard === t.dashboard && x.tile === t.tile);
    const key = `${t.dashboard}/${t.tile}`;
    const a = json.rows.get(key);
    const b = rows.get(key);
    return { ...t, json_ms: j?.median_ms ?? null, same_rows: a && b ? compareRows(a, b) : 'n/a' };
  });
  const both = tiles.filter((t) => t.median_ms !== null && t.json_ms !== null);
  const jsonTotal = both.reduce((n, t) => n + t.json_ms!, 0);
  const parquetTotal = both.reduce((n, t) => n + t.median_ms!, 0);
  const { files, bytes } = folderStats(pq.dir);
  return {
    dir: pq.dir.replace(DATA_ROOT, 'bench/.data/'),
    convert_ms: round(pq.convertMs),
    files,
    bytes,
    tiles,
    json_total_ms: round(jsonTotal),
    parquet_total_ms: round(parquetTotal),
    pruning: await measurePruning(ctx, (sql) => pq.engine.plan(sql)),
    parquet_speedup: parquetTotal > 0 ? round(jsonTotal / parquetTotal) : null,
  };
}
