/**
 * Console Login Overview: who signs in to the console, how often it fails, from where, and
 * without MFA. The result of a sign-in comes from responseElements.ConsoleLogin (a failed
 * sign-in has no errorCode, so the 2017 block's error-based counts missed them), and every
 * per-user question is asked per actor, so root and Identity Center sign-ins are no longer blank.
 */
import { dashboard, type DashboardDef, type QueryTile } from '../../../generator/vocabulary/dashboard.js';
import { commonFilters, EXPLORE, GREEN, LISTEN_COMMON, NAVY, RED, tile } from './common.js';

const WHERE_FROM = { row: 0, col: 0, width: 12, height: 10 } as const;

/** With the geolocation option: the 2017 block's map, on real GeoLite2 locations. */
function loginMapTile(): QueryTile {
  return tile({
    name: 'console_login_locations',
    title: 'Console Login Locations',
    type: 'looker_google_map',
    explore: EXPLORE,
    fields: ['geoip_city.location', 'cloudtrail_logs.console_login_count'],
    filters: { 'cloudtrail_logs.is_console_login': 'Yes', 'geoip_city.country': '-NULL' },
    sorts: ['cloudtrail_logs.console_login_count desc'],
    limit: 500,
    listen: LISTEN_COMMON,
    noteText:
      'Source IPs located with MaxMind GeoLite2 City (IPv4 only; private addresses and AWS service callers have no location). ' +
      'The 2017 map guessed a country from the first octet of the IP ("54" = China), which was demo data.',
    noteDisplay: 'hover',
    vis: {
      map_plot_mode: 'points',
      map_position: 'fit_data',
      map_marker_type: 'circle',
      map_marker_radius_mode: 'proportional_value',
      map_marker_color_mode: 'fixed',
      map_marker_color: [NAVY],
    },
    ...WHERE_FROM,
  });
}

/** Without it: where sign-ins come from, by source IP (the block names no location then). */
function loginSourceIpTile(): QueryTile {
  return tile({
    name: 'console_logins_by_source_ip',
    title: 'Console Logins by Source IP',
    type: 'looker_grid',
    explore: EXPLORE,
    fields: [
      'cloudtrail_logs.source_ip_address', 'cloudtrail_logs.source_ip_kind', 'cloudtrail_logs.console_login_count',
      'cloudtrail_logs.console_login_success_count', 'cloudtrail_logs.console_login_failure_count',
    ],
    filters: { 'cloudtrail_logs.is_console_login': 'Yes' },
    sorts: ['cloudtrail_logs.console_login_count desc'],
    limit: 50,
    listen: LISTEN_COMMON,
    noteText:
      'Where sign-ins come from, by address. Stands in for the 2017 map, whose countries were guessed from the first octet ' +
      'of the IP ("54" = China) and were demo data.',
    noteDisplay: 'hover',
    ...WHERE_FROM,
  });
}

