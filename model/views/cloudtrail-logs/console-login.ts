/**
 * Console sign-in: the result from responseElements.ConsoleLogin (fixes the 2017 block, which
 * called a failure "errorCode = AccessDenied" and so missed most of them), MFA, failure reason.
 */
import { consoleLoginResultSqlText, mfaUsedSqlText } from './sql-text.js';
import type { BaseBuilder } from './base-names.js';

const GROUP = 'Console Login';

export function consoleLoginFields(v: BaseBuilder) {
  const f = v.fields;
  return {
    is_console_login: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.event_name} = 'ConsoleLogin'`,
      label: 'Is Console Login',
      groupLabel: GROUP,
      description: 'The event is a console sign-in attempt (eventName ConsoleLogin), successful or not.',
    }),
    console_login_result: v.dimension({
      type: 'string',
      sql: v.sqlText(consoleLoginResultSqlText('${event_name}', '${response_elements}')),
      label: 'Console Login Result',
      groupLabel: GROUP,
      description: "Outcome of a console sign-in, 'Success' or 'Failure' (responseElements.ConsoleLogin). Empty for other events.",
      alias: ['login_status'],
    }),
    mfa_used: v.dimension({
      type: 'string',
      sql: v.sqlText(mfaUsedSqlText('${additional_event_data}')),
      label: 'Console Login MFA Used',
      groupLabel: GROUP,
      description:
        "'Yes' or 'No': whether the console sign-in used MFA (additionalEventData.MFAUsed). Identity Center and SAML sign-ins report 'No' " +
        'even when the identity provider enforced MFA; filter Actor Type to IAM user / Root for the CIS check.',
    }),
    login_failure_reason: v.dimension({
      type: 'string',
      sql: v.sql`CASE WHEN ${f.event_name} = 'ConsoleLogin' AND json_extract_scalar(${f.response_elements}, '$.ConsoleLogin') = 'Failure' THEN COALESCE(${f.error_message}, 'Unknown') END`,
      label: 'Login Failure Reason',
      groupLabel: GROUP,
      description: "Why a console sign-in failed: the errorMessage of the failed ConsoleLogin (for example 'Failed authentication').",
    }),
    login_to: v.dimension({
      type: 'string',
      sql: v.sql`json_extract_scalar(${f.additional_event_data}, '$.LoginTo')`,
      label: 'Login Destination URL',
      groupLabel: GROUP,
      description: 'Console URL the user signed in to (additionalEventData.LoginTo).',
    }),
    is_mobile_login: v.dimension({
      type: 'yesno',
      sql: v.sql`json_extract_scalar(${f.additional_event_data}, '$.MobileVersion') = 'Yes'`,
      label: 'Is Mobile Console Login',
      groupLabel: GROUP,
      description: 'The sign-in came from the AWS Console Mobile Application (additionalEventData.MobileVersion).',
    }),
  };
}
