/**
 * CIS AWS Foundations Benchmark, Monitoring section: the CloudWatch Logs metric filters of
 * controls 4.1–4.15 (v1.4–v5.0 numbering; v1.2 numbered them 3.1–3.14, v6.0 renumbers them
 * 5.1–5.15), translated faithfully to Athena SQL over the CloudTrail table:
 * - `"X*"` / `"*X"` wildcards → LIKE 'X%' / LIKE '%X';
 * - `$.userIdentity.invokedBy NOT EXISTS` → invokedby IS NULL;
 * - `$.additionalEventData.MFAUsed`, `$.responseElements.ConsoleLogin` → json_extract_scalar on the
 *   JSON text columns;
 * - event lists → eventName IN (…), with the eventSource clause exactly where CIS has one (4.7,
 *   4.8, 4.9, 4.15; none for 4.4, 4.10–4.14, so an Organizations CreatePolicy also matches 4.4,
 *   as the benchmark's own metric filter does).
 */
import { sql, type Sql } from '../../../../generator/vocabulary/sql.js';
import { inList, jsonScalar, type CoreFields } from './conditions.js';

export interface CisControl {
  /** v1.4–v5.0 number, e.g. '4.3'. */
  readonly id: string;
  /** v1.2 number ('3.3'), when the control existed there. */
  readonly v12?: string;
  /** v6.0 number ('5.3'). */
  readonly v6: string;
  /** Short title, as shown in `cis_control` ('4.3 Root account usage'). */
  readonly title: string;
  /** Dimension name (`cis_4_3_root_account_usage`). */
  readonly name: string;
  /** The metric filter in words. */
  readonly filterText: string;
  /** The metric filter as SQL. */
  readonly condition: (f: CoreFields) => Sql;
}

/** The event lists of the event-name controls, exactly as the benchmark's metric filters list them. */
export const CIS_EVENTS = {
  '4.4': [
    'DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy',
    'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy',
    'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy',
  ],
  '4.5': ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'],
  '4.7': ['DisableKey', 'ScheduleKeyDeletion'],
  '4.8': [
    'PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication',
    'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication',
  ],
  '4.9': ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'],
  '4.10': [
    'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
    'CreateSecurityGroup', 'DeleteSecurityGroup',
  ],
  '4.11': ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'],
  '4.12': ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'],
  '4.13': ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'],
  '4.14': [
    'CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection',
    'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink',
  ],
  '4.15': [
    'AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization',
    'DeleteOrganizationalUnit', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'InviteAccountToOrganization',
    'LeaveOrganization', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit',
  ],
} as const;

type EventControl = keyof typeof CIS_EVENTS;

const eventsText = (id: EventControl) => `eventName is one of ${CIS_EVENTS[id].join(', ')}`;

function eventControl<const N extends string>(
  id: EventControl, v12: string | undefined, title: string, name: N, source?: string,
): CisControl & { readonly name: N } {
  const events = CIS_EVENTS[id];
  return {
    id, ...(v12 ? { v12 } : {}), v6: `5.${id.split('.')[1]}`, title, name,
    filterText: source ? `eventSource = ${source} and ${eventsText(id)}` : `${eventsText(id)} (any event source)`,
    condition: (f) => (source ? sql`${f.event_source} = '${source}' AND ${inList(f.event_name, events)}` : inList(f.event_name, events)),
  };
}

