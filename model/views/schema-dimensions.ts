/**
 * One typed, described dimension per column and nested struct leaf of the CloudTrail table,
 * derived from the column list. Names are snake_case; where the 2017 block used another name it
 * is kept as an `alias`, so content saved against the old block keeps working.
 */
import { cloudtrailTable } from '../table/cloudtrail-columns.js';
import { leaves, type Column } from '../../generator/schema/column.js';
import { dimension, type Dimension } from '../../generator/vocabulary/fields.js';
import { makeSql, TABLE } from '../../generator/vocabulary/sql.js';

interface LeafNaming {
  readonly name: string;
  readonly groupLabel: string;
  readonly label?: string;
  readonly alias?: readonly string[];
  readonly hidden?: boolean;
  readonly primaryKey?: boolean;
}

const EVENT = 'Event';
const IDENTITY = 'Identity';
const SESSION = 'Identity Session';
const REQUEST = 'Request';
const ERROR = 'Error';
const RAW_JSON = 'Raw JSON';
const DELIVERY = 'Delivery';
const NETWORK = 'Network';

/** Dotted Athena path → how the leaf appears in LookML. */
const NAMING = {
  eventversion: { name: 'event_version', groupLabel: EVENT, alias: ['eventversion'] },
  'useridentity.type': { name: 'user_type', groupLabel: IDENTITY, label: 'Identity Type' },
  'useridentity.principalid': { name: 'principal_id', groupLabel: IDENTITY },
  'useridentity.arn': { name: 'user_arn', groupLabel: IDENTITY, label: 'Identity ARN' },
  'useridentity.accountid': { name: 'user_account_id', groupLabel: IDENTITY, label: 'Identity Account ID' },
  'useridentity.invokedby': { name: 'invoked_by', groupLabel: IDENTITY, alias: ['user_invoked_by'] },
  'useridentity.accesskeyid': { name: 'access_key_id', groupLabel: IDENTITY, label: 'Access Key ID' },
  'useridentity.username': { name: 'user_name', groupLabel: IDENTITY, label: 'IAM User Name' },
  'useridentity.onbehalfof.userid': { name: 'on_behalf_of_user_id', groupLabel: IDENTITY, label: 'On Behalf Of User ID' },
  'useridentity.onbehalfof.identitystorearn': { name: 'on_behalf_of_identity_store_arn', groupLabel: IDENTITY, label: 'On Behalf Of Identity Store ARN' },
  'useridentity.sessioncontext.attributes.mfaauthenticated': { name: 'session_mfa_authenticated', groupLabel: SESSION, label: 'Session MFA Authenticated' },
  'useridentity.sessioncontext.attributes.creationdate': { name: 'session_creation_date', groupLabel: SESSION, label: 'Session Created (ISO text)' },
  'useridentity.sessioncontext.sessionissuer.type': { name: 'session_issuer_type', groupLabel: SESSION },
  'useridentity.sessioncontext.sessionissuer.principalid': { name: 'session_issuer_principal_id', groupLabel: SESSION, label: 'Session Issuer Principal ID' },
  'useridentity.sessioncontext.sessionissuer.arn': { name: 'session_issuer_arn', groupLabel: SESSION, label: 'Session Issuer ARN' },
  'useridentity.sessioncontext.sessionissuer.accountid': { name: 'session_issuer_account_id', groupLabel: SESSION, label: 'Session Issuer Account ID' },
  'useridentity.sessioncontext.sessionissuer.username': { name: 'session_issuer_user_name', groupLabel: SESSION, alias: ['assumed_user_name'] },
  'useridentity.sessioncontext.ec2roledelivery': { name: 'ec2_role_delivery', groupLabel: SESSION, label: 'EC2 Role Delivery (IMDS version)' },
  'useridentity.sessioncontext.webidfederationdata.federatedprovider': { name: 'web_identity_provider', groupLabel: SESSION },
  'useridentity.sessioncontext.webidfederationdata.attributes': { name: 'web_identity_attributes', groupLabel: SESSION, label: 'Web Identity Attributes (JSON)' },
  eventtime: { name: 'event_time_text', groupLabel: EVENT, label: 'Event Time (ISO text)', hidden: true },
  eventsource: { name: 'event_source', groupLabel: EVENT },
  eventname: { name: 'event_name', groupLabel: EVENT },
  awsregion: { name: 'aws_region', groupLabel: EVENT, label: 'AWS Region', alias: ['awsregion'] },
  sourceipaddress: { name: 'source_ip_address', groupLabel: NETWORK, label: 'Source IP Address', alias: ['sourceipaddress'] },
  useragent: { name: 'user_agent', groupLabel: NETWORK },
  errorcode: { name: 'error_code', groupLabel: ERROR, alias: ['errorcode'] },
  errormessage: { name: 'error_message', groupLabel: ERROR, alias: ['errormessage'] },
  requestparameters: { name: 'request_parameters', groupLabel: RAW_JSON, alias: ['requestparameters'] },
  responseelements: { name: 'response_elements', groupLabel: RAW_JSON, alias: ['responseelements'] },
  additionaleventdata: { name: 'additional_event_data', groupLabel: RAW_JSON, alias: ['additionaleventdata'] },
  requestid: { name: 'request_id', groupLabel: REQUEST, label: 'Request ID', alias: ['requestid'] },
  eventid: { name: 'event_id', groupLabel: EVENT, label: 'Event ID', alias: ['eventid'], primaryKey: true },
  eventtype: { name: 'event_type', groupLabel: EVENT, alias: ['eventtype'] },
  apiversion: { name: 'api_version', groupLabel: REQUEST, label: 'API Version', alias: ['apiversion'] },
  readonly: { name: 'read_only_text', groupLabel: EVENT, label: 'Read Only (text)', alias: ['readonly'] },
  recipientaccountid: { name: 'recipient_account_id', groupLabel: EVENT, label: 'Recipient Account ID', alias: ['recipientaccountid'] },
  serviceeventdetails: { name: 'service_event_details', groupLabel: RAW_JSON, alias: ['serviceeventdetails'] },
  sharedeventid: { name: 'shared_event_id', groupLabel: EVENT, label: 'Shared Event ID', alias: ['sharedeventid'] },
  vpcendpointid: { name: 'vpc_endpoint_id', groupLabel: NETWORK, label: 'VPC Endpoint ID', alias: ['vpcendpointid'] },
  vpcendpointaccountid: { name: 'vpc_endpoint_account_id', groupLabel: NETWORK, label: 'VPC Endpoint Account ID' },
  eventcategory: { name: 'event_category', groupLabel: EVENT },
  'addendum.reason': { name: 'addendum_reason', groupLabel: DELIVERY },
  'addendum.updatedfields': { name: 'addendum_updated_fields', groupLabel: DELIVERY },
  'addendum.originalrequestid': { name: 'addendum_original_request_id', groupLabel: DELIVERY, label: 'Addendum Original Request ID' },
  'addendum.originaleventid': { name: 'addendum_original_event_id', groupLabel: DELIVERY, label: 'Addendum Original Event ID' },
  sessioncredentialfromconsole: { name: 'session_credential_from_console', groupLabel: SESSION },
  edgedevicedetails: { name: 'edge_device_details', groupLabel: RAW_JSON },
  'tlsdetails.tlsversion': { name: 'tls_version', groupLabel: NETWORK, label: 'TLS Version' },
  'tlsdetails.ciphersuite': { name: 'tls_cipher_suite', groupLabel: NETWORK, label: 'TLS Cipher Suite' },
  'tlsdetails.clientprovidedhostheader': { name: 'tls_client_host_header', groupLabel: NETWORK, label: 'TLS Client Host Header' },
} as const satisfies Readonly<Record<string, LeafNaming>>;

