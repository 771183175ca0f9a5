/**
 * LookML dashboards (newspaper layout). Tiles name their explore and `view.field` references;
 * the compiler checks them against the explore at generate time.
 */
import { captureOrigin, type Origin } from './origin.js';

export const VIS_TYPES = [
  'looker_column', 'looker_bar', 'looker_line', 'looker_area', 'looker_scatter', 'looker_pie',
  'looker_donut_multiples', 'looker_funnel', 'looker_timeline', 'looker_waterfall', 'single_value',
  'looker_single_record', 'looker_grid', 'table', 'looker_map', 'looker_google_map',
  'looker_geo_coordinates', 'looker_geo_choropleth', 'looker_boxplot',
] as const;
export type VisType = (typeof VIS_TYPES)[number];

export const DASHBOARD_FILTER_TYPES = ['field_filter', 'date_filter', 'string_filter', 'number_filter'] as const;
export type DashboardFilterType = (typeof DASHBOARD_FILTER_TYPES)[number];

/** Position on the 24-column newspaper grid. */
export interface TilePosition {
  readonly row: number;
  readonly col: number;
  readonly width: number;
  readonly height: number;
}

export interface QueryTile extends TilePosition {
  readonly kind: 'query';
  readonly name: string;
  readonly title: string;
  readonly type: VisType;
  readonly explore: string;
  readonly fields: readonly string[];
  readonly pivots?: readonly string[];
  readonly fillFields?: readonly string[];
  /** `view.field asc|desc`. */
  readonly sorts?: readonly string[];
  readonly filters?: Readonly<Record<string, string>>;
  /** Dashboard filter name → the field of this tile it filters. */
  readonly listen?: Readonly<Record<string, string>>;
  readonly limit?: number;
  readonly hiddenFields?: readonly string[];
  readonly noteText?: string;
  readonly noteState?: 'collapsed' | 'expanded';
  readonly noteDisplay?: 'above' | 'below' | 'hover';
  /** Visualisation settings passed through as written (colours, axes, map options). */
  readonly vis?: Readonly<Record<string, unknown>>;
  readonly origin?: Origin;
}

export interface TextTile extends TilePosition {
  readonly kind: 'text';
  readonly name: string;
  readonly titleText?: string;
  readonly subtitleText?: string;
  readonly bodyText?: string;
  readonly origin?: Origin;
}

export type DashboardElement = QueryTile | TextTile;

export interface UiConfig {
  readonly type: 'button_group' | 'checkboxes' | 'range_slider' | 'tag_list' | 'radio_buttons' | 'button_toggles'
    | 'dropdown_menu' | 'slider' | 'day_picker' | 'day_range_picker' | 'relative_timeframes' | 'advanced';
  readonly display: 'inline' | 'popover' | 'overflow';
}

export interface DashboardFilter {
  readonly name: string;
  readonly title: string;
  readonly type: DashboardFilterType;
  /** For field filters: the explore and `view.field` whose suggestions the filter uses. */
  readonly explore?: string;
  readonly field?: string;
  readonly defaultValue?: string;
  readonly allowMultipleValues?: boolean;
  readonly required?: boolean;
  readonly listensToFilters?: readonly string[];
  readonly uiConfig?: UiConfig;
}

export interface DashboardDef {
  readonly name: string;
  readonly title: string;
  readonly description?: string;
  readonly refresh?: string;
  readonly crossfilterEnabled?: boolean;
  readonly filters: readonly DashboardFilter[];
  readonly elements: readonly DashboardElement[];
  readonly origin?: Origin;
}

export function dashboard(def: Omit<DashboardDef, 'origin'>): DashboardDef {
  return Object.freeze({ ...def, origin: captureOrigin() });
}

export function queryTile(def: Omit<QueryTile, 'kind' | 'origin'>): QueryTile {
  return Object.freeze({ kind: 'query', ...def, origin: captureOrigin() });
}

export function textTile(def: Omit<TextTile, 'kind' | 'origin'>): TextTile {
  return Object.freeze({ kind: 'text', ...def, origin: captureOrigin() });
}
