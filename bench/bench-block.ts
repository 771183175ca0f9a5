/**
 * The CloudTrail block as the benchmarks use it, and the bench's own reference dashboard.
 *
 * Engine sections build the block with schema `security` instead of the default `default`:
 * `FROM default.cloudtrail_logs` is valid Athena but DuckDB's parser rejects the reserved word
 * DEFAULT there, so with the default options every query fails on DuckDB and validation turns
 * into a full bisection (reported as a finding; not ours to fix in the generator). Any other
 * schema name gives byte-identical SQL apart from the schema.
 */
import { cloudtrailBlock } from '../model/index.js';
import type { Block } from '../generator/vocabulary/block.js';
import { dashboard, queryTile, type DashboardDef, type QueryTile } from '../generator/vocabulary/dashboard.js';
import type { ProjectIR } from '../generator/ir/project-ir.js';
import { FieldIndex } from '../generator/ir/field-index.js';

export const BENCH_SCHEMA = 'security';
export const BENCH_TABLE = 'cloudtrail_logs';

/** The block exactly as users get it (for the compile benchmark). */
export function defaultBlock(): Block {
  return cloudtrailBlock();
}

/** The block with a schema DuckDB can parse (for everything that executes SQL). */
export function benchBlock(): Block {
  return cloudtrailBlock({ schema: BENCH_SCHEMA, table: BENCH_TABLE });
}

/** The dashboard filter every reference tile listens to, like the block's own dashboards. */
export const REFERENCE_DATE_FILTER = { name: 'date', title: 'Date', type: 'date_filter', defaultValue: '7 days' } as const;
const DATE_FIELD = 'cloudtrail_logs.event_time_date';

/** A reference tile, its question in words, and the fields it needs. */
export interface ReferenceTile {
  readonly tile: QueryTile;
  readonly question: string;
}

function tile(name: string, question: string, def: Omit<QueryTile, 'kind' | 'origin' | 'name' | 'title' | 'row' | 'col' | 'width' | 'height' | 'explore' | 'listen'>, row: number): ReferenceTile {
  return {
    question,
    tile: queryTile({
      name, title: question, explore: 'cloudtrail_logs', listen: { date: DATE_FIELD }, row, col: 0, width: 24, height: 6, ...def,
    }),
  };
}

/**
 * Five tiles with well-known questions, owned by the bench so hand-written SQL can answer the
 * same questions (the block's own dashboards change as the model grows).
 */
export function referenceTiles(): ReferenceTile[] {
  const f = (n: string): string => `cloudtrail_logs.${n}`;
  return [
    tile('events_per_day', 'Events per day', { type: 'looker_line', fields: [DATE_FIELD, f('count')], sorts: [`${DATE_FIELD} asc`] }, 0),
    tile('top_event_names', 'Top event names', { type: 'looker_bar', fields: [f('event_name'), f('count')], sorts: [`${f('count')} desc`], limit: 10 }, 6),
    tile('errors_by_code', 'Errors by code', {
      type: 'looker_bar', fields: [f('error_code'), f('count')], filters: { [f('error_code')]: '-NULL' }, sorts: [`${f('count')} desc`], limit: 10,
    }, 12),
    tile('console_login_ips', 'Console sign-ins by source IP', {
      type: 'looker_grid', fields: [f('source_ip_address'), f('count')], filters: { [f('event_name')]: 'ConsoleLogin' }, sorts: [`${f('count')} desc`], limit: 20,
    }, 18),
    tile('identity_by_region', 'Events by identity type and region', {
      type: 'looker_grid', fields: [f('user_type'), f('aws_region'), f('count')], sorts: [`${f('count')} desc`], limit: 100,
    }, 24),
  ];
}

export function referenceDashboard(): DashboardDef {
  return dashboard({
    name: 'bench_reference',
    title: 'Bench reference tiles',
    filters: [REFERENCE_DATE_FILTER],
    elements: referenceTiles().map((t) => t.tile),
  });
}

/** Field names (`view.field`, time frames expanded) the project offers. */
export function knownFields(ir: ProjectIR): Set<string> {
  const index = new FieldIndex(ir);
  const out = new Set<string>();
  for (const v of ir.views) for (const n of index.names(v.name)) out.add(`${v.name}.${n}`);
  return out;
}

/** Reference tiles whose fields all exist in the block (the model may rename a field). */
export function usableReferenceTiles(ir: ProjectIR): { usable: ReferenceTile[]; skipped: string[] } {
  const known = knownFields(ir);
  const usable: ReferenceTile[] = [];
  const skipped: string[] = [];
  for (const t of referenceTiles()) {
    const needed = [...t.tile.fields, ...Object.keys(t.tile.filters ?? {}), DATE_FIELD];
    const missing = needed.filter((n) => !known.has(n));
    if (missing.length === 0) usable.push(t);
    else skipped.push(`${t.tile.name} (missing ${missing.join(', ')})`);
  }
  return { usable, skipped };
}
