/**
 * Synthetic blocks for the compile benchmark: `views` views × `fieldsPerView` fields, built with
 * the same vocabulary users write, so the compiler sees what a large real project gives it:
 * dimensions that reference other dimensions (chains and fan-in), a time group, measures over
 * dimensions, a `number` measure over measures, explores with joins between views, and
 * dashboards whose tiles reference fields across joins.
 *
 * Everything is deterministic (no randomness), so two runs compile the very same block.
 */
import { Block } from '../generator/vocabulary/block.js';
import { view, type ViewDef } from '../generator/vocabulary/view.js';
import { explore, join, type ExploreDef } from '../generator/vocabulary/explore.js';
import { dashboard, queryTile, type DashboardDef } from '../generator/vocabulary/dashboard.js';
import { fieldRef, sql, TABLE } from '../generator/vocabulary/sql.js';
import { dimension, type Field } from '../generator/vocabulary/fields.js';

export interface SyntheticOptions {
  readonly views: number;
  readonly fieldsPerView: number;
  /** Views per explore (the base view and the views it joins); default 5. */
  readonly viewsPerExplore?: number;
  /** Tiles per dashboard; one dashboard per explore; default 4. */
  readonly tilesPerDashboard?: number;
}

/** Fields every synthetic view has besides its plain dimensions (pk, fk, time group, 3 measures). */
const FIXED_FIELDS = 6;
const TIMEFRAMES = ['raw', 'time', 'date', 'week', 'month'] as const;

export const viewName = (i: number): string => `v${String(i).padStart(4, '0')}`;

/**
 * One view: `id` (hidden primary key), `parent_id` (the join key to the next view), `d1…dn`
 * where every dimension after the first references its predecessor and every fifth one also the
 * first (so references form chains and fan-in, as in real views), a time group, and measures.
 */
export function syntheticView(i: number, fieldsPerView: number): ViewDef {
  const plain = Math.max(1, fieldsPerView - FIXED_FIELDS);
  return view(viewName(i), {
    source: { kind: 'table', sqlTableName: `bench.table_${i}` },
    label: `Synthetic ${i}`,
    description: `Synthetic view ${i} for the compile benchmark.`,
  })
    .add((v) => ({
      id: v.dimension({ type: 'string', primaryKey: true, hidden: true, sql: v.sql`${v.table}.id` }),
      parent_id: v.dimension({ type: 'string', hidden: true, sql: v.sql`${v.table}.parent_id` }),
      created: v.dimensionGroup({
        type: 'time',
        timeframes: TIMEFRAMES,
        datatype: 'timestamp',
        sql: v.sql`${v.table}.created_at`,
        description: 'When the row was created.',
      }),
    }))
    .add(() => plainDimensions(plain))
    .add((v) => ({
      count: v.measure({ type: 'count', description: 'Rows.', drillFields: ['id', 'd1'] }),
      total_d1: v.measure({ type: 'sum', sql: v.sql`${fieldRef('d1')}`, description: 'Sum of d1.' }),
      ratio: v.measure({ type: 'number', sql: v.sql`${fieldRef('total_d1')} / NULLIF(${fieldRef('count')}, 0)`, description: 'Average d1.' }),
    }))
    .build();
}

/** `d1 … dn`: d1 reads a column; each later one its predecessor, every fifth one d1 too. */
function plainDimensions(n: number): Record<string, Field> {
  const fields: Record<string, Field> = {};
  for (let k = 1; k <= n; k++) {
    const expr =
      k === 1
        ? sql`${TABLE}.c1`
        : k % 5 === 0
          ? sql`${fieldRef(`d${k - 1}`)} + ${fieldRef('d1')}`
          : sql`${fieldRef(`d${k - 1}`)} + ${k}`;
    fields[`d${k}`] = dimension({ type: 'number', sql: expr, description: `Synthetic dimension ${k}.` });
  }
  return fields;
}

/** Explore `v<i>` (named after its base view, so the alias is the view) starts at view i and joins the next views, each on the previous one's key. */
export function syntheticExplore(first: number, count: number): ExploreDef {
  const base = viewName(first);
  const joins = [];
  for (let j = first + 1; j < first + count; j++) {
    joins.push(
      join({
        name: viewName(j),
        type: 'left_outer',
        relationship: 'many_to_one',
        sqlOn: sql`${fieldRef('parent_id', viewName(j - 1))} = ${fieldRef('id', viewName(j))}`,
      }),
    );
  }
  return explore({ name: base, label: `Explore ${base}`, description: 'Synthetic explore.', joins });
}

/** One dashboard per explore: tiles mixing base and joined fields, a date filter they listen to. */
export function syntheticDashboard(e: ExploreDef, tiles: number): DashboardDef {
  const alias = e.name;
  const joined = e.joins?.map((j) => j.name) ?? [];
  const last = joined[joined.length - 1];
  const elements = [];
  for (let t = 0; t < tiles; t++) {
    const other = joined[t % Math.max(1, joined.length)];
    const fields = [`${alias}.created_date`, `${alias}.count`, ...(other ? [`${other}.d${1 + (t % 3)}`] : [])];
    elements.push(
      queryTile({
        name: `tile_${t}`,
        title: `Tile ${t}`,
        type: 'looker_column',
        explore: e.name,
        fields,
        sorts: [`${alias}.created_date desc`],
        listen: { date: `${alias}.created_date` },
        limit: 100,
        row: Math.floor(t / 2) * 6,
        col: (t % 2) * 12,
        width: 12,
        height: 6,
      }),
    );
  }
  if (last) {
    elements.push(
      queryTile({
        name: 'ratio',
        title: 'Ratio across joins',
        type: 'single_value',
        explore: e.name,
        fields: [`${last}.ratio`],
        row: 100,
        col: 0,
        width: 8,
        height: 4,
      }),
    );
  }
  return dashboard({
    name: `d_${e.name}`,
    title: `Dashboard ${e.name}`,
    filters: [{ name: 'date', title: 'Date', type: 'date_filter', defaultValue: '7 days' }],
    elements,
  });
}

/** The whole synthetic block. */
export function syntheticBlock(o: SyntheticOptions): Block {
  const perExplore = o.viewsPerExplore ?? 5;
  const views = Array.from({ length: o.views }, (_, i) => syntheticView(i, o.fieldsPerView));
  const explores: ExploreDef[] = [];
  for (let first = 0; first < o.views; first += perExplore) explores.push(syntheticExplore(first, Math.min(perExplore, o.views - first)));
  const dashboards = explores.map((e) => syntheticDashboard(e, o.tilesPerDashboard ?? 4));
  return Block.of({
    manifest: { projectName: 'bench_synthetic', constants: { CONNECTION_NAME: { value: 'bench', export: 'override_required' } } },
    model: { name: 'bench_synthetic', connection: '@{CONNECTION_NAME}', includes: ['explores/*.explore.lkml', 'dashboards/*.dashboard.lookml'] },
    views,
    explores,
    dashboards,
    athena: [],
    exemptions: [],
  });
}

/** Fields the block defines (entries of the views' field records, before time-frame expansion). */
export function fieldCount(block: Block): number {
  return block.content.views.reduce((n, v) => n + Object.keys(v.fields).length, 0);
}
