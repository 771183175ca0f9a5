/**
 * What the five operations dashboards share: typed field references (a misspelt field is a tsc
 * error), the dashboard filters, and the `listen` map that ties every tile to them.
 */
import { queryTile, type DashboardFilter, type QueryTile } from '../../../generator/vocabulary/dashboard.js';
import type { CloudtrailViews } from '../../index.js';
import { EVENT_DATE_FILTER_FIELD } from '../../explores/partition-predicate.js';
import { DEFAULT_DATE_FILTER } from '../../explores/cloudtrail-logs.explore.js';

export const EXPLORE = 'cloudtrail_logs';

/** `view.field` of the cloudtrail_logs explore (the GeoIP view only exists with the geolocation option). */
export type Ref =
  | `cloudtrail_logs.${CloudtrailViews['cloudtrail_logs']}`
  | `actor_login_facts.${CloudtrailViews['actor_login_facts']}`
  | `actor_ip_facts.${CloudtrailViews['actor_ip_facts']}`
  | 'geoip_city.location'
  | 'geoip_city.country';

export type Sort = Ref | `${Ref} asc` | `${Ref} desc`;

/** A query tile of the cloudtrail_logs explore, with checked field references. */
export interface LogsTileDef extends Omit<QueryTile, 'kind' | 'origin' | 'explore' | 'fields' | 'pivots' | 'fillFields' | 'sorts' | 'filters' | 'listen' | 'hiddenFields'> {
  readonly explore: typeof EXPLORE;
  readonly fields: readonly Ref[];
  readonly pivots?: readonly Ref[];
  readonly fillFields?: readonly Ref[];
  readonly sorts?: readonly Sort[];
  readonly filters?: Readonly<Partial<Record<Ref, string>>>;
  readonly listen: Readonly<Record<string, Ref>>;
  readonly hiddenFields?: readonly Ref[];
}

/**
 * `queryTile` with typed references. The same function, so the origin a finding reports is the
 * dashboard file's line, not this one.
 */
export const tile = queryTile as (def: LogsTileDef) => QueryTile;

/** Navy and green of the 2017 block, kept for continuity. */
export const NAVY = '#1f3e5a';
export const GREEN = '#a9c574';
export const RED = '#c7493a';

/** Names of the shared dashboard filters (also the URL parameters: `?Date=14 days`). */
export const DATE = 'Date';
export const ACCOUNT = 'Account';
export const REGION = 'Region';
export const ACTOR = 'Actor';

/**
 * The date filter every tile listens to. It targets Event Date, so the explore's
 * sql_always_where turns it into a partition predicate and Athena reads only those days.
 */
export function dateFilter(): DashboardFilter {
  return {
    name: DATE, title: 'Date', type: 'field_filter', explore: EXPLORE, field: EVENT_DATE_FILTER_FIELD,
    defaultValue: DEFAULT_DATE_FILTER, allowMultipleValues: true, required: false,
    uiConfig: { type: 'relative_timeframes', display: 'inline' },
  };
}

function fieldFilter(name: string, title: string, field: Ref): DashboardFilter {
  return {
    name, title, type: 'field_filter', explore: EXPLORE, field, defaultValue: '', allowMultipleValues: true, required: false,
    uiConfig: { type: 'tag_list', display: 'popover' },
  };
}

/** Date, account, region and actor: the filters of every operations dashboard. */
export function commonFilters(): DashboardFilter[] {
  return [
    dateFilter(),
    fieldFilter(ACCOUNT, 'Account', 'cloudtrail_logs.recipient_account_id'),
    fieldFilter(REGION, 'Region', 'cloudtrail_logs.aws_region'),
    fieldFilter(ACTOR, 'Actor', 'cloudtrail_logs.actor'),
  ];
}

export function securityGroupFilters(): DashboardFilter[] {
  return [
    fieldFilter('Security Group', 'Security Group', 'cloudtrail_logs.security_group_id'),
    fieldFilter('Network Interface', 'Network Interface', 'cloudtrail_logs.network_interface_id'),
  ];
}

/** The listen map of a tile: every common filter to its field. */
export const LISTEN_COMMON: Readonly<Record<string, Ref>> = Object.freeze({
  [DATE]: 'cloudtrail_logs.event_time_date',
  [ACCOUNT]: 'cloudtrail_logs.recipient_account_id',
  [REGION]: 'cloudtrail_logs.aws_region',
  [ACTOR]: 'cloudtrail_logs.actor',
});
