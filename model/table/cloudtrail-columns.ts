/**
 * The CloudTrail table: the 29 data columns of the current AWS Athena DDL (JSON SerDe +
 * CloudTrailInputFormat), with nested structs. This one list feeds the Athena DDL, the base
 * `cloudtrail_logs` view (one dimension per column and nested leaf) and the local DuckDB table.
 */
import { array, col, jsonCol, map, string, struct, type TableSchema } from '../../generator/schema/column.js';

const sessionIssuer = col(
  'sessionIssuer',
  struct([
    col('type', string(), 'Kind of the identity that issued the session credentials: Root, IAMUser or Role.'),
    col('principalId', string(), 'Internal ID of the entity that issued the session credentials.'),
    col('arn', string(), 'ARN of the role or user that issued the session credentials.'),
    col('accountId', string(), 'AWS account that owns the entity that issued the session credentials.'),
    col('userName', string(), 'Friendly name of the role or user that issued the session credentials.'),
  ]),
  'The role or user that issued temporary credentials (for assumed-role sessions).',
);

const sessionContext = col(
  'sessionContext',
  struct([
    col(
      'attributes',
      struct([
        col('mfaAuthenticated', string(), "'true' when the root user or IAM user that requested the session used MFA."),
        col('creationDate', string(), 'When the temporary credentials were issued (ISO 8601).'),
      ]),
      'Attributes of the session.',
    ),
    sessionIssuer,
    col('ec2RoleDelivery', string(), "EC2 instance metadata version that delivered the role credentials: '1.0' (IMDSv1) or '2.0' (IMDSv2)."),
    col(
      'webIdFederationData',
      struct([
        col('federatedProvider', string(), 'Identity provider (for example accounts.google.com) of a web identity federation session.'),
        col('attributes', map(string(), string()), 'Claims passed by the web identity provider.'),
      ]),
      'Web identity federation details, when the credentials came from AssumeRoleWithWebIdentity.',
    ),
  ]),
  'Details of the session, when the request was made with temporary security credentials.',
);

const userIdentity = col(
  'userIdentity',
  struct([
    col('type', string(), 'Identity type: Root, IAMUser, AssumedRole, Role, FederatedUser, Directory, AWSAccount, AWSService, IdentityCenterUser, SAMLUser, WebIdentityUser or Unknown.'),
    col('principalId', string(), 'Unique identifier of the entity that made the call.'),
    col('arn', string(), 'ARN of the principal that made the call.'),
    col('accountId', string(), 'AWS account that owns the entity that granted permissions for the request.'),
    col('invokedBy', string(), 'The AWS service that made the request on the caller\'s behalf (for example ec2.amazonaws.com).'),
    col('accessKeyId', string(), 'Access key used to sign the request: AKIA… for long-term keys, ASIA… for temporary credentials.'),
    col('userName', string(), 'Friendly name of the IAM user (or the account alias for root). Absent for assumed roles.'),
    col(
      'onBehalfOf',
      struct([
        col('userId', string(), 'IAM Identity Center user ID on whose behalf the call was made.'),
        col('identityStoreArn', string(), 'ARN of the Identity Center identity store of that user.'),
      ]),
      'The IAM Identity Center user on whose behalf the call was made.',
    ),
    sessionContext,
  ]),
  'Who made the request: the identity type, principal, account, credentials and session.',
);

const resources = col(
  'resources',
  array(
    struct([
      col('ARN', string(), 'ARN of a resource used in the event.'),
      col('accountId', string(), 'Account that owns the resource.'),
      col('type', string(), 'Resource type, for example AWS::IAM::Role or AWS::S3::Object.'),
    ]),
  ),
  'Resources accessed in the event (ARN, owning account and type).',
);

const addendum = col(
  'addendum',
  struct([
    col('reason', string(), 'Why the event was delivered late or changed: DELIVERY_DELAY, UPDATED_DATA or SERVICE_OUTAGE.'),
    col('updatedFields', string(), 'Fields that were updated, when the reason is UPDATED_DATA.'),
    col('originalRequestID', string(), 'Request ID of the original event, when this event updates it.'),
    col('originalEventID', string(), 'Event ID of the original event, when this event updates it.'),
  ]),
  'Present when an event was delivered late or carries updated information.',
);

const tlsDetails = col(
  'tlsDetails',
  struct([
    col('tlsVersion', string(), 'TLS version of the request, for example TLSv1.2 or TLSv1.3.'),
    col('cipherSuite', string(), 'TLS cipher suite of the request.'),
    col('clientProvidedHostHeader', string(), 'Host name the client asked for (the service endpoint).'),
  ]),
  'TLS version, cipher suite and host header of the request.',
);

/** The CloudTrail table, in the column order of the AWS DDL. */
export const cloudtrailTable: TableSchema = Object.freeze({
  columns: Object.freeze([
    col('eventVersion', string(), 'Log event format version (for example 1.09). Compare the major version for equality, the minor numerically.'),
    userIdentity,
    col('eventTime', string(), 'When the request was completed, an ISO 8601 UTC string (for example 2024-05-01T08:15:30Z).'),
    col('eventSource', string(), 'Service the request was made to, for example iam.amazonaws.com.'),
    col('eventName', string(), 'The API action that was requested, for example ConsoleLogin or RunInstances.'),
    col('awsRegion', string(), 'AWS Region the request was made to, for example us-east-1.'),
    col('sourceIPAddress', string(), 'IP address the request came from, or the DNS name of the AWS service that made it.'),
    col('userAgent', string(), 'Agent through which the request was made: the console, the AWS CLI, an SDK, or an AWS service.'),
    col('errorCode', string(), 'The AWS service error, if the request returned one (for example AccessDenied).'),
    col('errorMessage', string(), 'Description of the error, if the request returned one.'),
    jsonCol('requestParameters', 'Parameters sent with the request, as JSON text. Query it with json_extract_scalar.'),
    jsonCol('responseElements', 'Response of the action, as JSON text; null for read-only actions.'),
    jsonCol('additionalEventData', 'Additional data about the event that was not part of the request or response, as JSON text (for example MFAUsed of a console sign-in).'),
    col('requestID', string(), 'Value that identifies the request, generated by the service being called.'),
    col('eventID', string(), 'GUID generated by CloudTrail to uniquely identify each event.'),
    resources,
    col('eventType', string(), 'Type of event: AwsApiCall, AwsServiceEvent, AwsConsoleAction, AwsConsoleSignIn or AwsVpceEvents.'),
    col('apiVersion', string(), 'API version associated with an AwsApiCall event.'),
    col('readOnly', string(), "'true' when the operation only reads, 'false' when it may change something."),
    col('recipientAccountId', string(), 'Account ID that received this event (differs from the caller\'s account for cross-account calls).'),
    jsonCol('serviceEventDetails', 'What triggered a service event and its outcome, as JSON text.'),
    col('sharedEventID', string(), 'GUID shared by the copies of one cross-account event delivered to several accounts.'),
    col('vpcEndpointId', string(), 'VPC endpoint through which the request was made.'),
    col('vpcEndpointAccountId', string(), 'Account that owns the VPC endpoint through which the request was made.'),
    col('eventCategory', string(), 'Event category: Management, Data or NetworkActivity.'),
    addendum,
    col('sessionCredentialFromConsole', string(), "'true' when the request was made with credentials from a console session."),
    jsonCol('edgeDeviceDetails', 'Information about the edge device (S3 on Outposts), as JSON text.'),
    tlsDetails,
  ]),
});
