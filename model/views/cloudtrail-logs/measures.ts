/**
 * The counts of `cloudtrail_logs`. Error measures filter on `is_error` or `error_category` only,
 * so "error" means one thing everywhere; console login measures read the sign-in result from
 * responseElements; rates are number measures over the counts.
 */
import type { NamesOfFields } from '../../../generator/vocabulary/view.js';
import type { BaseName, FieldsBuilder } from './base-names.js';
import type { identityFields } from './identity.js';
import type { errorFields } from './errors.js';
import type { consoleLoginFields } from './console-login.js';
import type { networkFields } from './network.js';
import type { classificationFields } from './classification.js';
import type { requestIdentifierFields } from './request-identifiers.js';

export type DimensionName =
  | BaseName
  | NamesOfFields<ReturnType<typeof identityFields>>
  | NamesOfFields<ReturnType<typeof errorFields>>
  | NamesOfFields<ReturnType<typeof consoleLoginFields>>
  | NamesOfFields<ReturnType<typeof networkFields>>
  | NamesOfFields<ReturnType<typeof classificationFields>>
  | NamesOfFields<ReturnType<typeof requestIdentifierFields>>;

/** Drill sets (declared on the view after the measures). */
export const EVENT_DETAIL = ['event_time_time', 'actor', 'actor_type', 'event_name', 'service_name', 'aws_region', 'source_ip_address', 'user_agent_family', 'error_code', 'event_id'] as const satisfies readonly DimensionName[];
export const ERROR_DETAIL = ['event_time_time', 'actor', 'actor_type', 'event_name', 'service_name', 'error_category', 'error_code', 'error_message', 'source_ip_address'] as const satisfies readonly DimensionName[];
export const LOGIN_DETAIL = ['event_time_time', 'actor', 'actor_type', 'source_ip_address', 'console_login_result', 'mfa_used', 'login_failure_reason', 'user_agent'] as const satisfies readonly DimensionName[];

const COUNTS = 'Counts';
const ERRORS = 'Errors';
const DISTINCT = 'Distinct Counts';
const LOGINS = 'Console Logins';
const ACTIVITY = 'Activity';

