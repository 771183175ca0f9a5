/**
 * Operational Account Activity: recurring errors, what the people working in the account do, and
 * every use of the root user. The 2017 dashboard's date filter named a field that no longer
 * existed; its root text promised "from the beginning of the year" under a 48-hour default.
 */
import { dashboard, textTile, type DashboardDef } from '../../../generator/vocabulary/dashboard.js';
import { commonFilters, EXPLORE, LISTEN_COMMON, tile } from './common.js';

export function operationalAccountActivityDashboard(): DashboardDef {
  return dashboard({
    name: 'operational_account_activity',
    title: 'Operational Account Activity',
    description: 'Recurring errors, the activity of the people working in the account, and every use of the root user.',
    filters: commonFilters(),
    elements: [
      textTile({
        name: 'operational_account_activity_intro',
        titleText: 'Operational Account Activity',
        bodyText:
          'Three questions about the account: which errors keep recurring, how administrators and employees work with the workloads, ' +
          'and who uses the root user. Every tile follows the Date filter (default: the last 7 days).',
        row: 0, col: 0, width: 24, height: 4,
      }),
      textTile({
        name: 'top_aws_event_errors_operations',
        titleText: 'Top AWS Event Errors',
        bodyText:
          'Use: find recurring errors. Interpretation: a call that keeps failing often points to a misconfigured policy or permission, ' +
          'or to a change nobody announced, for example a CloudWatch alarm that can no longer reach its target, or an S3 bucket policy ' +
          'that now denies an application.',
        row: 4, col: 0, width: 6, height: 8,
      }),
      tile({
        name: 'top_aws_event_errors',
        title: 'Top AWS Event Errors',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.service_event_name', 'cloudtrail_logs.error_code', 'cloudtrail_logs.error_message', 'cloudtrail_logs.error_count'],
        filters: { 'cloudtrail_logs.is_error': 'Yes' },
        sorts: ['cloudtrail_logs.error_count desc'],
        limit: 15,
        listen: LISTEN_COMMON,
        row: 4, col: 6, width: 18, height: 8,
      }),
      tile({
        name: 'top_users',
        title: 'Top Users (IAM and Identity Center)',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: ['cloudtrail_logs.actor', 'cloudtrail_logs.actor_type', 'cloudtrail_logs.service_event_name', 'cloudtrail_logs.count'],
        filters: { 'cloudtrail_logs.actor_type': 'IAM user,Identity Center user' },
        sorts: ['cloudtrail_logs.count desc'],
        limit: 15,
        listen: LISTEN_COMMON,
        noteText:
          'The 2017 "Top IAM Users" showed IAM users only; people who sign in through IAM Identity Center (AWSReservedSSO roles) ' +
          'are the usual case today and are shown as role/user.',
        noteDisplay: 'hover',
        row: 12, col: 0, width: 18, height: 8,
      }),
      textTile({
        name: 'top_users_operations',
        titleText: 'Top Users',
        bodyText:
          'The most active people, by action. Drill into an actor to see the calls, and look for activity from outside your known ' +
          'networks (Source IP Address) or outside working hours.',
        row: 12, col: 18, width: 6, height: 8,
      }),
      textTile({
        name: 'root_activity_operations',
        titleText: 'Root Activity',
        bodyText:
          'The root user should almost never act. This lists every event of the root identity in the date range, and whether root acted ' +
          'directly (Root Events, the CIS "root account usage" count) or an AWS service acted on its behalf (Invoked By). ' +
          'Widen the Date filter (for example "this year") to review a longer period.',
        row: 20, col: 0, width: 6, height: 8,
      }),
      tile({
        name: 'root_activity',
        title: 'Root Activity',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: [
          'cloudtrail_logs.event_name', 'cloudtrail_logs.invoked_by', 'cloudtrail_logs.source_ip_address',
          'cloudtrail_logs.count', 'cloudtrail_logs.root_event_count',
        ],
        filters: { 'cloudtrail_logs.actor_type': 'Root' },
        sorts: ['cloudtrail_logs.count desc'],
        limit: 15,
        listen: LISTEN_COMMON,
        noteText: 'Root Events counts direct root actions only (not invoked by an AWS service, not service events).',
        noteDisplay: 'hover',
        row: 20, col: 6, width: 18, height: 8,
      }),
    ],
  });
}
