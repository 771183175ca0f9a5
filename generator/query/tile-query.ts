/**
 * A dashboard tile as a query: its own fields, sorts, pivots, limit and filters, plus the
 * dashboard filters it listens to (their default values, or values the caller sets). A dashboard
 * filter overrides the tile's own filter on the same field, as in Looker.
 */
import type { DashboardDef, QueryTile } from '../vocabulary/dashboard.js';
import { QueryCompileError, type QueryRequest } from './request.js';

export interface TileQueryOptions {
  readonly now: Date;
  /** Dashboard filter name → value, replacing the filter's default. */
  readonly dashboardFilters?: Readonly<Record<string, string>>;
  /** `view.field` → expression, applied last (the `--filter` of the query command). */
  readonly extraFilters?: Readonly<Record<string, string>>;
  readonly userAttributes?: Readonly<Record<string, string>>;
}

export const tileWhere = (d: DashboardDef, t: QueryTile): string => `dashboard ${d.name} / tile "${t.title}"`;

export function tileQuery(d: DashboardDef, tile: QueryTile, o: TileQueryOptions): QueryRequest {
  const filters: Record<string, string> = { ...(tile.filters ?? {}) };
  for (const [filterName, field] of Object.entries(tile.listen ?? {})) {
    const filter = d.filters.find((f) => f.name === filterName);
    if (!filter) throw new QueryCompileError(`listens to dashboard filter "${filterName}", which does not exist`, tileWhere(d, tile));
    const value = o.dashboardFilters?.[filterName] ?? filter.defaultValue;
    if (value !== undefined && value !== '') filters[field] = value;
  }
  Object.assign(filters, o.extraFilters ?? {});
  return {
    explore: tile.explore,
    fields: tile.fields,
    filters,
    ...(tile.sorts ? { sorts: tile.sorts } : {}),
    ...(tile.pivots ? { pivots: tile.pivots } : {}),
    ...(tile.limit !== undefined ? { limit: tile.limit } : {}),
    now: o.now,
    ...(o.userAttributes ? { userAttributes: o.userAttributes } : {}),
    where: tileWhere(d, tile),
  };
}

export function findTile(d: DashboardDef, title: string): QueryTile {
  const tiles = d.elements.filter((e): e is QueryTile => e.kind === 'query');
  const tile = tiles.find((t) => t.title === title) ?? tiles.find((t) => t.name === title);
  if (!tile) throw new QueryCompileError(`dashboard ${d.name} has no query tile titled "${title}" (tiles: ${tiles.map((t) => `"${t.title}"`).join(', ')})`);
  return tile;
}
