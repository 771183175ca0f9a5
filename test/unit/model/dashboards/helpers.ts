/** Shared helpers for the operations dashboard tests. */
import { compileBlock, type CompileResult } from '../../../../generator/compile.js';
import type { DashboardDef, QueryTile } from '../../../../generator/vocabulary/dashboard.js';
import { cloudtrailBlock, type CloudtrailBlockOptions } from '../../../../model/index.js';

/** The five dashboards of the 2017 block, rebuilt, with their element counts (query + text). */
export const OPERATIONS: Readonly<Record<string, { title: string; query: number; text: number }>> = {
  general_operations: { title: 'General Operations', query: 6, text: 0 },
  error_overview: { title: 'Error Overview', query: 7, text: 0 },
  console_login_overview: { title: 'Console Login Overview', query: 8, text: 0 },
  ec2_security_group_modifications: { title: 'EC2 Security Group Modifications', query: 1, text: 2 },
  operational_account_activity: { title: 'Operational Account Activity', query: 3, text: 4 },
};

export const DATE_FIELD = 'cloudtrail_logs.event_time_date';

export const compiledWith = (options: CloudtrailBlockOptions = {}): Promise<CompileResult> => compileBlock(cloudtrailBlock(options));

export const GEO: CloudtrailBlockOptions = { geolocation: {} };

export function operationsOf(result: CompileResult): DashboardDef[] {
  return result.ir.dashboards.filter((d) => d.name in OPERATIONS);
}

export function dashboardOf(result: CompileResult, name: string): DashboardDef {
  const d = result.ir.dashboards.find((x) => x.name === name);
  if (!d) throw new Error(`no dashboard ${name}`);
  return d;
}

export function queryTiles(d: DashboardDef): QueryTile[] {
  return d.elements.filter((e): e is QueryTile => e.kind === 'query');
}

export function tileOf(d: DashboardDef, title: string): QueryTile {
  const t = queryTiles(d).find((x) => x.title === title);
  if (!t) throw new Error(`dashboard ${d.name} has no tile "${title}" (${queryTiles(d).map((x) => x.title).join(', ')})`);
  return t;
}

/** Every `view.field` a tile names: fields, pivots, fill/hidden fields, sorts, filters, listen targets. */
export function fieldsNamedBy(t: QueryTile): string[] {
  return [
    ...t.fields,
    ...(t.pivots ?? []),
    ...(t.fillFields ?? []),
    ...(t.hiddenFields ?? []),
    ...(t.sorts ?? []).map((s) => s.replace(/\s+(asc|desc)$/i, '')),
    ...Object.keys(t.filters ?? {}),
    ...Object.values(t.listen ?? {}),
  ];
}
