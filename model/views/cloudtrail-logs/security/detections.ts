/**
 * Common CloudTrail detections (after SigmaHQ, Elastic detection-rules and Panther), one yes/no
 * condition per event. A detection fires on the attempt, whether or not it succeeded, unless its
 * description says otherwise: a denied StopLogging is as telling as a successful one (the Error
 * Code column says which). Detections that need aggregation over many events (secrets read in
 * bulk, console brute force) are measure tiles with a HAVING filter on the Detections dashboard,
 * see AGGREGATE_DETECTIONS.
 */
import { sql, type Sql } from '../../../../generator/vocabulary/sql.js';
import { lit, litList } from '../sql-text.js';
import { inList, jsonScalar, matches, type CoreFields } from './conditions.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s) + 1;

export interface Detection {
  /** Dimension name (`detect_<id>`). */
  readonly name: string;
  /** Display name, the value of `detection_name`. */
  readonly title: string;
  readonly severity: Severity;
  /** What it means and the logic in words. */
  readonly description: string;
  /** Where the rule comes from. */
  readonly source: string;
  readonly condition: (f: CoreFields) => Sql;
}

/** What the detections need from the block options. */
export interface DetectionSettings {
  /** Regions where API calls are expected; empty: the unusual-region detection flags nothing. */
  readonly allowedRegions: readonly string[];
  /** The trail's own bucket (from the `bucket` option), for the CloudTrail bucket detection. */
  readonly trailBucket: string | undefined;
}

/** `<caller> is not <target>`: the target user name differs from the caller's user name and from the last part of its ARN. */
function notTheCaller(f: CoreFields, target: Sql): Sql {
  return sql`${target} IS NOT NULL
  AND ${target} <> COALESCE(${f.user_name}, '')
  AND ${target} <> COALESCE(NULLIF(regexp_extract(${f.user_arn}, '/([^/]+)$', 1), ''), '')`;
}

const ADMIN_POLICY = 'arn:aws%:iam::aws:policy/AdministratorAccess';
/** A CIDR of prefix length 0 (0.0.0.0/0, ::/0, or any address /0) in a security group rule of the request. */
const WORLD_CIDR = String.raw`(?i)"cidr(ip|ipv4|ipv6)"\s*:\s*"[0-9a-f.:]+/0"`;
/** A bucket policy statement for everyone: "Principal": "*" or {"AWS": "*"} (or ["*"]). */
const PUBLIC_PRINCIPAL = String.raw`"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*(\[\s*)?"\*")`;
/** A grant to every AWS user or every authenticated AWS user, or a canned ACL that makes one. */
const PUBLIC_ACL = String.raw`acs\.amazonaws\.com/groups/global/(AllUsers|AuthenticatedUsers)|"x-amz-acl"\s*:\s*\[?\s*"(public-read|public-read-write|authenticated-read)"`;
/** The first account named as an AWS principal in a bucket policy. */
const PRINCIPAL_ACCOUNT = String.raw`"AWS"\s*:\s*\[?\s*"(arn:aws[a-z-]*:iam::)?([0-9]{12})`;
/** Any of the four S3 Block Public Access settings switched off. */
const BPA_OFF = String.raw`"(BlockPublicAcls|IgnorePublicAcls|BlockPublicPolicy|RestrictPublicBuckets)"\s*:\s*"?false`;

/** The bucket name of an `s3://bucket/prefix` location (undefined for the placeholder default). */
export function bucketNameOf(location: string): string | undefined {
  const m = /^s3:\/\/([^/]+)/.exec(location);
  return m && !m[1]!.startsWith('CHANGE-ME') ? m[1] : undefined;
}

