/**
 * Who made the call: one `actor` for every identity type, its kind, the CIS definition of root
 * activity, and facts about the credentials (long-term vs temporary keys, MFA, cross-account).
 */
import { actorSqlText, lit } from './sql-text.js';
import type { BaseBuilder } from './base-names.js';

const GROUP = 'Identity';

export function identityFields(v: BaseBuilder) {
  const u = v.fields;
  return {
    actor: v.dimension({
      type: 'string',
      sql: v.sqlText(actorSqlText('${TABLE}')),
      label: 'Actor',
      groupLabel: GROUP,
      description:
        "Who acted, for every identity type: the IAM user name; 'role/session' from the assumed-role ARN " +
        "(an Identity Center user shows as 'AWSReservedSSO_…/jane@example.com'); the session issuer for roles; " +
        "'root'; the AWS service (invokedBy) for service calls; the federated, Identity Center, SAML or web identity user; " +
        "'account <id>' for calls identified only by account.",
      alias: ['user_name_or_role'],
    }),
    actor_type: v.dimension({
      type: 'string',
      sql: v.sql`CASE
  WHEN ${u.user_type} = 'Root' THEN 'Root'
  WHEN ${u.user_type} = 'IAMUser' THEN 'IAM user'
  WHEN ${u.user_type} = 'AssumedRole' AND starts_with(${u.session_issuer_user_name}, 'AWSReservedSSO_') THEN 'Identity Center user'
  WHEN ${u.user_type} = 'AssumedRole' AND starts_with(${u.session_issuer_user_name}, 'AWSServiceRoleFor') THEN 'AWS service-linked role'
  WHEN ${u.user_type} IN ('AssumedRole', 'Role') THEN 'Assumed role'
  WHEN ${u.user_type} = 'IdentityCenterUser' THEN 'Identity Center user'
  WHEN ${u.user_type} IN ('FederatedUser', 'SAMLUser', 'WebIdentityUser') THEN 'Federated user'
  WHEN ${u.user_type} = 'AWSService' THEN 'AWS service'
  WHEN ${u.user_type} = 'AWSAccount' THEN 'Other AWS account'
  WHEN ${u.user_type} IS NULL THEN 'Unknown'
  ELSE ${u.user_type}
END`,
      label: 'Actor Type',
      groupLabel: GROUP,
      description:
        "Kind of actor: Root, IAM user, Identity Center user (AWSReservedSSO_ roles or IdentityCenterUser), Assumed role, " +
        'AWS service-linked role, Federated user (federation, SAML, web identity), AWS service, Other AWS account, or the raw identity type.',
    }),
    is_root: v.dimension({
      type: 'yesno',
      sql: v.sql`${u.user_type} = 'Root' AND ${u.invoked_by} IS NULL AND ${u.event_type} <> 'AwsServiceEvent'`,
      label: 'Is Root Activity',
      groupLabel: GROUP,
      description:
        "CIS AWS Foundations 'root account usage': the root user acted directly (identity type Root, not invoked by an AWS service, not a service event).",
    }),
    role_session_name: v.dimension({
      type: 'string',
      sql: v.sql`CASE WHEN ${u.user_type} = 'AssumedRole' THEN NULLIF(regexp_extract(${u.user_arn}, ${lit('assumed-role/[^/]+/(.+)$')}, 1), '') END`,
      label: 'Role Session Name',
      groupLabel: GROUP,
      description: 'Session name of an assumed-role call, from its ARN: often a person (Identity Center e-mail), an instance ID or a function name.',
    }),
    assumed_role_name: v.dimension({
      type: 'string',
      sql: v.sql`CASE WHEN ${u.user_type} = 'AssumedRole' THEN COALESCE(${u.session_issuer_user_name}, NULLIF(regexp_extract(${u.user_arn}, ${lit('assumed-role/([^/]+)/')}, 1), '')) END`,
      label: 'Assumed Role Name',
      groupLabel: GROUP,
      description: 'Name of the IAM role whose temporary credentials made an assumed-role call.',
    }),
    access_key_kind: v.dimension({
      type: 'string',
      sql: v.sql`CASE
  WHEN ${u.access_key_id} IS NULL OR ${u.access_key_id} = '' THEN 'None'
  WHEN starts_with(${u.access_key_id}, 'AKIA') THEN 'Long-term (AKIA)'
  WHEN starts_with(${u.access_key_id}, 'ASIA') THEN 'Temporary (ASIA)'
  ELSE 'Other'
END`,
      label: 'Access Key Kind',
      groupLabel: GROUP,
      description: 'Long-term IAM user access key (AKIA…), temporary STS credentials (ASIA…), none, or other.',
    }),
    is_long_term_key: v.dimension({
      type: 'yesno',
      sql: v.sql`starts_with(${u.access_key_id}, 'AKIA')`,
      label: 'Used Long-term Access Key',
      groupLabel: GROUP,
      description: 'The call was signed with a long-term IAM user access key (AKIA…), the kind that leaks.',
    }),
    is_mfa_session: v.dimension({
      type: 'yesno',
      sql: v.sql`${u.session_mfa_authenticated} = 'true'`,
      label: 'Session Used MFA',
      groupLabel: GROUP,
      description: "The temporary credentials were issued after MFA (sessionContext.attributes.mfaAuthenticated = 'true').",
    }),
    is_invoked_by_service: v.dimension({
      type: 'yesno',
      sql: v.sql`${u.invoked_by} IS NOT NULL`,
      label: 'Invoked by AWS Service',
      groupLabel: GROUP,
      description: 'An AWS service made the call on the principal\'s behalf (userIdentity.invokedBy is set).',
    }),
    is_cross_account: v.dimension({
      type: 'yesno',
      sql: v.sql`${u.user_account_id} <> ${u.recipient_account_id}`,
      label: 'Is Cross-account',
      groupLabel: GROUP,
      description: 'The caller belongs to another account than the one that received the event.',
    }),
    is_console_session: v.dimension({
      type: 'yesno',
      sql: v.sql`${u.session_credential_from_console} = 'true' OR ${u.event_type} IN ('AwsConsoleAction', 'AwsConsoleSignIn')`,
      label: 'From Console Session',
      groupLabel: GROUP,
      description: 'The request came from an AWS Management Console session (console credentials, console action or sign-in).',
    }),
  };
}
