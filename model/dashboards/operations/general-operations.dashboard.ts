/**
 * General Operations: what is being called, from which services and regions, when, and the EC2
 * instance lifecycle. The 2017 block's dashboard with every tile on the date filter.
 */
import { dashboard, type DashboardDef } from '../../../generator/vocabulary/dashboard.js';
import { commonFilters, EXPLORE, LISTEN_COMMON, NAVY, tile } from './common.js';

/** The EC2 calls that start, stop or end an instance (exact names, not the 2017 LIKE patterns). */
export const INSTANCE_STATE_EVENTS = ['RunInstances', 'StartInstances', 'StopInstances', 'RebootInstances', 'TerminateInstances'] as const;

export function generalOperationsDashboard(): DashboardDef {
  return dashboard({
    name: 'general_operations',
    title: 'General Operations',
    description: 'What is being called, by which services and in which regions, when, and EC2 instance starts, stops and terminations.',
    filters: commonFilters(),
    elements: [
      tile({
        name: 'top_10_events',
        title: 'Top 10 Events',
        type: 'looker_bar',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.service_event_name', 'cloudtrail_logs.count'],
        sorts: ['cloudtrail_logs.count desc'],
        limit: 10,
        listen: LISTEN_COMMON,
        noteText: 'Grouped by service action (iam:GetUser), not by event name alone: several services share names such as ListTagsForResource.',
        noteDisplay: 'hover',
        vis: { series_colors: { 'cloudtrail_logs.count': NAVY }, show_value_labels: true, legend_position: 'center' },
        row: 0, col: 0, width: 12, height: 8,
      }),
      tile({
        name: 'top_events_full_detail',
        title: 'Top Events (Full Detail)',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: [
          'cloudtrail_logs.service_event_name', 'cloudtrail_logs.count', 'cloudtrail_logs.actor_count',
          'cloudtrail_logs.error_count', 'cloudtrail_logs.access_denied_count', 'cloudtrail_logs.error_rate',
        ],
        sorts: ['cloudtrail_logs.count desc'],
        limit: 100,
        listen: LISTEN_COMMON,
        noteText: 'Distinct Actors counts every caller (users, role sessions, root, services); the 2017 tile counted assumed-role names only.',
        noteDisplay: 'hover',
        vis: { show_row_numbers: true, truncate_column_names: false },
        row: 0, col: 12, width: 12, height: 8,
      }),
      tile({
        name: 'events_by_source',
        title: 'Events by Source',
        type: 'looker_column',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.event_source', 'cloudtrail_logs.count'],
        sorts: ['cloudtrail_logs.count desc'],
        limit: 50,
        listen: LISTEN_COMMON,
        vis: { series_colors: { 'cloudtrail_logs.count': NAVY }, x_axis_label_rotation: -45 },
        row: 8, col: 0, width: 12, height: 8,
      }),
      tile({
        name: 'events_by_hour_of_day_day_of_week',
        title: 'Events by Hour of Day, Day of Week',
        type: 'looker_line',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.event_time_hour_of_day', 'cloudtrail_logs.event_time_day_of_week', 'cloudtrail_logs.count'],
        pivots: ['cloudtrail_logs.event_time_day_of_week'],
        fillFields: ['cloudtrail_logs.event_time_hour_of_day', 'cloudtrail_logs.event_time_day_of_week'],
        sorts: ['cloudtrail_logs.event_time_day_of_week asc', 'cloudtrail_logs.event_time_hour_of_day asc'],
        limit: 500,
        listen: LISTEN_COMMON,
        noteText: 'Hours in UTC. Follows the date filter (the 2017 tile ignored it and scanned the whole table).',
        noteDisplay: 'hover',
        row: 8, col: 12, width: 12, height: 8,
      }),
      tile({
        name: 'events_by_region',
        title: 'Events by Region',
        type: 'looker_area',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.event_time_date', 'cloudtrail_logs.aws_region', 'cloudtrail_logs.count'],
        pivots: ['cloudtrail_logs.aws_region'],
        fillFields: ['cloudtrail_logs.event_time_date'],
        sorts: ['cloudtrail_logs.aws_region asc', 'cloudtrail_logs.event_time_date asc'],
        limit: 500,
        listen: LISTEN_COMMON,
        vis: { stacking: 'normal' },
        row: 16, col: 0, width: 12, height: 8,
      }),
      tile({
        name: 'ec2_instance_changes',
        title: 'EC2 Instance Changes',
        type: 'looker_line',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.event_time_date', 'cloudtrail_logs.event_name', 'cloudtrail_logs.count'],
        pivots: ['cloudtrail_logs.event_name'],
        fillFields: ['cloudtrail_logs.event_time_date'],
        filters: {
          'cloudtrail_logs.event_source': 'ec2.amazonaws.com',
          'cloudtrail_logs.event_name': INSTANCE_STATE_EVENTS.join(','),
          'cloudtrail_logs.is_error': 'No',
        },
        sorts: ['cloudtrail_logs.event_time_date asc', 'cloudtrail_logs.event_name asc'],
        limit: 500,
        listen: LISTEN_COMMON,
        noteText: 'Successful Run, Start, Stop, Reboot and Terminate calls (exact event names; failed calls changed nothing). Follows the date filter, which the 2017 tile ignored.',
        noteDisplay: 'hover',
        row: 16, col: 12, width: 12, height: 8,
      }),
    ],
  });
}
