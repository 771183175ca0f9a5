/**
 * What the security dashboards share: typed field references (a misspelt field is a tsc error),
 * the dashboard filters and the `listen` map that ties every tile to them, and small tile helpers.
 */
import { queryTile, type DashboardFilter, type QueryTile } from '../../../generator/vocabulary/dashboard.js';
import type { CloudtrailViews } from '../../index.js';
import { EVENT_DATE_FILTER_FIELD } from '../../explores/partition-predicate.js';

export const EXPLORE = 'cloudtrail_logs';

/** `view.field` of the cloudtrail_logs explore. */
export type Ref =
  | `cloudtrail_logs.${CloudtrailViews['cloudtrail_logs']}`
  | `actor_login_facts.${CloudtrailViews['actor_login_facts']}`
  | `actor_ip_facts.${CloudtrailViews['actor_ip_facts']}`;

export type Sort = Ref | `${Ref} asc` | `${Ref} desc`;

/** A query tile of the cloudtrail_logs explore, with checked field references. */
export interface SecurityTileDef extends Omit<QueryTile, 'kind' | 'origin' | 'explore' | 'fields' | 'pivots' | 'fillFields' | 'sorts' | 'filters' | 'listen' | 'hiddenFields'> {
  readonly explore: typeof EXPLORE;
  readonly fields: readonly Ref[];
  readonly pivots?: readonly Ref[];
  readonly fillFields?: readonly Ref[];
  readonly sorts?: readonly Sort[];
  readonly filters?: Readonly<Partial<Record<Ref, string>>>;
  /** Dashboard filter → field: `listen()` gives the common ones. */
  readonly listen: Readonly<Record<string, Ref>>;
  readonly hiddenFields?: readonly Ref[];
}

/** Names of the shared dashboard filters (also the URL parameters: `?Date=14 days`). */
export const DATE = 'Date';
export const ACCOUNT = 'Account';
export const REGION = 'Region';

/** Every tile listens to the date, account and region filters. */
export const LISTEN_COMMON: Readonly<Record<string, Ref>> = Object.freeze({
  [DATE]: 'cloudtrail_logs.event_time_date',
  [ACCOUNT]: 'cloudtrail_logs.recipient_account_id',
  [REGION]: 'cloudtrail_logs.aws_region',
});

/** The common filters' listen map, plus any extra filter → field. */
export const listen = (extra: Readonly<Record<string, Ref>> = {}): Readonly<Record<string, Ref>> => ({ ...LISTEN_COMMON, ...extra });

/**
 * `queryTile` with typed references. The same function, so the origin a finding reports is the
 * dashboard file's line, not this one.
 */
export const tile = queryTile as (def: SecurityTileDef) => QueryTile;

/** The definition of a single value tile of one measure (pass it to `tile`). */
export function singleValue(
  name: string, title: string, measure: Ref, pos: { row: number; col: number; width: number; height?: number },
  extra: { readonly noteText?: string; readonly color?: string } = {},
): SecurityTileDef {
  return {
    explore: EXPLORE, listen: listen(),
    name, title, type: 'single_value', fields: [measure], row: pos.row, col: pos.col, width: pos.width, height: pos.height ?? 3,
    ...(extra.noteText ? { noteText: extra.noteText, noteState: 'collapsed' as const, noteDisplay: 'hover' as const } : {}),
    vis: { show_single_value_title: true, single_value_title: title, show_comparison: false, ...(extra.color ? { custom_color_enabled: true, custom_color: extra.color } : {}) },
  };
}

/**
 * The date filter every tile listens to. It targets Event Date, so the explore's
 * sql_always_where turns it into a partition predicate and Athena reads only those days.
 */
export function dateFilter(defaultValue: string): DashboardFilter {
  return {
    name: DATE, title: 'Date', type: 'field_filter', explore: EXPLORE, field: EVENT_DATE_FILTER_FIELD,
    defaultValue, allowMultipleValues: true, required: false,
    uiConfig: { type: 'relative_timeframes', display: 'inline' },
  };
}

function fieldFilter(name: string, title: string, field: Ref): DashboardFilter {
  return {
    name, title, type: 'field_filter', explore: EXPLORE, field, defaultValue: '', allowMultipleValues: true, required: false,
    uiConfig: { type: 'tag_list', display: 'popover' },
  };
}

/** Date (with its default), account and region. */
export function commonFilters(defaultDate: string): DashboardFilter[] {
  return [dateFilter(defaultDate), fieldFilter(ACCOUNT, 'Account', 'cloudtrail_logs.recipient_account_id'), fieldFilter(REGION, 'Region', 'cloudtrail_logs.aws_region')];
}

/** Severity colours (critical → low). */
export const SEVERITY_COLORS = { critical: '#8b1e1e', high: '#c7493a', medium: '#e8a33d', low: '#7f9bb3' } as const;
export const NAVY = '#1f3e5a';
