/** Shared set-up of the security tests: the compiled block, its security dashboards, the DuckDB engine over the fixtures. */
import { readFileSync } from 'node:fs';
import { compileBlock, type CompileResult } from '../../../../generator/compile.js';
import { DuckDbEngine } from '../../../../generator/engines/duckdb/index.js';
import type { DashboardDef, QueryTile } from '../../../../generator/vocabulary/dashboard.js';
import { QueryCompiler, tileQuery, type QueryRequest } from '../../../../generator/query/index.js';
import { cloudtrailBlock, type CloudtrailBlockOptions } from '../../../../model/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { REPO } from '../../../helpers/query/records.js';
import { FIXTURES } from './records.js';

export const SECURITY_DASHBOARDS = ['cis_aws_foundations_monitoring', 'detections', 'identity_access_activity'] as const;

/** A date range covering every fixture record (2015–2026), and a "now" inside the data. */
export const ALL_DATES = '2000-01-01 to 2100-01-01';
export const NOW = new Date('2023-07-11T00:00:00Z');

export const compiledWith = (options: CloudtrailBlockOptions = {}): Promise<CompileResult> => compileBlock(cloudtrailBlock(options));

export function dashboardOf(result: CompileResult, name: string): DashboardDef {
  const d = result.ir.dashboards.find((x) => x.name === name);
  if (!d) throw new Error(`no dashboard ${name}`);
  return d;
}

export const queryTiles = (d: DashboardDef): QueryTile[] => d.elements.filter((e): e is QueryTile => e.kind === 'query');

export function tileNamed(d: DashboardDef, name: string): QueryTile {
  const t = queryTiles(d).find((x) => x.name === name);
  if (!t) throw new Error(`dashboard ${d.name} has no tile ${name}`);
  return t;
}

/**
 * The fixtures as the block's Athena table `"default"."cloudtrail_logs"`, read once. The files
 * are small: a 64 MiB object limit keeps DuckDB's read buffer small too.
 */
export async function openFixtures(): Promise<DuckDbEngine> {
  const engine = await DuckDbEngine.open({
    data: FIXTURES, schema: cloudtrailTable, kind: 'table', tableName: 'cloudtrail_logs', maximumObjectSize: 64 * 1024 * 1024,
  });
  await engine.exposeAs('default', 'cloudtrail_logs');
  return engine;
}

/** Runs a dashboard tile over every fixture day (or the dashboard filters given). */
export async function runTile(
  engine: DuckDbEngine, compiler: QueryCompiler, d: DashboardDef, t: QueryTile, dashboardFilters: Record<string, string> = { Date: ALL_DATES },
  userAttributes?: Record<string, string>,
) {
  const { sql } = compiler.compile(tileQuery(d, t, { now: NOW, dashboardFilters, ...(userAttributes ? { userAttributes } : {}) }));
  return (await engine.run(sql)).rows;
}

/** Runs an explore query over every fixture day. */
export async function runQuery(engine: DuckDbEngine, compiler: QueryCompiler, r: Omit<QueryRequest, 'explore' | 'now'>) {
  const { sql } = compiler.compile({
    explore: 'cloudtrail_logs', now: NOW, limit: 5000, ...r,
    filters: { 'cloudtrail_logs.event_time_date': ALL_DATES, ...(r.filters ?? {}) },
  });
  return (await engine.run(sql)).rows;
}

/** The README section `## <title>` (up to the next `## `), '' when absent. */
export function readmeSection(title: string): string {
  const text = readFileSync(`${REPO}/README.md`, 'utf8');
  const start = text.indexOf(`\n## ${title}\n`);
  if (start < 0) return '';
  const end = text.indexOf('\n## ', start + 4);
  return text.slice(start, end < 0 ? undefined : end);
}