/** The controls in benchmark order (the order `cis_control` tries them in). */
export const CIS_CONTROLS = [
  {
    id: '4.1', v12: '3.1', v6: '5.1', title: 'Unauthorized API calls', name: 'cis_4_1_unauthorized_api_calls',
    filterText:
      "(errorCode is like '*UnauthorizedOperation' or 'AccessDenied*') and sourceIPAddress is not delivery.logs.amazonaws.com " +
      'and eventName is not HeadBucket (the v3.0+ pattern; v1.2 and Security Hub CloudWatch.2 have only the errorCode part)',
    condition: (f) => sql`(${f.error_code} LIKE '%UnauthorizedOperation' OR ${f.error_code} LIKE 'AccessDenied%')
  AND COALESCE(${f.source_ip_address}, '') <> 'delivery.logs.amazonaws.com'
  AND COALESCE(${f.event_name}, '') <> 'HeadBucket'`,
  },
  {
    id: '4.2', v12: '3.2', v6: '5.2', title: 'Console sign-in without MFA', name: 'cis_4_2_console_signin_without_mfa',
    filterText:
      "eventName = ConsoleLogin and additionalEventData.MFAUsed is not 'Yes' (a missing value counts as not Yes), refined as in v3.0+ " +
      "and Security Hub CloudWatch.3: userIdentity.type = IAMUser and responseElements.ConsoleLogin = 'Success' " +
      '(leaves out failed sign-ins and Identity Center / SAML sign-ins, which report MFAUsed No even when the identity provider enforced MFA)',
    condition: (f) => sql`${f.event_name} = 'ConsoleLogin'
  AND COALESCE(${jsonScalar(f.additional_event_data, '$.MFAUsed')}, '') <> 'Yes'
  AND ${f.user_type} = 'IAMUser'
  AND ${jsonScalar(f.response_elements, '$.ConsoleLogin')} = 'Success'`,
  },
  {
    id: '4.3', v12: '3.3', v6: '5.3', title: 'Root account usage', name: 'cis_4_3_root_account_usage',
    filterText: "userIdentity.type = Root and userIdentity.invokedBy does not exist and eventType is not 'AwsServiceEvent'",
    condition: (f) => sql`${f.user_type} = 'Root' AND ${f.invoked_by} IS NULL AND ${f.event_type} <> 'AwsServiceEvent'`,
  },
  eventControl('4.4', '3.4', 'IAM policy changes', 'cis_4_4_iam_policy_changes'),
  eventControl('4.5', '3.5', 'CloudTrail configuration changes', 'cis_4_5_cloudtrail_changes'),
  {
    id: '4.6', v12: '3.6', v6: '5.6', title: 'Console authentication failures', name: 'cis_4_6_console_authentication_failures',
    filterText: "eventName = ConsoleLogin and errorMessage = 'Failed authentication'",
    condition: (f) => sql`${f.event_name} = 'ConsoleLogin' AND ${f.error_message} = 'Failed authentication'`,
  },
  eventControl('4.7', '3.7', 'KMS key disabled or scheduled for deletion', 'cis_4_7_kms_key_disable_or_deletion', 'kms.amazonaws.com'),
  eventControl('4.8', '3.8', 'S3 bucket policy changes', 'cis_4_8_s3_bucket_policy_changes', 's3.amazonaws.com'),
  eventControl('4.9', '3.9', 'AWS Config changes', 'cis_4_9_config_changes', 'config.amazonaws.com'),
  eventControl('4.10', '3.10', 'Security group changes', 'cis_4_10_security_group_changes'),
  eventControl('4.11', '3.11', 'Network ACL changes', 'cis_4_11_nacl_changes'),
  eventControl('4.12', '3.12', 'Network gateway changes', 'cis_4_12_network_gateway_changes'),
  eventControl('4.13', '3.13', 'Route table changes', 'cis_4_13_route_table_changes'),
  eventControl('4.14', '3.14', 'VPC changes', 'cis_4_14_vpc_changes'),
  eventControl('4.15', undefined, 'AWS Organizations changes', 'cis_4_15_organizations_changes', 'organizations.amazonaws.com'),
] as const satisfies readonly CisControl[];

/** The names of the per-control yes/no dimensions. */
export type CisName = (typeof CIS_CONTROLS)[number]['name'];

/** '4.3 Root account usage': the value `cis_control` shows. */
export const cisLabel = (c: CisControl): string => `${c.id} ${c.title}`;

/** 'v1.4–v5.0: 4.3 · v6.0: 5.3 · v1.2: 3.3'. */
export const cisNumbers = (c: CisControl): string =>
  `CIS AWS Foundations v1.4–v5.0 control ${c.id} (v6.0: ${c.v6}${c.v12 ? `; v1.2: ${c.v12}` : '; not in v1.2'})`;

/** The measure counting a control's events. */
export const cisMeasureName = <N extends string>(c: { readonly name: N }): `${N}_count` => `${c.name}_count`;
