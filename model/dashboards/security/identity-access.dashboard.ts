/**
 * Identity & access activity: who acts (actors and actor types), with which keys (long-term AKIA
 * vs temporary ASIA, first and last seen), through which roles (session issuer → actor, and who
 * assumed which role), who is new, who calls across accounts, and who is denied.
 *
 * "Newly seen" principals: actor_ip_facts computes, per actor, the first event inside the
 * dashboard's date range (the baseline window, default 30 days). An actor is newly seen when that
 * first event falls on or after the "New Since" filter (default 7 days): it did nothing in the
 * earlier part of the range. The baseline is only as long as the date range, so keep the range
 * well before New Since.
 */
import { dashboard, textTile, type DashboardDef, type DashboardFilter } from '../../../generator/vocabulary/dashboard.js';
import { commonFilters, NAVY, listen, singleValue, tile, EXPLORE } from './common.js';

export const NEW_SINCE = 'New Since';

const newSinceFilter: DashboardFilter = {
  name: NEW_SINCE, title: 'New Since', type: 'date_filter', defaultValue: '7 days', allowMultipleValues: false, required: false,
  uiConfig: { type: 'relative_timeframes', display: 'inline' },
};

export function identityAccessDashboard(): DashboardDef {
  return dashboard({
    name: 'identity_access_activity',
    title: 'Identity & Access Activity',
    description:
      'Who acts in the accounts and how: actors and actor types, access keys in use, role chains, newly seen principals, cross-account calls and failed authorization.',
    refresh: '1 hour',
    crossfilterEnabled: true,
    filters: [...commonFilters('30 days'), newSinceFilter],
    elements: [
      tile(singleValue('actors', 'Distinct actors', 'cloudtrail_logs.actor_count', { row: 0, col: 0, width: 5 }, { color: NAVY })),
      tile(singleValue('access_keys', 'Distinct access keys', 'cloudtrail_logs.access_key_count', { row: 0, col: 5, width: 5 })),
      tile(singleValue('long_term_key_calls', 'Calls with long-term keys (AKIA)', 'cloudtrail_logs.long_term_key_calls', { row: 0, col: 10, width: 5 })),
      tile(singleValue('cross_account_calls', 'Cross-account calls', 'cloudtrail_logs.cross_account_calls', { row: 0, col: 15, width: 5 })),
      tile(singleValue('access_denied', 'Access denied', 'cloudtrail_logs.access_denied_count', { row: 0, col: 20, width: 4 })),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'by_actor_type', title: 'Activity by actor type', type: 'looker_pie',
        fields: ['cloudtrail_logs.actor_type', 'cloudtrail_logs.count'], sorts: ['cloudtrail_logs.count desc'], limit: 50,
        row: 3, col: 0, width: 8, height: 8, vis: { value_labels: 'legend', label_type: 'labPer' },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'top_actors', title: 'Activity by actor', type: 'looker_grid',
        fields: [
          'cloudtrail_logs.actor', 'cloudtrail_logs.actor_type', 'cloudtrail_logs.count', 'cloudtrail_logs.write_event_count',
          'cloudtrail_logs.access_denied_count', 'cloudtrail_logs.source_ip_count', 'cloudtrail_logs.region_count',
          'cloudtrail_logs.first_event_at', 'cloudtrail_logs.last_event_at',
        ],
        sorts: ['cloudtrail_logs.count desc'], limit: 100,
        row: 3, col: 8, width: 16, height: 8, vis: { show_view_names: false },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'access_keys_in_use', title: 'Access keys in use', type: 'looker_grid',
        fields: [
          'cloudtrail_logs.access_key_id', 'cloudtrail_logs.access_key_kind', 'cloudtrail_logs.actor', 'cloudtrail_logs.first_event_at',
          'cloudtrail_logs.last_event_at', 'cloudtrail_logs.count', 'cloudtrail_logs.source_ip_count',
        ],
        filters: { 'cloudtrail_logs.access_key_id': '-EMPTY' },
        sorts: ['cloudtrail_logs.access_key_kind asc', 'cloudtrail_logs.count desc'], limit: 200,
        noteText: 'Long-term (AKIA…) keys belong to IAM users and leak; temporary (ASIA…) keys come from STS sessions. First and last seen are within the date range.',
        noteState: 'collapsed', noteDisplay: 'hover',
        row: 11, col: 0, width: 24, height: 8, vis: { show_view_names: false },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'role_chains', title: 'Role chains: session issuer → actor', type: 'looker_grid',
        fields: [
          'cloudtrail_logs.session_issuer_type', 'cloudtrail_logs.session_issuer_arn', 'cloudtrail_logs.actor', 'cloudtrail_logs.count',
          'cloudtrail_logs.source_ip_count', 'cloudtrail_logs.last_event_at',
        ],
        filters: { 'cloudtrail_logs.session_issuer_arn': '-EMPTY' },
        sorts: ['cloudtrail_logs.count desc'], limit: 200,
        noteText: 'Temporary credentials and the role (or user) that issued them: the session issuer of each acting session.',
        noteState: 'collapsed', noteDisplay: 'hover',
        row: 19, col: 0, width: 12, height: 8, vis: { show_view_names: false },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'role_assumptions', title: 'Role assumptions: caller → role', type: 'looker_grid',
        fields: ['cloudtrail_logs.actor', 'cloudtrail_logs.role_arn', 'cloudtrail_logs.is_cross_account', 'cloudtrail_logs.role_assumptions', 'cloudtrail_logs.error_count'],
        filters: { 'cloudtrail_logs.event_name': 'AssumeRole,AssumeRoleWithSAML,AssumeRoleWithWebIdentity' },
        sorts: ['cloudtrail_logs.role_assumptions desc'], limit: 200,
        row: 19, col: 12, width: 12, height: 8, vis: { show_view_names: false },
      }),
      textTile({
        name: 'new_principals_about', titleText: 'Newly seen principals',
        bodyText:
          'Actors whose **first event in the date range** falls on or after **New Since**: nothing from them in the earlier part of the range. ' +
        'The range is the baseline (default 30 days vs New Since 7 days); a longer range gives a longer memory.',
        ...{ row: 27, col: 0, width: 24, height: 2 },
      }),
      tile({
        explore: EXPLORE, listen: listen({ [NEW_SINCE]: 'actor_ip_facts.first_seen_date' }),
        name: 'new_principals', title: 'Newly seen principals', type: 'looker_grid',
        fields: [
          'cloudtrail_logs.actor', 'cloudtrail_logs.actor_type', 'actor_ip_facts.first_seen_time', 'actor_ip_facts.last_seen_time',
          'actor_ip_facts.event_count', 'actor_ip_facts.source_ip_count', 'actor_ip_facts.region_count',
        ],
        sorts: ['actor_ip_facts.first_seen_time desc'], limit: 200,
        row: 29, col: 0, width: 24, height: 8, vis: { show_view_names: false },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'cross_account', title: 'Cross-account calls', type: 'looker_grid',
        fields: ['cloudtrail_logs.user_account_id', 'cloudtrail_logs.recipient_account_id', 'cloudtrail_logs.actor', 'cloudtrail_logs.cross_account_calls', 'cloudtrail_logs.event_name_count'],
        filters: { 'cloudtrail_logs.is_cross_account': 'Yes' },
        sorts: ['cloudtrail_logs.cross_account_calls desc'], limit: 200,
        noteText: 'Calls whose caller account (userIdentity.accountId) is not the account that received them (recipientAccountId).',
        noteState: 'collapsed', noteDisplay: 'hover',
        row: 37, col: 0, width: 12, height: 8, vis: { show_view_names: false },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'failed_authorization', title: 'Failed authorization by actor', type: 'looker_grid',
        fields: ['cloudtrail_logs.actor', 'cloudtrail_logs.actor_type', 'cloudtrail_logs.service_event_name', 'cloudtrail_logs.error_code', 'cloudtrail_logs.access_denied_count'],
        filters: { 'cloudtrail_logs.is_error': 'Yes', 'cloudtrail_logs.error_category': 'Access denied' },
        sorts: ['cloudtrail_logs.access_denied_count desc'], limit: 200,
        row: 37, col: 12, width: 12, height: 8, vis: { show_view_names: false },
      }),
    ],
  });
}