export function detections(s: DetectionSettings) {
  const list = [
    {
      name: 'detect_cloudtrail_logging_stopped', title: 'CloudTrail logging stopped or trail deleted', severity: 'critical',
      source: 'Sigma "AWS CloudTrail Important Change"; Elastic; Panther AWS.CloudTrail.Stopped; CIS 4.5',
      description: 'StopLogging or DeleteTrail (eventSource cloudtrail.amazonaws.com): the trail stops recording, a classic first step of defense evasion.',
      condition: (f) => sql`${f.event_source} = 'cloudtrail.amazonaws.com' AND ${inList(f.event_name, ['StopLogging', 'DeleteTrail'])}`,
    },
    {
      name: 'detect_cloudtrail_trail_modified', title: 'CloudTrail trail or event selectors modified', severity: 'medium',
      source: 'Sigma "AWS CloudTrail Important Change"; Elastic (PutEventSelectors)',
      description: 'UpdateTrail, PutEventSelectors or PutInsightSelectors (cloudtrail.amazonaws.com): what the trail records, or where it delivers, changed; event selectors can switch management events off.',
      condition: (f) => sql`${f.event_source} = 'cloudtrail.amazonaws.com' AND ${inList(f.event_name, ['UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors'])}`,
    },
    {
      name: 'detect_guardduty_disabled', title: 'GuardDuty detector deleted or disabled', severity: 'critical',
      source: 'Sigma; Elastic "AWS GuardDuty Detector Deletion"',
      description: "guardduty.amazonaws.com DeleteDetector, or UpdateDetector with requestParameters.enable = false: threat detection is switched off.",
      condition: (f) => sql`${f.event_source} = 'guardduty.amazonaws.com'
  AND (${f.event_name} = 'DeleteDetector' OR (${f.event_name} = 'UpdateDetector' AND ${jsonScalar(f.request_parameters, '$.enable')} = 'false'))`,
    },
    {
      name: 'detect_admin_policy_attached', title: 'AdministratorAccess policy attached', severity: 'critical',
      source: 'Sigma (critical); Elastic "AWS IAM AdministratorAccess Policy Attached"',
      description: 'AttachUserPolicy, AttachRolePolicy or AttachGroupPolicy with requestParameters.policyArn = arn:aws:iam::aws:policy/AdministratorAccess (any partition): full administrator rights granted.',
      condition: (f) => sql`${f.event_source} = 'iam.amazonaws.com'
  AND ${inList(f.event_name, ['AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy'])}
  AND ${jsonScalar(f.request_parameters, '$.policyArn')} LIKE ${lit(ADMIN_POLICY)}`,
    },
    {
      name: 'detect_s3_bucket_made_public', title: 'S3 bucket made public', severity: 'critical',
      source: 'Elastic "AWS S3 Bucket Policy Added to Share with External Account" / public ACL rules; Sigma',
      description:
        'PutBucketPolicy whose policy has a statement for "Principal": "*" (or {"AWS": "*"}), or PutBucketAcl granting the AllUsers / AuthenticatedUsers groups ' +
        'or setting the canned ACL public-read, public-read-write or authenticated-read (text of requestParameters). A policy limited by conditions (for example aws:PrincipalOrgID) also matches: check the drill.',
      condition: (f) => sql`${f.event_source} = 's3.amazonaws.com'
  AND ((${f.event_name} = 'PutBucketPolicy' AND ${matches(f.request_parameters, PUBLIC_PRINCIPAL)})
    OR (${f.event_name} = 'PutBucketAcl' AND ${matches(f.request_parameters, PUBLIC_ACL)}))`,
    },
    {
      name: 'detect_s3_public_access_block_removed', title: 'S3 Block Public Access removed', severity: 'high',
      source: 'Elastic "AWS S3 Bucket Public Access Block Disabled"',
      description:
        'DeleteBucketPublicAccessBlock or DeletePublicAccessBlock, or PutBucketPublicAccessBlock / PutAccountPublicAccessBlock setting one of BlockPublicAcls, IgnorePublicAcls, ' +
        'BlockPublicPolicy, RestrictPublicBuckets to false: the guard rail against public buckets is lowered.',
      condition: (f) => sql`(${inList(f.event_name, ['DeleteBucketPublicAccessBlock', 'DeletePublicAccessBlock'])}
  OR (${inList(f.event_name, ['PutBucketPublicAccessBlock', 'PutAccountPublicAccessBlock'])} AND ${matches(f.request_parameters, BPA_OFF)}))`,
    },
    {
      name: 'detect_s3_bucket_shared_cross_account', title: 'S3 bucket policy grants another account', severity: 'high',
      source: 'Elastic "AWS S3 Bucket Policy Added to Share with External Account"; Stratus Red Team s3-backdoor-bucket-policy',
      description:
        'PutBucketPolicy whose first AWS principal (an account ID or an IAM ARN) belongs to another account than the one that received the event (recipientAccountId): data shared outside the account.',
      condition: (f) => sql`${f.event_name} = 'PutBucketPolicy'
  AND NULLIF(regexp_extract(${f.request_parameters}, ${lit(PRINCIPAL_ACCOUNT)}, 2), '') <> COALESCE(${f.recipient_account_id}, '')`,
    },
    {
      name: 'detect_cloudtrail_bucket_policy_changed', title: 'CloudTrail log bucket policy changed', severity: 'high',
      source: 'CIS 4.8 narrowed to the trail bucket; Elastic',
      description:
        `PutBucketPolicy, DeleteBucketPolicy, PutBucketAcl or PutBucketLifecycle on the trail's own bucket${s.trailBucket ? ` (${s.trailBucket}, from the bucket option)` : ' (set the bucket option to name it)'} ` +
        "or on a bucket whose name contains 'cloudtrail': someone may be cutting off or deleting the logs.",
      condition: (f) => {
        const named = s.trailBucket ? sql`${f.bucket_name} = ${lit(s.trailBucket)} OR ` : sql``;
        return sql`${f.event_source} = 's3.amazonaws.com'
  AND ${inList(f.event_name, ['PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutBucketLifecycle'])}
  AND (${named}${matches(f.bucket_name, '(?i)cloudtrail')})`;
      },
    },
    {
      name: 'detect_access_key_for_other_user', title: 'Access key created for another user', severity: 'high',
      source: 'Sigma "AWS IAM Backdoor Users Keys"; Panther; Elastic',
      description:
        'CreateAccessKey with requestParameters.userName set and different from the caller (its userIdentity.userName and the last part of its ARN): a backdoor key for someone else.',
      condition: (f) => sql`${f.event_name} = 'CreateAccessKey' AND ${notTheCaller(f, jsonScalar(f.request_parameters, '$.userName'))}`,
    },
    {
      name: 'detect_login_profile_for_other_user', title: 'Console password set for another user', severity: 'high',
      source: 'Sigma "AWS User Login Profile Was Modified"; Elastic',
      description:
        'CreateLoginProfile or UpdateLoginProfile with requestParameters.userName different from the caller: console access created or taken over for someone else.',
      condition: (f) => sql`${inList(f.event_name, ['CreateLoginProfile', 'UpdateLoginProfile'])} AND ${notTheCaller(f, jsonScalar(f.request_parameters, '$.userName'))}`,
    },
    {
      name: 'detect_root_console_login', title: 'Root console sign-in', severity: 'high',
      source: 'Elastic "AWS Management Console Root Login"; Panther AWS.Console.RootLogin',
      description: "A successful ConsoleLogin by the root user (userIdentity.type Root, responseElements.ConsoleLogin = 'Success').",
      condition: (f) => sql`${f.event_name} = 'ConsoleLogin' AND ${f.user_type} = 'Root' AND ${jsonScalar(f.response_elements, '$.ConsoleLogin')} = 'Success'`,
    },
    {
      name: 'detect_kms_key_disabled_or_deleted', title: 'KMS key disabled or scheduled for deletion', severity: 'high',
      source: 'Elastic; CIS 4.7',
      description: 'kms.amazonaws.com DisableKey or ScheduleKeyDeletion: data encrypted under the key becomes unreadable (destruction or ransom).',
      condition: (f) => sql`${f.event_source} = 'kms.amazonaws.com' AND ${inList(f.event_name, ['DisableKey', 'ScheduleKeyDeletion'])}`,
    },
    {
      name: 'detect_config_recorder_stopped', title: 'AWS Config recording stopped', severity: 'high',
      source: 'Sigma; Elastic; CIS 4.9',
      description: 'config.amazonaws.com StopConfigurationRecorder, DeleteConfigurationRecorder or DeleteDeliveryChannel: configuration history stops.',
      condition: (f) => sql`${f.event_source} = 'config.amazonaws.com' AND ${inList(f.event_name, ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel'])}`,
    },
    {
      name: 'detect_vpc_flow_logs_deleted', title: 'VPC flow logs deleted', severity: 'high',
      source: 'Sigma; Elastic "AWS EC2 VPC Flow Logs Deletion"',
      description: 'DeleteFlowLogs: network evidence stops being recorded.',
      condition: (f) => sql`${f.event_name} = 'DeleteFlowLogs'`,
    },
    {
      name: 'detect_security_group_open_to_world', title: 'Security group opened to the internet', severity: 'high',
      source: 'Sigma; Elastic; CIS 4.10 narrowed',
      description:
        'AuthorizeSecurityGroupIngress, AuthorizeSecurityGroupEgress or ModifySecurityGroupRules whose request carries a CIDR of prefix length 0 ' +
        '(0.0.0.0/0, ::/0, or any address /0): a rule open to every address.',
      condition: (f) => sql`${inList(f.event_name, ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'ModifySecurityGroupRules'])}
  AND ${matches(f.request_parameters, WORLD_CIDR)}`,
    },
    {
      name: 'detect_ec2_user_data_modified', title: 'EC2 instance user data modified', severity: 'high',
      source: 'Sigma "AWS EC2 Startup Shell Script Change"; Elastic',
      description: 'ModifyInstanceAttribute whose request names userData (the userData value, or attribute = userData): code that runs at the next boot was changed.',
      condition: (f) => sql`${f.event_name} = 'ModifyInstanceAttribute' AND strpos(${f.request_parameters}, '"userData"') > 0`,
    },
    {
      name: 'detect_snapshot_or_image_shared', title: 'Snapshot or AMI shared', severity: 'high',
      source: 'Sigma; Elastic "AWS EC2 EBS Snapshot Shared or Made Public", RDS snapshot shared',
      description:
        'ModifySnapshotAttribute adding a createVolumePermission, ModifyImageAttribute adding a launchPermission, or ModifyDBSnapshotAttribute / ModifyDBClusterSnapshotAttribute ' +
        'with a non-empty valuesToAdd: a disk, image or database copy can be restored by another account (or everyone, group all).',
      condition: (f) => sql`(${f.event_name} = 'ModifySnapshotAttribute' AND COALESCE(${jsonScalar(f.request_parameters, '$.createVolumePermission.add.items[0].userId')}, ${jsonScalar(f.request_parameters, '$.createVolumePermission.add.items[0].group')}) IS NOT NULL)
  OR (${f.event_name} = 'ModifyImageAttribute' AND COALESCE(${jsonScalar(f.request_parameters, '$.launchPermission.add.items[0].userId')}, ${jsonScalar(f.request_parameters, '$.launchPermission.add.items[0].group')}) IS NOT NULL)
  OR (${inList(f.event_name, ['ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute'])} AND ${jsonScalar(f.request_parameters, '$.valuesToAdd[0]')} IS NOT NULL)`,
    },
    {
      name: 'detect_leave_organization', title: 'Account left the organization', severity: 'high',
      source: 'Elastic "AWS Organizations Account Leaves Organization"; CIS 4.15',
      description: 'organizations.amazonaws.com LeaveOrganization: the account escapes the organization\'s SCPs and central logging.',
      condition: (f) => sql`${f.event_source} = 'organizations.amazonaws.com' AND ${f.event_name} = 'LeaveOrganization'`,
    },
    {
      name: 'detect_console_login_without_mfa', title: 'Console sign-in without MFA', severity: 'medium',
      source: 'Sigma; Elastic; Panther AWS.Console.LoginWithoutMFA; CIS 4.2',
      description:
        "A successful ConsoleLogin by an IAM user or the root user with additionalEventData.MFAUsed not 'Yes'. Unlike CIS 4.2 it includes root; like it, it leaves out Identity Center and SAML sign-ins.",
      condition: (f) => sql`${f.event_name} = 'ConsoleLogin'
  AND ${inList(f.user_type, ['IAMUser', 'Root'])}
  AND ${jsonScalar(f.response_elements, '$.ConsoleLogin')} = 'Success'
  AND COALESCE(${jsonScalar(f.additional_event_data, '$.MFAUsed')}, '') <> 'Yes'`,
    },
    {
      name: 'detect_mfa_device_deactivated', title: 'MFA device deactivated or deleted', severity: 'medium',
      source: 'Elastic "AWS IAM Deactivation of MFA Device"',
      description: 'iam.amazonaws.com DeactivateMFADevice or DeleteVirtualMFADevice: a second factor was removed.',
      condition: (f) => sql`${f.event_source} = 'iam.amazonaws.com' AND ${inList(f.event_name, ['DeactivateMFADevice', 'DeleteVirtualMFADevice'])}`,
    },
    {
      name: 'detect_role_trust_policy_updated', title: 'Role trust policy updated', severity: 'medium',
      source: 'Elastic "AWS IAM Assume Role Policy Update"',
      description: 'UpdateAssumeRolePolicy: who may assume the role changed (a backdoor to the role when the new principal is foreign).',
      condition: (f) => sql`${f.event_name} = 'UpdateAssumeRolePolicy'`,
    },
    {
      name: 'detect_cloudwatch_logs_deleted', title: 'CloudWatch log group, stream or alarm deleted', severity: 'medium',
      source: 'Elastic "AWS CloudWatch Log Group Deletion" / "Alarm Deletion"',
      description: 'logs.amazonaws.com DeleteLogGroup or DeleteLogStream, or monitoring.amazonaws.com DeleteAlarms: evidence or alerting removed.',
      condition: (f) => sql`(${f.event_source} = 'logs.amazonaws.com' AND ${inList(f.event_name, ['DeleteLogGroup', 'DeleteLogStream'])})
  OR (${f.event_source} = 'monitoring.amazonaws.com' AND ${f.event_name} = 'DeleteAlarms')`,
    },
    {
      name: 'detect_ebs_default_encryption_disabled', title: 'EBS default encryption disabled', severity: 'medium',
      source: 'Sigma; Elastic',
      description: 'DisableEbsEncryptionByDefault: new volumes in the region are no longer encrypted.',
      condition: (f) => sql`${f.event_name} = 'DisableEbsEncryptionByDefault'`,
    },
    {
      name: 'detect_unusual_region', title: 'API call in an unexpected region', severity: 'medium',
      source: 'Common practice (region allow list)',
      description:
        s.allowedRegions.length > 0
          ? `An event whose awsRegion is not one of the expected regions (${s.allowedRegions.join(', ')}, from the detections.allowedRegions option).`
          : 'An event whose awsRegion is outside the expected regions. No allow list is configured (detections.allowedRegions option), so this detection flags nothing.',
      condition: (f) => (s.allowedRegions.length > 0 ? sql`${f.aws_region} NOT IN (${litList(s.allowedRegions)})` : sql`FALSE`),
    },
    {
      name: 'detect_iam_user_created', title: 'IAM user created', severity: 'low',
      source: 'Sigma; Panther; Stratus Red Team iam-create-admin-user',
      description: 'iam.amazonaws.com CreateUser: a new long-lived identity (often followed by an access key or a console password).',
      condition: (f) => sql`${f.event_source} = 'iam.amazonaws.com' AND ${f.event_name} = 'CreateUser'`,
    },
    {
      name: 'detect_user_added_to_group', title: 'User added to a group', severity: 'low',
      source: 'Elastic "AWS IAM User Addition to Group"',
      description: 'iam.amazonaws.com AddUserToGroup: the user gains the permissions of the group.',
      condition: (f) => sql`${f.event_source} = 'iam.amazonaws.com' AND ${f.event_name} = 'AddUserToGroup'`,
    },
    {
      name: 'detect_network_acl_or_route_change', title: 'Network ACL or route changed', severity: 'low',
      source: 'CIS 4.11 and 4.13; Elastic "AWS EC2 Network Access Control List Creation/Deletion", "Route Table Modified"',
      description:
        'A network ACL entry or association, or a route or route table association, was created, replaced or deleted (CreateNetworkAclEntry, ReplaceNetworkAclEntry, ' +
        'DeleteNetworkAcl, DeleteNetworkAclEntry, ReplaceNetworkAclAssociation, CreateRoute, ReplaceRoute, DeleteRoute, ReplaceRouteTableAssociation, DisassociateRouteTable): traffic may be let in or diverted.',
      condition: (f) => inList(f.event_name, [
        'CreateNetworkAclEntry', 'ReplaceNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclAssociation',
        'CreateRoute', 'ReplaceRoute', 'DeleteRoute', 'ReplaceRouteTableAssociation', 'DisassociateRouteTable',
      ]),
    },
  ] as const satisfies readonly Detection[];
  // Highest severity first, then by name: the order `detection_name` tries them in.
  return [...list].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

/** The names of the per-detection yes/no dimensions. */
export type DetectionName = ReturnType<typeof detections>[number]['name'];

/** Detections that need many events (measure tiles with a HAVING-style filter on a count). */
export const AGGREGATE_DETECTIONS = {
  secretsBulkRead: {
    title: 'Secrets read in bulk', severity: 'high' as Severity, threshold: 20,
    description:
      'One actor reading 20 or more secrets values (GetSecretValue or BatchGetSecretValue calls) within one hour (Sigma: more than 20 per ARN; Elastic: 20 per user). ' +
      'A measure tile: rows per actor and event hour, kept when Secret Value Reads >= 20 (a HAVING filter on the count).',
  },
  consoleBruteForce: {
    title: 'Console sign-in brute force', severity: 'high' as Severity, threshold: 10,
    description:
      'Ten or more failed console sign-ins (responseElements.ConsoleLogin = Failure) from one source IP within one hour (Elastic: 10 failed root sign-ins in a few minutes). ' +
      'A measure tile: rows per source IP and event hour, kept when Console Logins Failed >= 10 (a HAVING filter on the count).',
  },
} as const;
