/**
 * Dashboard mistakes beyond unknown names: tiles off the 24-column newspaper grid or on top of
 * each other, queries Looker would reject or silently change (a pivot not among the fields, a
 * sort on a field not in the query), dashboard filters whose type does not fit the field a tile
 * maps them to, and field filters that name no field.
 */
import { ExploreScope } from '../../ir/explore-scope.js';
import { FieldIndex } from '../../ir/field-index.js';
import type { ProjectIR } from '../../ir/project-ir.js';
import type { DashboardDef, DashboardElement, DashboardFilter, QueryTile } from '../../vocabulary/dashboard.js';
import type { Diagnostic } from '../diagnostics.js';
import { filterCategory, type FilterCategory } from './field-facts.js';
import { dashboardError, tileError, tileTitle } from './finding.js';

export const GRID_COLUMNS = 24;

const isWhole = (n: unknown, min: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= min;

/** Every tile sits on the grid: whole-number row/col ≥ 0, width/height ≥ 1, col + width ≤ 24. */
export function checkTileGrid(project: ProjectIR): Diagnostic[] {
  return project.dashboards.flatMap((d) =>
    d.elements.flatMap((t) => {
      if (!isWhole(t.row, 0) || !isWhole(t.col, 0) || !isWhole(t.width, 1) || !isWhole(t.height, 1)) {
        return [tileError('tile-layout', d, t, `position row ${t.row}, col ${t.col}, width ${t.width}, height ${t.height} is not on the grid (whole numbers; row and col ≥ 0, width and height ≥ 1)`,
          'use whole grid units')];
      }
      if (t.col + t.width > GRID_COLUMNS) {
        return [tileError('tile-layout', d, t, `spans columns ${t.col}–${t.col + t.width - 1}, past the ${GRID_COLUMNS}-column grid (col + width = ${t.col + t.width})`,
          `make col + width at most ${GRID_COLUMNS}`)];
      }
      return [];
    }),
  );
}

function overlaps(a: DashboardElement, b: DashboardElement): boolean {
  return a.col < b.col + b.width && b.col < a.col + a.width && a.row < b.row + b.height && b.row < a.row + a.height;
}

/** Two tiles covering the same cell: Looker pushes one down, so the layout is not the one written. */
export function checkTileOverlap(project: ProjectIR): Diagnostic[] {
  return project.dashboards.flatMap((d) => {
    const placed = d.elements.filter((t) => isWhole(t.row, 0) && isWhole(t.col, 0) && isWhole(t.width, 1) && isWhole(t.height, 1));
    return placed.flatMap((t, i) =>
      placed.slice(0, i).filter((earlier) => overlaps(earlier, t)).map((earlier) =>
        tileError('tile-overlap', d, t, `overlaps tile "${tileTitle(earlier)}" (row ${t.row}, col ${t.col}, ${t.width}×${t.height} vs row ${earlier.row}, col ${earlier.col}, ${earlier.width}×${earlier.height})`,
          'move the tile to free cells (rows grow downwards)')),
    );
  });
}

/** The query of one tile, against its explore (unknown names are unknown-reference's job). */
function tileQueryProblems(tile: QueryTile, scope: ExploreScope): string[] {
  const fields = new Set(tile.fields);
  const problems: string[] = [];
  // A name the explore lacks is reported once, by unknown-reference; here only known names are judged.
  const known = (name: string): boolean => scope.resolve(name) !== undefined;
  if (tile.fields.length === 0) problems.push('has no fields');
  for (const p of (tile.pivots ?? []).filter(known)) {
    if (!fields.has(p)) problems.push(`pivots on "${p}", which is not among its fields`);
    else if (scope.resolve(p)?.field.kind === 'measure') problems.push(`pivots on "${p}", which is a measure (only dimensions can be pivoted)`);
  }
  for (const s of tile.sorts ?? []) {
    const name = s.replace(/\s+(asc|desc)$/i, '');
    if (known(name) && !fields.has(name)) problems.push(`sorts on "${name}", which is not among its fields (Looker drops the sort)`);
    if (!/^\S+(\s+(asc|desc))?$/i.test(s.trim())) problems.push(`sort "${s}" is not "view.field" or "view.field asc|desc"`);
  }
  for (const f of (tile.fillFields ?? []).filter(known)) {
    const r = scope.resolve(f);
    if (!fields.has(f)) problems.push(`fill_fields lists "${f}", which is not among its fields`);
    else if (r && r.field.kind !== 'dimension_group' && !(r.field.kind === 'dimension' && r.field.type === 'yesno')) {
      problems.push(`fill_fields lists "${f}", which is not a date timeframe or yesno dimension`);
    }
  }
  for (const h of (tile.hiddenFields ?? []).filter(known)) if (!fields.has(h)) problems.push(`hidden_fields lists "${h}", which is not among its fields`);
  return problems;
}

/** Pivots, sorts, fill_fields and hidden_fields are among the tile's fields; a query tile has fields. */
export function checkTileQueries(project: ProjectIR): Diagnostic[] {
  const index = new FieldIndex(project);
  const explores = new Map(project.explores.map((e) => [e.name, e] as const));
  return project.dashboards.flatMap((d) =>
    d.elements.flatMap((t) => {
      if (t.kind !== 'query' || !Array.isArray(t.fields)) return [];
      const e = explores.get(t.explore);
      if (!e) return [];
      return tileQueryProblems(t, new ExploreScope(e, index)).map((p) => tileError('tile-query', d, t, p, 'add the field to fields, or remove it here'));
    }),
  );
}

/** What a dashboard filter of each type can drive; a field_filter must match its own field. */
const FILTER_TYPE_CATEGORY: Readonly<Record<string, FilterCategory | undefined>> = {
  date_filter: 'date', number_filter: 'number', string_filter: 'string',
};

export function expectedCategory(filter: DashboardFilter, project: ProjectIR, index: FieldIndex): FilterCategory | undefined {
  const direct = FILTER_TYPE_CATEGORY[filter.type];
  if (direct) return direct;
  const e = project.explores.find((x) => x.name === filter.explore);
  const r = e && filter.field ? new ExploreScope(e, index).resolve(filter.field) : undefined;
  return r && filterCategory(r);
}

/**
 * A tile's `listen` applies the dashboard filter's expression to one of its fields: a date
 * expression on a number field (or a yesno on a string) fails at run time, on every load.
 */
export function checkListenTypes(project: ProjectIR): Diagnostic[] {
  const index = new FieldIndex(project);
  const explores = new Map(project.explores.map((e) => [e.name, e] as const));
  return project.dashboards.flatMap((d) => {
    const filters = new Map(d.filters.map((f) => [f.name, f] as const));
    return d.elements.flatMap((t) => {
      if (t.kind !== 'query') return [];
      const e = explores.get(t.explore);
      if (!e) return [];
      const scope = new ExploreScope(e, index);
      return Object.entries(t.listen ?? {}).flatMap(([name, field]) => {
        const filter = filters.get(name);
        const target = scope.resolve(field);
        if (!filter || !target) return [];
        const want = expectedCategory(filter, project, index);
        const got = filterCategory(target);
        if (want === undefined || want === got) return [];
        return [tileError('listen-type-mismatch', d, t, `listens to ${filter.type} "${name}" (a ${want} filter) with "${field}", which takes ${got} filters`,
          `map the filter to a ${want} field of this tile, or use a filter of another type`)];
      });
    });
  });
}

/** A field_filter needs its explore and field (Looker: "filter has no field"); a filter cannot listen to itself. */
export function checkDashboardFilters(project: ProjectIR): Diagnostic[] {
  return project.dashboards.flatMap((d: DashboardDef) =>
    d.filters.flatMap((f) => {
      const out: Diagnostic[] = [];
      if (f.type === 'field_filter' && (f.explore === undefined || f.field === undefined)) {
        out.push(dashboardError('dashboard-filter', d, 'is a field_filter without explore and field', 'name the explore and view.field it filters (suggestions come from it)', f.name));
      }
      if ((f.listensToFilters ?? []).includes(f.name)) {
        out.push(dashboardError('dashboard-filter', d, 'listens to itself', 'remove its own name from listensToFilters', f.name));
      }
      return out;
    }),
  );
}
