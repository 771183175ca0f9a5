/**
 * Error Overview (the 2017 block's `error_overivew`, name and title corrected). One definition of
 * an error everywhere: Is Error (the event has an errorCode) and the error measures built on it;
 * the 2017 tiles mixed three (errormessage present, errorcode present, both present).
 */
import { dashboard, type DashboardDef } from '../../../generator/vocabulary/dashboard.js';
import { commonFilters, EXPLORE, GREEN, LISTEN_COMMON, NAVY, RED, tile } from './common.js';

export function errorOverviewDashboard(): DashboardDef {
  return dashboard({
    name: 'error_overview',
    title: 'Error Overview',
    description: 'Failed API calls: when, of which kind, from which services, events and actors. An error is an event with an errorCode.',
    filters: commonFilters(),
    elements: [
      tile({
        name: 'errors_and_events_over_time',
        title: 'Errors and Events Over Time',
        type: 'looker_column',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.event_time_hour', 'cloudtrail_logs.count', 'cloudtrail_logs.error_count', 'cloudtrail_logs.error_rate'],
        fillFields: ['cloudtrail_logs.event_time_hour'],
        sorts: ['cloudtrail_logs.event_time_hour asc'],
        limit: 500,
        hiddenFields: ['cloudtrail_logs.error_count'],
        listen: LISTEN_COMMON,
        noteText: 'Hourly (UTC) over the date range; the error rate is errors (events with an errorCode) over all events.',
        noteDisplay: 'hover',
        vis: {
          series_types: { 'cloudtrail_logs.error_rate': 'line' },
          series_colors: { 'cloudtrail_logs.count': NAVY, 'cloudtrail_logs.error_rate': GREEN },
          y_axes: [
            { label: 'Events', orientation: 'left', series: [{ id: 'cloudtrail_logs.count', name: 'Events' }] },
            { label: 'Error Rate', orientation: 'right', series: [{ id: 'cloudtrail_logs.error_rate', name: 'Error Rate' }] },
          ],
        },
        row: 0, col: 0, width: 24, height: 8,
      }),
      tile({
        name: 'errors_by_actor_type',
        title: 'Errors by Actor Type',
        type: 'looker_pie',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.actor_type', 'cloudtrail_logs.error_count'],
        filters: { 'cloudtrail_logs.is_error': 'Yes' },
        sorts: ['cloudtrail_logs.error_count desc'],
        limit: 10,
        listen: LISTEN_COMMON,
        noteText: 'By actor type (IAM user, Identity Center user, assumed role, root, AWS service…), which also tells SSO users from other roles.',
        noteDisplay: 'hover',
        vis: { value_labels: 'legend', label_type: 'labPer', inner_radius: 45 },
        row: 8, col: 0, width: 9, height: 7,
      }),
      tile({
        name: 'errors_by_source',
        title: 'Errors by Source',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.event_source', 'cloudtrail_logs.error_count', 'cloudtrail_logs.count', 'cloudtrail_logs.error_rate'],
        filters: { 'cloudtrail_logs.error_count': '>0' },
        sorts: ['cloudtrail_logs.error_count desc'],
        limit: 500,
        listen: LISTEN_COMMON,
        row: 8, col: 9, width: 6, height: 7,
      }),
      tile({
        name: 'top_actors_with_errors',
        title: 'Top Actors with Errors',
        type: 'looker_column',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.actor', 'cloudtrail_logs.error_count'],
        filters: { 'cloudtrail_logs.is_error': 'Yes' },
        sorts: ['cloudtrail_logs.error_count desc'],
        limit: 10,
        listen: LISTEN_COMMON,
        noteText:
          'Replaces "Top Assumed User Types", which counted errors by the assumed role\'s issuer name: empty for IAM users and root, ' +
          'and one bar for every person sharing a role. Actor names the IAM user, the role session, root or the service.',
        noteDisplay: 'hover',
        vis: { series_colors: { 'cloudtrail_logs.error_count': RED }, x_axis_label_rotation: -30 },
        row: 8, col: 15, width: 9, height: 7,
      }),
      tile({
        name: 'top_events_with_errors',
        title: 'Top Events with Errors',
        type: 'looker_bar',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.service_event_name', 'cloudtrail_logs.error_count'],
        filters: { 'cloudtrail_logs.is_error': 'Yes' },
        sorts: ['cloudtrail_logs.error_count desc'],
        limit: 10,
        listen: LISTEN_COMMON,
        noteText: 'Counts events with an errorCode; the 2017 tile also required an errorMessage, which some failures lack.',
        noteDisplay: 'hover',
        vis: { series_colors: { 'cloudtrail_logs.error_count': RED } },
        row: 15, col: 0, width: 12, height: 10,
      }),
      tile({
        name: 'top_error_codes',
        title: 'Top Error Codes',
        type: 'looker_bar',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.error_code', 'cloudtrail_logs.error_category', 'cloudtrail_logs.error_count'],
        filters: { 'cloudtrail_logs.is_error': 'Yes' },
        sorts: ['cloudtrail_logs.error_count desc'],
        limit: 10,
        listen: LISTEN_COMMON,
        noteText: 'Error Category groups the codes: Access denied, Throttling, Not found, Validation, Other.',
        noteDisplay: 'hover',
        vis: { series_colors: { 'cloudtrail_logs.error_count': RED } },
        row: 15, col: 12, width: 12, height: 10,
      }),
      tile({
        name: 'errors_full_detail',
        title: 'Errors (Full Detail)',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: [
          'cloudtrail_logs.actor', 'cloudtrail_logs.actor_type', 'cloudtrail_logs.event_source', 'cloudtrail_logs.event_name',
          'cloudtrail_logs.error_category', 'cloudtrail_logs.error_code', 'cloudtrail_logs.error_message', 'cloudtrail_logs.error_count',
        ],
        filters: { 'cloudtrail_logs.is_error': 'Yes' },
        sorts: ['cloudtrail_logs.error_count desc'],
        limit: 500,
        listen: LISTEN_COMMON,
        noteText:
          'Replaces "Assumed IAM User Errors (Full Detail)": every failing actor, not only assumed roles, and single errors too ' +
          '(the 2017 tile hid errors that happened once, such as a lone AccessDenied).',
        noteDisplay: 'hover',
        vis: { show_row_numbers: true, truncate_column_names: false },
        row: 25, col: 0, width: 24, height: 8,
      }),
    ],
  });
}