export function measureFields(v: FieldsBuilder<DimensionName>) {
  const f = v.fields;
  const events = ['event_detail*'];
  const errors = ['error_detail*'];
  const logins = ['login_detail*'];
  return {
    count: v.measure({
      type: 'count', label: 'Events', groupLabel: COUNTS, valueFormatName: 'decimal_0', drillFields: events,
      description: 'Number of CloudTrail events.', alias: ['total_events'],
    }),
    error_count: v.measure({
      type: 'count', label: 'Errors', groupLabel: ERRORS, valueFormatName: 'decimal_0', drillFields: errors,
      filters: { is_error: 'Yes' }, description: 'Events that failed (Is Error: the event has an errorCode).', alias: ['total_errors'],
    }),
    error_rate: v.measure({
      type: 'number', label: 'Error Rate', groupLabel: ERRORS, valueFormatName: 'percent_2', drillFields: errors,
      // The counts are defined in this same step, so they are referenced by name (checked at generate time).
      sql: v.sqlText('CAST(${error_count} AS DOUBLE) / NULLIF(${count}, 0)'),
      description: 'Errors as a share of events.', alias: ['errors_percent_events'],
    }),
    access_denied_count: v.measure({
      type: 'count', label: 'Access Denied Errors', groupLabel: ERRORS, valueFormatName: 'decimal_0', drillFields: errors,
      filters: { error_category: 'Access denied' }, description: 'Errors of category Access denied (AccessDenied*, *UnauthorizedOperation, invalid credentials…).',
      alias: ['count_access_denied_events'],
    }),
    throttled_count: v.measure({
      type: 'count', label: 'Throttled Requests', groupLabel: ERRORS, valueFormatName: 'decimal_0', drillFields: errors,
      filters: { error_category: 'Throttling' }, description: 'Errors of category Throttling (Throttling*, RequestLimitExceeded, TooManyRequests, SlowDown).',
    }),
    not_found_error_count: v.measure({
      type: 'count', label: 'Not Found Errors', groupLabel: ERRORS, valueFormatName: 'decimal_0', drillFields: errors,
      filters: { error_category: 'Not found' }, description: 'Errors of category Not found (*NotFound, NoSuch*): calls on resources that do not exist.',
    }),
    validation_error_count: v.measure({
      type: 'count', label: 'Validation Errors', groupLabel: ERRORS, valueFormatName: 'decimal_0', drillFields: errors,
      filters: { error_category: 'Validation' }, description: 'Errors of category Validation (Validation*, Invalid*, Malformed*).',
    }),
    unauthorized_api_call_count: v.measure({
      type: 'count', label: 'Unauthorized API Calls (CIS)', groupLabel: ERRORS, valueFormatName: 'decimal_0', drillFields: errors,
      filters: { is_error: 'Yes', is_unauthorized_api_call: 'Yes' },
      description: "Errors matching the CIS 'unauthorized API calls' metric filter (*UnauthorizedOperation, AccessDenied*).",
    }),
    erroring_actor_count: v.measure({
      type: 'count_distinct', label: 'Actors with Errors', groupLabel: ERRORS, valueFormatName: 'decimal_0', drillFields: errors,
      sql: v.sql`${f.actor}`, filters: { is_error: 'Yes' }, description: 'Distinct actors that made at least one failing call.',
    }),
    actor_count: v.measure({
      type: 'count_distinct', label: 'Distinct Actors', groupLabel: DISTINCT, valueFormatName: 'decimal_0', drillFields: ['actor', 'actor_type', 'count'],
      sql: v.sql`${f.actor}`, description: 'Distinct actors (users, role sessions, root, services) that made calls.',
      alias: ['count_of_distinct_users', 'count_of_distinct_call_users'],
    }),
    source_ip_count: v.measure({
      type: 'count_distinct', label: 'Distinct Source IPs', groupLabel: DISTINCT, valueFormatName: 'decimal_0', drillFields: ['source_ip_address', 'source_ip_kind', 'count'],
      sql: v.sql`${f.source_ip_address}`, description: 'Distinct source IP addresses (or service names) calls came from.',
    }),
    region_count: v.measure({
      type: 'count_distinct', label: 'Distinct Regions', groupLabel: DISTINCT, valueFormatName: 'decimal_0', drillFields: ['aws_region', 'count'],
      sql: v.sql`${f.aws_region}`, description: 'Distinct AWS Regions with activity.',
    }),
    account_count: v.measure({
      type: 'count_distinct', label: 'Distinct Accounts', groupLabel: DISTINCT, valueFormatName: 'decimal_0', drillFields: ['recipient_account_id', 'count'],
      sql: v.sql`${f.recipient_account_id}`, description: 'Distinct accounts that received events (recipientAccountId).',
    }),
    service_count: v.measure({
      type: 'count_distinct', label: 'Distinct Services', groupLabel: DISTINCT, valueFormatName: 'decimal_0', drillFields: ['service_name', 'count'],
      sql: v.sql`${f.service_name}`, description: 'Distinct AWS services called.',
    }),
    event_name_count: v.measure({
      type: 'count_distinct', label: 'Distinct Event Names', groupLabel: DISTINCT, valueFormatName: 'decimal_0', drillFields: ['service_name', 'event_name', 'count'],
      sql: v.sql`${f.service_event_name}`, description: 'Distinct API actions (service:eventName) called.',
    }),
    access_key_count: v.measure({
      type: 'count_distinct', label: 'Distinct Access Keys', groupLabel: DISTINCT, valueFormatName: 'decimal_0', drillFields: ['access_key_id', 'access_key_kind', 'actor', 'count'],
      sql: v.sql`${f.access_key_id}`, description: 'Distinct access keys that signed calls.',
    }),
    console_login_count: v.measure({
      type: 'count', label: 'Console Logins', groupLabel: LOGINS, valueFormatName: 'decimal_0', drillFields: logins,
      filters: { is_console_login: 'Yes' }, description: 'Console sign-in attempts (ConsoleLogin events), successful or not.', alias: ['total_logins'],
    }),
    console_login_success_count: v.measure({
      type: 'count', label: 'Console Logins Succeeded', groupLabel: LOGINS, valueFormatName: 'decimal_0', drillFields: logins,
      filters: { console_login_result: 'Success' }, description: "Successful console sign-ins (responseElements.ConsoleLogin = 'Success').",
      alias: ['total_successful_logins'],
    }),
    console_login_failure_count: v.measure({
      type: 'count', label: 'Console Logins Failed', groupLabel: LOGINS, valueFormatName: 'decimal_0', drillFields: logins,
      filters: { console_login_result: 'Failure' },
      description: "Failed console sign-ins (responseElements.ConsoleLogin = 'Failure'), the CIS 'console authentication failures' count.",
      alias: ['total_failed_logins'],
    }),
    console_login_failure_rate: v.measure({
      type: 'number', label: 'Console Login Failure Rate', groupLabel: LOGINS, valueFormatName: 'percent_2', drillFields: logins,
      sql: v.sqlText('CAST(${console_login_failure_count} AS DOUBLE) / NULLIF(${console_login_count}, 0)'),
      description: 'Failed console sign-ins as a share of all console sign-in attempts.',
    }),
    console_logins_without_mfa: v.measure({
      type: 'count', label: 'Console Logins without MFA', groupLabel: LOGINS, valueFormatName: 'decimal_0', drillFields: logins,
      filters: { console_login_result: 'Success', mfa_used: 'No', actor_type: 'IAM user,Root' },
      description:
        "Successful console sign-ins of IAM users and root without MFA (CIS 'sign-in without MFA'). Identity Center and federated sign-ins are left out: " +
        "they report MFAUsed 'No' even when the identity provider enforced MFA.",
    }),
    root_event_count: v.measure({
      type: 'count', label: 'Root Events', groupLabel: ACTIVITY, valueFormatName: 'decimal_0', drillFields: events,
      filters: { is_root: 'Yes' }, description: 'Events where the root user acted directly (CIS definition: see Is Root Activity).',
    }),
    write_event_count: v.measure({
      type: 'count', label: 'Write Events', groupLabel: ACTIVITY, valueFormatName: 'decimal_0', drillFields: events,
      filters: { is_write: 'Yes' }, description: "Events of operations that may change something (readOnly = 'false').",
    }),
    read_event_count: v.measure({
      type: 'count', label: 'Read Events', groupLabel: ACTIVITY, valueFormatName: 'decimal_0', drillFields: events,
      filters: { is_read_only: 'Yes' }, description: "Events of read-only operations (readOnly = 'true').",
    }),
    management_event_count: v.measure({
      type: 'count', label: 'Management Events', groupLabel: ACTIVITY, valueFormatName: 'decimal_0', drillFields: events,
      filters: { is_management_event: 'Yes' }, description: 'Control-plane events (eventCategory Management).',
    }),
    data_event_count: v.measure({
      type: 'count', label: 'Data Events', groupLabel: ACTIVITY, valueFormatName: 'decimal_0', drillFields: events,
      filters: { is_data_event: 'Yes' }, description: 'Data-plane events (eventCategory Data), such as S3 object reads and writes.',
    }),
    destructive_event_count: v.measure({
      type: 'count', label: 'Destructive Events', groupLabel: ACTIVITY, valueFormatName: 'decimal_0', drillFields: events,
      filters: { is_destructive: 'Yes' }, description: 'Delete, Terminate, Remove, Detach, Disable, Stop, Revoke… calls (see Is Destructive).',
    }),
    security_group_change_count: v.measure({
      type: 'count', label: 'Security Group Changes', groupLabel: ACTIVITY, valueFormatName: 'decimal_0', drillFields: events,
      filters: { is_security_group_change: 'Yes' }, description: 'Security group create, delete and rule changes (CIS security group changes).',
    }),
    iam_policy_change_count: v.measure({
      type: 'count', label: 'IAM Policy Changes', groupLabel: ACTIVITY, valueFormatName: 'decimal_0', drillFields: events,
      filters: { is_iam_policy_change: 'Yes' }, description: 'IAM policy create, delete, attach, detach and version changes (CIS IAM policy changes).',
    }),
  };
}
