/**
 * What kind of event: read or write, management or data, which service, which verb, and the
 * CIS AWS Foundations monitoring controls (metric filters) an event falls under.
 */
import type { Dimension } from '../../../generator/vocabulary/fields.js';
import { litList, lit } from './sql-text.js';
import type { BaseBuilder } from './base-names.js';

const GROUP = 'Event Classification';
const CIS_GROUP = 'CIS Monitoring';

/** CIS AWS Foundations Benchmark monitoring controls (v1.4–v5.0 numbering; v6.0 renumbers them 5.x). */
export const CIS_EVENT_CONTROLS = [
  {
    name: 'is_iam_policy_change', control: '4.4 IAM policy changes', label: 'Is IAM Policy Change',
    events: ['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy'],
  },
  { name: 'is_cloudtrail_change', control: '4.5 CloudTrail configuration changes', label: 'Is CloudTrail Configuration Change', source: 'cloudtrail.amazonaws.com', events: ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'] },
  { name: 'is_kms_key_disable', control: '4.7 Disabling or deleting KMS keys', label: 'Is KMS Key Disable or Deletion', source: 'kms.amazonaws.com', events: ['DisableKey', 'ScheduleKeyDeletion'] },
  {
    name: 'is_s3_bucket_policy_change', control: '4.8 S3 bucket policy changes', label: 'Is S3 Bucket Policy Change', source: 's3.amazonaws.com',
    events: ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication'],
  },
  { name: 'is_config_change', control: '4.9 AWS Config changes', label: 'Is AWS Config Change', source: 'config.amazonaws.com', events: ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder'] },
  {
    name: 'is_security_group_change', control: '4.10 Security group changes', label: 'Is Security Group Change',
    events: ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup', 'ModifySecurityGroupRules'],
  },
  { name: 'is_nacl_change', control: '4.11 Network ACL changes', label: 'Is Network ACL Change', events: ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation'] },
  { name: 'is_network_gateway_change', control: '4.12 Network gateway changes', label: 'Is Network Gateway Change', events: ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway'] },
  { name: 'is_route_table_change', control: '4.13 Route table changes', label: 'Is Route Table Change', events: ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable'] },
  {
    name: 'is_vpc_change', control: '4.14 VPC changes', label: 'Is VPC Change',
    events: ['CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink'],
  },
  {
    name: 'is_organizations_change', control: '4.15 AWS Organizations changes', label: 'Is AWS Organizations Change', source: 'organizations.amazonaws.com',
    events: ['AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit'],
  },
] as const satisfies readonly { name: string; control: string; label: string; source?: string; events: readonly string[] }[];

type CisName = (typeof CIS_EVENT_CONTROLS)[number]['name'];

/** `eventname IN (…)` (and the event source, where CIS names it), over `${event_name}` / `${event_source}`. */
function cisConditionText(c: (typeof CIS_EVENT_CONTROLS)[number]): string {
  const names = `\${event_name} IN (${litList(c.events)})`;
  return 'source' in c ? `\${event_source} = ${lit(c.source)} AND ${names}` : names;
}

export function classificationFields(v: BaseBuilder) {
  const f = v.fields;
  const cis = Object.fromEntries(
    CIS_EVENT_CONTROLS.map((c) => [
      c.name,
      v.dimension({
        type: 'yesno',
        sql: v.sqlText(cisConditionText(c)),
        label: c.label,
        groupLabel: CIS_GROUP,
        description: `CIS AWS Foundations monitoring control ${c.control}: eventName is one of ${c.events.join(', ')}${'source' in c ? ` (eventSource ${c.source})` : ''}.`,
      }),
    ]),
  ) as Record<CisName, Dimension>;
  const cisWhens = CIS_EVENT_CONTROLS.map((c) => `  WHEN ${cisConditionText(c)} THEN ${lit(c.control)}`).join('\n');

  return {
    access_type: v.dimension({
      type: 'string',
      sql: v.sql`CASE ${f.read_only_text} WHEN 'true' THEN 'Read' WHEN 'false' THEN 'Write' ELSE 'Unknown' END`,
      label: 'Access Type',
      groupLabel: GROUP,
      description: "Read or Write, from the readOnly flag (text 'true'/'false'); Unknown when the event has none (most service events, sign-ins).",
    }),
    is_read_only: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.read_only_text} = 'true'`,
      label: 'Is Read-only',
      groupLabel: GROUP,
      description: "The operation only reads (readOnly = 'true').",
      alias: ['readonly_yesno'],
    }),
    is_write: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.read_only_text} = 'false'`,
      label: 'Is Write',
      groupLabel: GROUP,
      description: "The operation may change something (readOnly = 'false'). Events without a readOnly flag are neither read nor write.",
    }),
    is_management_event: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.event_category} = 'Management'`,
      label: 'Is Management Event',
      groupLabel: GROUP,
      description: 'Control-plane operation (eventCategory Management).',
    }),
    is_data_event: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.event_category} = 'Data'`,
      label: 'Is Data Event',
      groupLabel: GROUP,
      description: 'Data-plane operation on a resource, such as S3 GetObject or Lambda Invoke (eventCategory Data).',
    }),
    is_network_activity_event: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.event_category} = 'NetworkActivity'`,
      label: 'Is Network Activity Event',
      groupLabel: GROUP,
      description: 'VPC endpoint network activity event (eventCategory NetworkActivity).',
    }),
    service_name: v.dimension({
      type: 'string',
      sql: v.sql`split_part(${f.event_source}, '.', 1)`,
      label: 'Service',
      groupLabel: GROUP,
      description: 'Short service name: the event source before its first dot (iam for iam.amazonaws.com).',
    }),
    event_verb: v.dimension({
      type: 'string',
      sql: v.sql`NULLIF(regexp_extract(${f.event_name}, '^([A-Z][a-z]+)', 1), '')`,
      label: 'Event Verb',
      groupLabel: GROUP,
      description: 'First word of the event name: Get, List, Describe, Create, Delete, Put, Update, Attach…',
    }),
    service_event_name: v.dimension({
      type: 'string',
      sql: v.sql`concat(split_part(${f.event_source}, '.', 1), ':', ${f.event_name})`,
      label: 'Service Action',
      groupLabel: GROUP,
      description: 'Service and event name in IAM action form, for example iam:CreateUser (the same event name exists in several services).',
    }),
    is_destructive: v.dimension({
      type: 'yesno',
      sql: v.sql`regexp_like(${f.event_name}, '^(Delete|Terminate|Remove|Detach|Disable|Stop|Revoke|Deregister|Purge|Cancel|Disassociate)')`,
      label: 'Is Destructive',
      groupLabel: GROUP,
      description: 'The event name starts with Delete, Terminate, Remove, Detach, Disable, Stop, Revoke, Deregister, Purge, Cancel or Disassociate.',
    }),
    is_service_event: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.event_type} = 'AwsServiceEvent'`,
      label: 'Is Service Event',
      groupLabel: GROUP,
      description: 'Event generated by an AWS service itself, not by a request (eventType AwsServiceEvent).',
    }),
    is_delayed_delivery: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.addendum_reason} IS NOT NULL`,
      label: 'Is Late or Updated Delivery',
      groupLabel: GROUP,
      description: 'CloudTrail delivered the event late or with updated data (the addendum is present).',
    }),
    ...cis,
    cis_monitoring_control: v.dimension({
      type: 'string',
      sql: v.sqlText(`CASE\n${cisWhens}\nEND`),
      label: 'CIS Monitoring Control',
      groupLabel: CIS_GROUP,
      description:
        'The CIS AWS Foundations monitoring control (v1.4–v5.0 numbering; 5.x in v6.0) whose event list contains this event: IAM policy, CloudTrail, KMS, S3 bucket policy, ' +
        'Config, security group, network ACL, gateway, route table, VPC or Organizations changes. Root use (4.3), console sign-in without MFA (4.2), ' +
        'console authentication failures (4.6) and unauthorized API calls (4.1) are the Is Root Activity, Console Login and Is Unauthorized API Call fields.',
    }),
  };
}
