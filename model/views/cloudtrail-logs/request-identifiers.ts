/**
 * Identifiers of the resources a call acted on, extracted from the JSON text of requestParameters
 * and responseElements with json_extract_scalar (never CAST(json_extract(…) AS VARCHAR), which
 * keeps the JSON quotes on some engines). Each is empty when the API call does not carry it.
 */
import type { Sql } from '../../../generator/vocabulary/sql.js';
import type { Link } from '../../../generator/vocabulary/fields.js';
import { lit } from './sql-text.js';
import type { BaseBuilder } from './base-names.js';

const GROUP = 'Request Identifiers';

const consoleLink = (label: string, path: string): Link => ({
  label,
  url: `https://console.aws.amazon.com/${path}`,
});

export function requestIdentifierFields(v: BaseBuilder) {
  const f = v.fields;
  /** The first non-empty of several JSON paths: `['request', '$.a'], ['response', '$.b']`. */
  const firstOf = (...paths: readonly (readonly ['request' | 'response', string])[]): Sql => {
    const parts = paths.map(([where, path]) =>
      v.sql`json_extract_scalar(${where === 'request' ? f.request_parameters : f.response_elements}, ${lit(path)})`,
    );
    if (parts.length === 1) return parts[0]!;
    return v.sql`COALESCE(${parts.reduce((acc, p, i) => (i === 0 ? p : v.sql`${acc}, ${p}`))})`;
  };
  const id = (description: string, label: string, sql: Sql, links?: readonly Link[]) =>
    v.dimension({ type: 'string', sql, label, groupLabel: GROUP, description, ...(links ? { links } : {}) });

  return {
    security_group_id: id(
      'Security group acted on (requestParameters.groupId, or the groupId a CreateSecurityGroup returned).',
      'Security Group ID',
      firstOf(['request', '$.groupId'], ['response', '$.groupId']),
      [consoleLink('Open security group in the EC2 console', 'ec2/home#SecurityGroup:groupId={{ value | url_encode }}')],
    ),
    network_interface_id: id(
      'Network interface acted on (requestParameters.networkInterfaceId, or the one a CreateNetworkInterface returned). Fixes the 2017 block, which read it as a struct field of a text column.',
      'Network Interface ID',
      firstOf(['request', '$.networkInterfaceId'], ['response', '$.networkInterface.networkInterfaceId']),
    ),
    instance_id: id(
      'EC2 instance acted on: requestParameters.instanceId, the first of requestParameters.instancesSet (Start/Stop/TerminateInstances), or the first instance RunInstances returned.',
      'Instance ID',
      firstOf(['request', '$.instanceId'], ['request', '$.instancesSet.items[0].instanceId'], ['response', '$.instancesSet.items[0].instanceId']),
      [consoleLink('Open instance in the EC2 console', 'ec2/home#InstanceDetails:instanceId={{ value | url_encode }}')],
    ),
    instance_type: id(
      'Instance type requested (RunInstances, ModifyInstanceAttribute).',
      'Instance Type',
      firstOf(['request', '$.instanceType'], ['request', '$.instanceType.value']),
    ),
    image_id: id('AMI used or acted on (RunInstances, CopyImage, DeregisterImage…).', 'Image ID', firstOf(['request', '$.imageId'], ['request', '$.instancesSet.items[0].imageId'])),
    vpc_id: id('VPC acted on (requestParameters.vpcId, or the VPC a CreateVpc returned).', 'VPC ID', firstOf(['request', '$.vpcId'], ['response', '$.vpc.vpcId'])),
    subnet_id: id('Subnet acted on (requestParameters.subnetId).', 'Subnet ID', firstOf(['request', '$.subnetId'], ['response', '$.subnet.subnetId'])),
    ingress_cidr: id(
      'First IPv4 range of the first rule of a security group rule change (ipPermissions…ipRanges…cidrIp), e.g. 0.0.0.0/0 for a rule open to the internet.',
      'Rule CIDR',
      firstOf(['request', '$.ipPermissions.items[0].ipRanges.items[0].cidrIp']),
    ),
    ingress_from_port: id(
      'First port of the first rule of a security group rule change (ipPermissions.items[0].fromPort).',
      'Rule From Port',
      firstOf(['request', '$.ipPermissions.items[0].fromPort']),
    ),
    bucket_name: id('S3 bucket acted on (requestParameters.bucketName).', 'Bucket Name', firstOf(['request', '$.bucketName']), [
      consoleLink('Open bucket in the S3 console', 's3/buckets/{{ value | url_encode }}'),
    ]),
    object_key: id('S3 object key acted on (data events; requestParameters.key).', 'Object Key', firstOf(['request', '$.key'])),
    role_arn: id('Role a caller assumed (AssumeRole*, requestParameters.roleArn) or passed.', 'Role ARN (requested)', firstOf(['request', '$.roleArn'])),
    role_session_name_requested: id(
      'Session name asked for in an AssumeRole* call (requestParameters.roleSessionName).',
      'Requested Role Session Name',
      firstOf(['request', '$.roleSessionName']),
    ),
    iam_role_name: id('IAM role acted on (CreateRole, AttachRolePolicy, UpdateAssumeRolePolicy…; requestParameters.roleName).', 'IAM Role Name (acted on)', firstOf(['request', '$.roleName'])),
    policy_arn: id('Managed policy acted on (Attach/Detach*Policy, CreatePolicyVersion…; requestParameters.policyArn).', 'Policy ARN', firstOf(['request', '$.policyArn'], ['response', '$.policy.arn'])),
    policy_name: id('Inline or managed policy name acted on (Put*Policy, CreatePolicy; requestParameters.policyName).', 'Policy Name', firstOf(['request', '$.policyName'])),
    kms_key_id: id(
      'KMS key used or acted on (requestParameters.keyId, or the key a CreateKey returned).',
      'KMS Key ID',
      firstOf(['request', '$.keyId'], ['response', '$.keyMetadata.keyId']),
    ),
    target_user_name: id(
      'IAM user acted on (CreateUser, CreateAccessKey, CreateLoginProfile, AttachUserPolicy…; requestParameters.userName), not the caller.',
      'IAM User Name (acted on)',
      firstOf(['request', '$.userName'], ['response', '$.user.userName']),
    ),
    target_access_key_id: id(
      'Access key acted on (UpdateAccessKey, DeleteAccessKey; requestParameters.accessKeyId) or created (CreateAccessKey response).',
      'Access Key ID (acted on)',
      firstOf(['request', '$.accessKeyId'], ['response', '$.accessKey.accessKeyId']),
    ),
    trail_name: v.dimension({
      type: 'string',
      sql: v.sql`CASE WHEN ${f.event_source} = 'cloudtrail.amazonaws.com' THEN json_extract_scalar(${f.request_parameters}, '$.name') END`,
      label: 'Trail Name (acted on)',
      groupLabel: GROUP,
      description: 'Trail a CloudTrail API call acted on (StopLogging, DeleteTrail, UpdateTrail…; requestParameters.name).',
    }),
    lambda_function_name: id('Lambda function acted on (requestParameters.functionName).', 'Lambda Function Name', firstOf(['request', '$.functionName'])),
    log_group_name: id('CloudWatch Logs log group acted on (requestParameters.logGroupName).', 'Log Group Name', firstOf(['request', '$.logGroupName'])),
    secret_id: id('Secrets Manager secret acted on (requestParameters.secretId).', 'Secret ID', firstOf(['request', '$.secretId'])),
    db_instance_id: id('RDS DB instance acted on (requestParameters.dBInstanceIdentifier).', 'DB Instance ID', firstOf(['request', '$.dBInstanceIdentifier'])),
    snapshot_id: id('EBS snapshot acted on (requestParameters.snapshotId).', 'Snapshot ID', firstOf(['request', '$.snapshotId'])),
  };
}
