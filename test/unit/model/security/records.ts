/**
 * The security conditions re-implemented in plain JavaScript over the fixture records (read with
 * zlib + JSON.parse), independently of the SQL, so the dashboards' counts can be checked against
 * them. Values are read the way the table exposes them: strings as strings, numbers and booleans
 * as their text, objects only where an object is expected (the DuckDB loader turns a value of the
 * wrong JSON type into NULL, and the JSON text columns keep whatever JSON was there).
 */
import { FIXTURES, logFilesUnder, readRecords, type Rec } from '../../../helpers/query/records.js';

export { FIXTURES };

export const allRecords = (): Rec[] => logFilesUnder(FIXTURES).flatMap(readRecords);

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A scalar column as text (NULL for objects, arrays and missing values). */
export function str(x: unknown): string | null {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return null;
}

/** json_extract_scalar(<json text>, path) for `$.a.b[0].c` paths. */
export function jsonScalar(x: unknown, path: string): string | null {
  let cur: unknown = x;
  for (const part of path.replace(/^\$\.?/, '').split(/\.|(?=\[)/)) {
    if (part === '') continue;
    const index = /^\[(\d+)\]$/.exec(part);
    if (index) cur = Array.isArray(cur) ? cur[Number(index[1])] : undefined;
    else cur = isObj(cur) ? cur[part] : undefined;
  }
  return str(cur);
}

/** The JSON text of a JSON column ('' when absent), for the text-pattern conditions. */
export const jsonText = (x: unknown): string => (x === undefined || x === null ? '' : JSON.stringify(x));

/** The fields the conditions read. */
export interface View {
  readonly eventName: string | null;
  readonly eventSource: string | null;
  readonly eventType: string | null;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly sourceIp: string | null;
  readonly region: string | null;
  readonly recipient: string | null;
  readonly userType: string | null;
  readonly userName: string | null;
  readonly userArn: string | null;
  readonly invokedBy: string | null;
  readonly req: unknown;
  readonly resp: unknown;
  readonly extra: unknown;
  readonly reqText: string;
}

export function viewOf(r: Rec): View {
  const u: Obj = isObj(r.userIdentity) ? (r.userIdentity as Obj) : {};
  return {
    eventName: str(r.eventName), eventSource: str(r['eventSource']), eventType: str(r['eventType']), errorCode: str(r.errorCode),
    errorMessage: str(r['errorMessage']), sourceIp: str(r['sourceIPAddress']), region: str(r['awsRegion']), recipient: str(r['recipientAccountId']),
    userType: str(u['type']), userName: str(u['userName']), userArn: str(u['arn']), invokedBy: str(u['invokedBy']),
    req: r['requestParameters'], resp: r.responseElements, extra: r['additionalEventData'], reqText: jsonText(r['requestParameters']),
  };
}

/** Within the tests' date range: the table parses the time (ISO, or with a space) and derives the partition day from it. */
export const hasTime = (r: Rec): boolean => typeof r.eventTime === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(r.eventTime);

const oneOf = (x: string | null, xs: readonly string[]): boolean => x !== null && xs.includes(x);

/** The CIS metric filters. */
export const CIS_JS: Readonly<Record<string, (v: View) => boolean>> = {
  '4.1': (v) => v.errorCode !== null && (v.errorCode.endsWith('UnauthorizedOperation') || v.errorCode.startsWith('AccessDenied'))
    && (v.sourceIp ?? '') !== 'delivery.logs.amazonaws.com' && (v.eventName ?? '') !== 'HeadBucket',
  '4.2': (v) => v.eventName === 'ConsoleLogin' && (jsonScalar(v.extra, '$.MFAUsed') ?? '') !== 'Yes' && v.userType === 'IAMUser'
    && jsonScalar(v.resp, '$.ConsoleLogin') === 'Success',
  '4.3': (v) => v.userType === 'Root' && v.invokedBy === null && v.eventType !== null && v.eventType !== 'AwsServiceEvent',
  '4.4': (v) => oneOf(v.eventName, ['DeleteGroupPolicy', 'DeleteRolePolicy', 'DeleteUserPolicy', 'PutGroupPolicy', 'PutRolePolicy', 'PutUserPolicy', 'CreatePolicy', 'DeletePolicy', 'CreatePolicyVersion', 'DeletePolicyVersion', 'AttachRolePolicy', 'DetachRolePolicy', 'AttachUserPolicy', 'DetachUserPolicy', 'AttachGroupPolicy', 'DetachGroupPolicy']),
  '4.5': (v) => oneOf(v.eventName, ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging']),
  '4.6': (v) => v.eventName === 'ConsoleLogin' && v.errorMessage === 'Failed authentication',
  '4.7': (v) => v.eventSource === 'kms.amazonaws.com' && oneOf(v.eventName, ['DisableKey', 'ScheduleKeyDeletion']),
  '4.8': (v) => v.eventSource === 's3.amazonaws.com' && oneOf(v.eventName, ['PutBucketAcl', 'PutBucketPolicy', 'PutBucketCors', 'PutBucketLifecycle', 'PutBucketReplication', 'DeleteBucketPolicy', 'DeleteBucketCors', 'DeleteBucketLifecycle', 'DeleteBucketReplication']),
  '4.9': (v) => v.eventSource === 'config.amazonaws.com' && oneOf(v.eventName, ['StopConfigurationRecorder', 'DeleteDeliveryChannel', 'PutDeliveryChannel', 'PutConfigurationRecorder']),
  '4.10': (v) => oneOf(v.eventName, ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup']),
  '4.11': (v) => oneOf(v.eventName, ['CreateNetworkAcl', 'CreateNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclEntry', 'ReplaceNetworkAclAssociation']),
  '4.12': (v) => oneOf(v.eventName, ['CreateCustomerGateway', 'DeleteCustomerGateway', 'AttachInternetGateway', 'CreateInternetGateway', 'DeleteInternetGateway', 'DetachInternetGateway']),
  '4.13': (v) => oneOf(v.eventName, ['CreateRoute', 'CreateRouteTable', 'ReplaceRoute', 'ReplaceRouteTableAssociation', 'DeleteRouteTable', 'DeleteRoute', 'DisassociateRouteTable']),
  '4.14': (v) => oneOf(v.eventName, ['CreateVpc', 'DeleteVpc', 'ModifyVpcAttribute', 'AcceptVpcPeeringConnection', 'CreateVpcPeeringConnection', 'DeleteVpcPeeringConnection', 'RejectVpcPeeringConnection', 'AttachClassicLinkVpc', 'DetachClassicLinkVpc', 'DisableVpcClassicLink', 'EnableVpcClassicLink']),
  '4.15': (v) => v.eventSource === 'organizations.amazonaws.com' && oneOf(v.eventName, ['AcceptHandshake', 'AttachPolicy', 'CreateAccount', 'CreateOrganizationalUnit', 'CreatePolicy', 'DeclineHandshake', 'DeleteOrganization', 'DeleteOrganizationalUnit', 'DeletePolicy', 'DetachPolicy', 'DisablePolicyType', 'EnablePolicyType', 'InviteAccountToOrganization', 'LeaveOrganization', 'MoveAccount', 'RemoveAccountFromOrganization', 'UpdatePolicy', 'UpdateOrganizationalUnit']),
};

/** `target` is set and is neither the caller's user name nor the last part of its ARN. */
function notTheCaller(v: View, target: string | null): boolean {
  if (target === null) return false;
  const tail = v.userArn === null ? null : (/\/([^/]+)$/.exec(v.userArn)?.[1] ?? null);
  return target !== (v.userName ?? '') && target !== (tail ?? '');
}

const firstAccount = (text: string): string | null => /"AWS"\s*:\s*\[?\s*"(arn:aws[a-z-]*:iam::)?([0-9]{12})/.exec(text)?.[2] ?? null;

/** The detections (with the block's default options: no region allow list, no trail bucket named). */
export function detectionsJs(allowedRegions: readonly string[] = []): Readonly<Record<string, (v: View) => boolean>> {
  return {
    detect_cloudtrail_logging_stopped: (v) => v.eventSource === 'cloudtrail.amazonaws.com' && oneOf(v.eventName, ['StopLogging', 'DeleteTrail']),
    detect_cloudtrail_trail_modified: (v) => v.eventSource === 'cloudtrail.amazonaws.com' && oneOf(v.eventName, ['UpdateTrail', 'PutEventSelectors', 'PutInsightSelectors']),
    detect_guardduty_disabled: (v) => v.eventSource === 'guardduty.amazonaws.com'
      && (v.eventName === 'DeleteDetector' || (v.eventName === 'UpdateDetector' && jsonScalar(v.req, '$.enable') === 'false')),
    detect_admin_policy_attached: (v) => v.eventSource === 'iam.amazonaws.com' && oneOf(v.eventName, ['AttachUserPolicy', 'AttachRolePolicy', 'AttachGroupPolicy'])
      && /^arn:aws.*:iam::aws:policy\/AdministratorAccess$/.test(jsonScalar(v.req, '$.policyArn') ?? ''),
    detect_s3_bucket_made_public: (v) => v.eventSource === 's3.amazonaws.com'
      && ((v.eventName === 'PutBucketPolicy' && /"Principal"\s*:\s*("\*"|\{\s*"AWS"\s*:\s*(\[\s*)?"\*")/.test(v.reqText))
        || (v.eventName === 'PutBucketAcl' && /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)|"x-amz-acl"\s*:\s*\[?\s*"(public-read|public-read-write|authenticated-read)"/.test(v.reqText))),
    detect_s3_public_access_block_removed: (v) => oneOf(v.eventName, ['DeleteBucketPublicAccessBlock', 'DeletePublicAccessBlock'])
      || (oneOf(v.eventName, ['PutBucketPublicAccessBlock', 'PutAccountPublicAccessBlock']) && /"(BlockPublicAcls|IgnorePublicAcls|BlockPublicPolicy|RestrictPublicBuckets)"\s*:\s*"?false/.test(v.reqText)),
    detect_s3_bucket_shared_cross_account: (v) => v.eventName === 'PutBucketPolicy' && firstAccount(v.reqText) !== null && firstAccount(v.reqText) !== (v.recipient ?? ''),
    detect_cloudtrail_bucket_policy_changed: (v) => v.eventSource === 's3.amazonaws.com'
      && oneOf(v.eventName, ['PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutBucketLifecycle']) && /cloudtrail/i.test(jsonScalar(v.req, '$.bucketName') ?? ''),
    detect_access_key_for_other_user: (v) => v.eventName === 'CreateAccessKey' && notTheCaller(v, jsonScalar(v.req, '$.userName')),
    detect_login_profile_for_other_user: (v) => oneOf(v.eventName, ['CreateLoginProfile', 'UpdateLoginProfile']) && notTheCaller(v, jsonScalar(v.req, '$.userName')),
    detect_root_console_login: (v) => v.eventName === 'ConsoleLogin' && v.userType === 'Root' && jsonScalar(v.resp, '$.ConsoleLogin') === 'Success',
    detect_kms_key_disabled_or_deleted: (v) => v.eventSource === 'kms.amazonaws.com' && oneOf(v.eventName, ['DisableKey', 'ScheduleKeyDeletion']),
    detect_config_recorder_stopped: (v) => v.eventSource === 'config.amazonaws.com' && oneOf(v.eventName, ['StopConfigurationRecorder', 'DeleteConfigurationRecorder', 'DeleteDeliveryChannel']),
    detect_vpc_flow_logs_deleted: (v) => v.eventName === 'DeleteFlowLogs',
    detect_security_group_open_to_world: (v) => oneOf(v.eventName, ['AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'ModifySecurityGroupRules'])
      && /"cidr(ip|ipv4|ipv6)"\s*:\s*"[0-9a-f.:]+\/0"/i.test(v.reqText),
    detect_ec2_user_data_modified: (v) => v.eventName === 'ModifyInstanceAttribute' && v.reqText.includes('"userData"'),
    detect_snapshot_or_image_shared: (v) =>
      (v.eventName === 'ModifySnapshotAttribute' && (jsonScalar(v.req, '$.createVolumePermission.add.items[0].userId') ?? jsonScalar(v.req, '$.createVolumePermission.add.items[0].group')) !== null)
      || (v.eventName === 'ModifyImageAttribute' && (jsonScalar(v.req, '$.launchPermission.add.items[0].userId') ?? jsonScalar(v.req, '$.launchPermission.add.items[0].group')) !== null)
      || (oneOf(v.eventName, ['ModifyDBSnapshotAttribute', 'ModifyDBClusterSnapshotAttribute']) && jsonScalar(v.req, '$.valuesToAdd[0]') !== null),
    detect_leave_organization: (v) => v.eventSource === 'organizations.amazonaws.com' && v.eventName === 'LeaveOrganization',
    detect_console_login_without_mfa: (v) => v.eventName === 'ConsoleLogin' && oneOf(v.userType, ['IAMUser', 'Root'])
      && jsonScalar(v.resp, '$.ConsoleLogin') === 'Success' && (jsonScalar(v.extra, '$.MFAUsed') ?? '') !== 'Yes',
    detect_mfa_device_deactivated: (v) => v.eventSource === 'iam.amazonaws.com' && oneOf(v.eventName, ['DeactivateMFADevice', 'DeleteVirtualMFADevice']),
    detect_role_trust_policy_updated: (v) => v.eventName === 'UpdateAssumeRolePolicy',
    detect_cloudwatch_logs_deleted: (v) => (v.eventSource === 'logs.amazonaws.com' && oneOf(v.eventName, ['DeleteLogGroup', 'DeleteLogStream']))
      || (v.eventSource === 'monitoring.amazonaws.com' && v.eventName === 'DeleteAlarms'),
    detect_ebs_default_encryption_disabled: (v) => v.eventName === 'DisableEbsEncryptionByDefault',
    detect_unusual_region: (v) => allowedRegions.length > 0 && v.region !== null && !allowedRegions.includes(v.region),
    detect_iam_user_created: (v) => v.eventSource === 'iam.amazonaws.com' && v.eventName === 'CreateUser',
    detect_user_added_to_group: (v) => v.eventSource === 'iam.amazonaws.com' && v.eventName === 'AddUserToGroup',
    detect_network_acl_or_route_change: (v) => oneOf(v.eventName, [
      'CreateNetworkAclEntry', 'ReplaceNetworkAclEntry', 'DeleteNetworkAcl', 'DeleteNetworkAclEntry', 'ReplaceNetworkAclAssociation',
      'CreateRoute', 'ReplaceRoute', 'DeleteRoute', 'ReplaceRouteTableAssociation', 'DisassociateRouteTable',
    ]),
  };
}