export function consoleLoginOverviewDashboard(o: { readonly geolocation: boolean }): DashboardDef {
  return dashboard({
    name: 'console_login_overview',
    title: 'Console Login Overview',
    description: 'AWS Management Console sign-ins: successes and failures, who signs in, from which addresses, and without MFA.',
    filters: commonFilters(),
    elements: [
      o.geolocation ? loginMapTile() : loginSourceIpTile(),
      tile({
        name: 'top_actor_logins',
        title: 'Top Actor Logins (Top 10)',
        type: 'looker_bar',
        explore: EXPLORE,
        fields: [
          'cloudtrail_logs.actor', 'cloudtrail_logs.console_login_success_count', 'cloudtrail_logs.console_login_failure_count',
          'cloudtrail_logs.console_login_count',
        ],
        filters: { 'cloudtrail_logs.is_console_login': 'Yes' },
        sorts: ['cloudtrail_logs.console_login_count desc'],
        limit: 10,
        hiddenFields: ['cloudtrail_logs.console_login_count'],
        listen: LISTEN_COMMON,
        noteText:
          'Per actor rather than IAM user name, which is empty for root, Identity Center and federated sign-ins. ' +
          'Success and failure come from the sign-in result (responseElements.ConsoleLogin).',
        noteDisplay: 'hover',
        vis: {
          stacking: 'normal',
          series_colors: { 'cloudtrail_logs.console_login_success_count': GREEN, 'cloudtrail_logs.console_login_failure_count': RED },
        },
        row: 0, col: 12, width: 12, height: 10,
      }),
      tile({
        name: 'console_logins_over_time',
        title: 'Console Logins Over Time',
        type: 'looker_column',
        explore: EXPLORE,
        fields: [
          'cloudtrail_logs.event_time_date', 'cloudtrail_logs.console_login_success_count', 'cloudtrail_logs.console_login_failure_count',
          'cloudtrail_logs.console_login_count',
        ],
        fillFields: ['cloudtrail_logs.event_time_date'],
        filters: { 'cloudtrail_logs.is_console_login': 'Yes' },
        sorts: ['cloudtrail_logs.event_time_date asc'],
        limit: 500,
        hiddenFields: ['cloudtrail_logs.console_login_count'],
        listen: LISTEN_COMMON,
        noteText:
          'A failed sign-in carries errorMessage "Failed authentication" and no errorCode; the 2017 block counted failures as ' +
          'errorCode AccessDenied and so missed most of them.',
        noteDisplay: 'hover',
        vis: {
          stacking: 'normal',
          series_colors: { 'cloudtrail_logs.console_login_success_count': GREEN, 'cloudtrail_logs.console_login_failure_count': RED },
        },
        row: 10, col: 0, width: 12, height: 7,
      }),
      tile({
        name: 'actors_signing_in_over_time',
        title: 'Actors Signing In Over Time',
        type: 'looker_column',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.event_time_date', 'cloudtrail_logs.actor_count'],
        fillFields: ['cloudtrail_logs.event_time_date'],
        filters: { 'cloudtrail_logs.is_console_login': 'Yes' },
        sorts: ['cloudtrail_logs.event_time_date asc'],
        limit: 500,
        listen: LISTEN_COMMON,
        noteText:
          'Replaces "Login User Count Over Time", which counted distinct assumed-role names over all events, not the people signing in.',
        noteDisplay: 'hover',
        vis: { series_colors: { 'cloudtrail_logs.actor_count': NAVY } },
        row: 10, col: 12, width: 12, height: 7,
      }),
      tile({
        name: 'logins_from_multiple_ip_addresses',
        title: 'Logins from Multiple IP Addresses',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: [
          'cloudtrail_logs.actor', 'actor_login_facts.login_source_ip_count', 'actor_login_facts.console_logins',
          'actor_login_facts.failed_logins', 'actor_login_facts.last_login_time',
        ],
        filters: { 'actor_login_facts.login_source_ip_count': '>1' },
        sorts: ['actor_login_facts.login_source_ip_count desc'],
        limit: 500,
        listen: LISTEN_COMMON,
        noteText:
          'Actors that signed in to the console from more than one IP in the date range. The 2017 tile counted IPs over all events ' +
          'and all time, for the top 50 IAM users only, with no "more than one" filter.',
        noteDisplay: 'hover',
        row: 17, col: 0, width: 6, height: 7,
      }),
      tile({
        name: 'most_common_ip_addresses',
        title: 'Most Common IP Addresses',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.source_ip_address', 'cloudtrail_logs.source_ip_kind', 'cloudtrail_logs.count'],
        sorts: ['cloudtrail_logs.count desc'],
        limit: 50,
        listen: LISTEN_COMMON,
        noteText: 'Source addresses of all events. Source IP Kind tells a caller\'s address from an AWS service name or "AWS Internal".',
        noteDisplay: 'hover',
        row: 17, col: 6, width: 6, height: 7,
      }),
      tile({
        name: 'logins_without_mfa',
        title: 'Logins without Multi-Factor Auth',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.actor', 'cloudtrail_logs.actor_type', 'cloudtrail_logs.console_logins_without_mfa'],
        filters: { 'cloudtrail_logs.console_logins_without_mfa': '>0' },
        sorts: ['cloudtrail_logs.console_logins_without_mfa desc'],
        limit: 500,
        listen: LISTEN_COMMON,
        noteText:
          'Successful sign-ins of IAM users and root with MFAUsed "No". Identity Center and federated sign-ins are left out: ' +
          'they report "No" even when the identity provider enforced MFA.',
        noteDisplay: 'hover',
        row: 17, col: 12, width: 6, height: 7,
      }),
      tile({
        name: 'most_common_login_errors',
        title: 'Most Common Login Errors',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.login_failure_reason', 'cloudtrail_logs.console_login_failure_count', 'cloudtrail_logs.actor_count'],
        filters: { 'cloudtrail_logs.console_login_result': 'Failure' },
        sorts: ['cloudtrail_logs.console_login_failure_count desc'],
        limit: 500,
        listen: LISTEN_COMMON,
        noteText:
          'Failed sign-ins by reason, with the number of actors affected. The 2017 tile required an errorCode, which failed sign-ins ' +
          'do not have, and its "users impacted" column referenced a field that no longer existed.',
        noteDisplay: 'hover',
        row: 17, col: 18, width: 6, height: 7,
      }),
    ],
  });
}