/** The names of the schema dimensions, for typed references. */
export type SchemaDimensionName = (typeof NAMING)[keyof typeof NAMING]['name'];

/** `${TABLE}.a.b.c` for a struct path. */
function pathSql(path: readonly Column[]) {
  return makeSql([TABLE, `.${path.map((c) => quoteIfReserved(c.name)).join('.')}`]);
}

/** `type` is a non-reserved word in Trino; quoting keeps the path safe in both engines anyway. */
function quoteIfReserved(name: string): string {
  return name === 'timestamp' ? `"${name}"` : name;
}

function leafDimension(path: readonly Column[], leaf: Column): [string, Dimension] {
  const dotted = path.map((c) => c.name).join('.');
  const naming: LeafNaming | undefined = (NAMING as Readonly<Record<string, LeafNaming>>)[dotted];
  if (!naming) throw new Error(`schema-dimensions: no LookML name for column ${dotted}; add it to NAMING`);
  const base = pathSql(path);
  // A map leaf (web identity claims) is shown as its JSON text.
  const sqlExpr = leaf.type.kind === 'map' ? makeSql(['json_format(CAST(', ...base.chunks, ' AS JSON))']) : base;
  const description = leaf.storage === 'json' ? `${leaf.description} Raw JSON text; prefer the extracted fields.` : leaf.description;
  return [
    naming.name,
    dimension({
      type: 'string',
      sql: sqlExpr,
      description,
      groupLabel: naming.groupLabel,
      ...(naming.label ? { label: naming.label } : {}),
      ...(naming.alias ? { alias: naming.alias } : {}),
      ...(naming.hidden ? { hidden: true } : {}),
      ...(naming.primaryKey ? { primaryKey: true } : {}),
    }),
  ];
}

/** Dimensions for every column and struct leaf except arrays (resources has its own view). */
export function schemaDimensions(): Record<SchemaDimensionName, Dimension> {
  const out: Record<string, Dimension> = {};
  for (const column of cloudtrailTable.columns) {
    if (column.type.kind === 'array') continue;
    for (const { path, leaf } of leaves(column)) {
      const [name, dim] = leafDimension(path, leaf);
      out[name] = dim;
    }
  }
  return out as Record<SchemaDimensionName, Dimension>;
}
