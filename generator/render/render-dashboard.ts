/**
 * Dashboards → LookML dashboard YAML (a one-item list, newspaper layout), keys in a fixed order,
 * formatted by prettier's YAML printer so the files look like Looker's own exports.
 */
import { stringify } from 'yaml';
import { format } from 'prettier';
import type { DashboardDef, DashboardElement, DashboardFilter, QueryTile, TextTile } from '../vocabulary/dashboard.js';
import { header } from './header.js';
import { renderTemplate } from './templates.js';
import type { FileOutput } from './file-output.js';

type Yaml = Record<string, unknown>;

/** Drops undefined entries while keeping insertion order. */
function compact(entries: Yaml): Yaml {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

const position = (e: DashboardElement): Yaml => ({ row: e.row, col: e.col, width: e.width, height: e.height });

/** Keys the tile definition owns; visualisation settings may not replace them. */
const TILE_KEYS = new Set([
  'title', 'name', 'model', 'explore', 'type', 'fields', 'pivots', 'fill_fields', 'sorts', 'limit', 'filters',
  'hidden_fields', 'note_state', 'note_display', 'note_text', 'listen', 'row', 'col', 'width', 'height',
]);

function visSettings(t: QueryTile): Yaml {
  const clashing = Object.keys(t.vis ?? {}).filter((k) => TILE_KEYS.has(k));
  if (clashing.length > 0) throw new Error(`tile "${t.title}": vis settings may not set ${clashing.join(', ')} (use the tile's own parameters)`);
  return { ...(t.vis ?? {}) };
}

function queryTileYaml(t: QueryTile, model: string): Yaml {
  return compact({
    title: t.title,
    name: t.name,
    model,
    explore: t.explore,
    type: t.type,
    fields: [...t.fields],
    pivots: t.pivots && [...t.pivots],
    fill_fields: t.fillFields && [...t.fillFields],
    sorts: t.sorts && [...t.sorts],
    limit: t.limit,
    filters: t.filters && { ...t.filters },
    hidden_fields: t.hiddenFields && [...t.hiddenFields],
    ...visSettings(t),
    note_state: t.noteState,
    note_display: t.noteDisplay,
    note_text: t.noteText,
    listen: t.listen && { ...t.listen },
    ...position(t),
  });
}

function textTileYaml(t: TextTile): Yaml {
  return compact({ name: t.name, type: 'text', title_text: t.titleText, subtitle_text: t.subtitleText, body_text: t.bodyText, ...position(t) });
}

function filterYaml(f: DashboardFilter, model: string): Yaml {
  return compact({
    name: f.name,
    title: f.title,
    type: f.type,
    default_value: f.defaultValue,
    allow_multiple_values: f.allowMultipleValues,
    required: f.required,
    ui_config: f.uiConfig && { type: f.uiConfig.type, display: f.uiConfig.display },
    model: f.explore === undefined ? undefined : model,
    explore: f.explore,
    listens_to_filters: f.listensToFilters && [...f.listensToFilters],
    field: f.field,
  });
}

export function dashboardYaml(d: DashboardDef, model: string): Yaml[] {
  return [
    compact({
      dashboard: d.name,
      title: d.title,
      description: d.description,
      layout: 'newspaper',
      preferred_viewer: 'dashboards-next',
      crossfilter_enabled: d.crossfilterEnabled,
      refresh: d.refresh,
      elements: d.elements.map((e) => (e.kind === 'query' ? queryTileYaml(e, model) : textTileYaml(e))),
      filters: d.filters.length > 0 ? d.filters.map((f) => filterYaml(f, model)) : undefined,
    }),
  ];
}

export async function renderDashboard(d: DashboardDef, model: string): Promise<FileOutput> {
  // YAML 1.1 rules for quoting: Looker reads dashboards as YAML 1.1, where a bare Yes/No/on/off is
  // a boolean, so filter values such as "Yes" must be quoted to stay text.
  const raw = stringify(dashboardYaml(d, model), { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
  const yaml = await format(raw, { parser: 'yaml', printWidth: 120 });
  const content = renderTemplate('dashboards/dashboard.lookml', { header: header('#'), yaml });
  return { path: `dashboards/${d.name}.dashboard.lookml`, content };
}
