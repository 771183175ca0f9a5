/** Where the call came from and with what client: source IP kind, user agent family, TLS. */
import { IPV4_PATTERN, lit } from './sql-text.js';
import type { BaseBuilder } from './base-names.js';

const GROUP = 'Network';

/**
 * User agent families, tried in order. Terraform and the CLI come before the SDKs their agents
 * also name (Terraform's agent contains aws-sdk-go, the CLI's contains botocore); the console
 * comes before AWS services because signin.amazonaws.com looks like a service name.
 */
export const USER_AGENT_FAMILIES: readonly (readonly [family: string, pattern: string])[] = [
  ['Terraform', '(?i)terraform'],
  ['CloudFormation', '(?i)cloudformation'],
  ['Console', String.raw`(?i)^(signin|console)(\.[a-z0-9-]+)?\.amazonaws\.com|S3Console|AWS-Console|console\.aws\.amazon\.com`],
  ['AWS CLI', '(?i)aws-cli/'],
  ['SDK: Python', '(?i)boto3|botocore'],
  ['SDK: Java', '(?i)aws-sdk-java'],
  ['SDK: Go', '(?i)aws-sdk-go'],
  ['SDK: JavaScript', '(?i)aws-sdk-js|aws-sdk-nodejs|@aws-sdk'],
  ['SDK: .NET', '(?i)aws-sdk-dotnet'],
  ['SDK: Ruby', '(?i)aws-sdk-ruby'],
  ['SDK: PHP', '(?i)aws-sdk-php'],
  ['SDK: Rust', '(?i)aws-sdk-rust'],
  ['SDK: other', '(?i)aws-sdk-'],
  ['AWS internal', '(?i)^AWS Internal|aws-internal/'],
  ['AWS service', String.raw`(?i)^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$`],
  ['Browser', '(?i)^Mozilla/'],
];

const IPV6_PATTERN = String.raw`^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}(:?[0-9.]+)?$`;
const AWS_SERVICE_HOST_PATTERN = String.raw`(?i)^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$`;
const PRIVATE_IPV4_PATTERN = String.raw`^(10\.|192\.168\.|172\.(1[6-9]|2[0-9]|3[01])\.|127\.|169\.254\.)`;

export function networkFields(v: BaseBuilder) {
  const f = v.fields;
  const uaWhens = USER_AGENT_FAMILIES.map(([family, pattern]) => `  WHEN regexp_like(\${user_agent}, ${lit(pattern)}) THEN ${lit(family)}`).join('\n');
  return {
    source_ip_kind: v.dimension({
      type: 'string',
      sql: v.sql`CASE
  WHEN COALESCE(${f.source_ip_address}, '') = '' THEN 'Unknown'
  WHEN starts_with(${f.source_ip_address}, 'AWS Internal') THEN 'AWS internal'
  WHEN regexp_like(${f.source_ip_address}, ${lit(IPV4_PATTERN)}) THEN 'IPv4'
  WHEN regexp_like(${f.source_ip_address}, ${lit(IPV6_PATTERN)}) THEN 'IPv6'
  WHEN regexp_like(${f.source_ip_address}, ${lit(AWS_SERVICE_HOST_PATTERN)}) THEN 'AWS service'
  ELSE 'Other'
END`,
      label: 'Source IP Kind',
      groupLabel: GROUP,
      description:
        "What sourceIPAddress holds: 'IPv4' or 'IPv6' (a caller's address), 'AWS service' (a service's DNS name such as ec2.amazonaws.com, when a service called on your behalf), " +
        "'AWS internal' (AWS Internal/#), 'Unknown' (empty) or 'Other'.",
    }),
    is_private_source_ip: v.dimension({
      type: 'yesno',
      sql: v.sql`regexp_like(${f.source_ip_address}, ${lit(PRIVATE_IPV4_PATTERN)})`,
      label: 'Is Private Source IP',
      groupLabel: GROUP,
      description: 'The source is a private or link-local IPv4 address (10/8, 172.16/12, 192.168/16, 127/8, 169.254/16): a call from inside a VPC.',
    }),
    source_aws_service: v.dimension({
      type: 'string',
      sql: v.sql`CASE WHEN regexp_like(${f.source_ip_address}, ${lit(AWS_SERVICE_HOST_PATTERN)}) THEN ${f.source_ip_address} END`,
      label: 'Source AWS Service',
      groupLabel: GROUP,
      description: 'The AWS service that made the call when sourceIPAddress is a service name (for example cloudformation.amazonaws.com).',
    }),
    user_agent_family: v.dimension({
      type: 'string',
      sql: v.sqlText(`CASE\n  WHEN COALESCE(\${user_agent}, '') = '' THEN 'Unknown'\n${uaWhens}\n  ELSE 'Other'\nEND`),
      label: 'User Agent Family',
      groupLabel: GROUP,
      description:
        'Client family from the user agent: Console, AWS CLI, SDK by language (Python, Java, Go, JavaScript, .NET, Ruby, PHP, Rust, other), ' +
        'Terraform, CloudFormation, AWS service, AWS internal, Browser, Unknown or Other.',
    }),
    is_vpc_endpoint_request: v.dimension({
      type: 'yesno',
      sql: v.sql`COALESCE(${f.vpc_endpoint_id}, '') <> ''`,
      label: 'Through VPC Endpoint',
      groupLabel: GROUP,
      description: 'The request reached AWS through a VPC endpoint (vpcEndpointId is set).',
    }),
    is_legacy_tls: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.tls_version} IN ('TLSv1', 'TLSv1.1')`,
      label: 'Uses Legacy TLS',
      groupLabel: GROUP,
      description: 'The client used TLS 1.0 or 1.1, which AWS endpoints are retiring.',
    }),
  };
}
