/**
 * The one definition of an error: the event carries an errorCode. Every error measure of the
 * block filters on `is_error` or on `error_category` (which is NULL exactly when `is_error` is No).
 *
 * Failed console sign-ins have no errorCode (they carry errorMessage "Failed authentication" and
 * responseElements.ConsoleLogin = "Failure"); they are counted by the console login fields.
 */
import { lit } from './sql-text.js';
import type { BaseBuilder } from './base-names.js';

const GROUP = 'Error';

/** errorCode patterns per category, tried in this order (a code matches the first that fits). */
export const ERROR_CATEGORY_PATTERNS = [
  {
    category: 'Access denied',
    // AccessDenied*, *UnauthorizedOperation (EC2), Unauthorized*, Forbidden, NotAuthorized (Cognito),
    // AuthorizationError (SNS), and failed authentication of the request itself.
    pattern: '(?i)(AccessDenied|Unauthorized|Forbidden|NotAuthorized|AuthorizationError|AuthFailure|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|InvalidAccessKeyId|UnrecognizedClient|OptInRequired)',
  },
  {
    category: 'Throttling',
    pattern: '(?i)(Throttl|RequestLimitExceeded|TooManyRequests|RateExceeded|Rate exceeded|SlowDown|PriorRequestNotComplete)',
  },
  { category: 'Not found', pattern: '(?i)(NotFound|NoSuch|DoesNotExist|NonExistent)' },
  {
    category: 'Validation',
    pattern: '(?i)(Validation|Invalid|Malformed|MissingParameter|MissingAction|BadRequest|Unsupported|IllegalArgument|OutOfRange)',
  },
] as const;

export type ErrorCategory = (typeof ERROR_CATEGORY_PATTERNS)[number]['category'] | 'Other';

export function errorFields(v: BaseBuilder) {
  const f = v.fields;
  const whens = ERROR_CATEGORY_PATTERNS.map((c) => `  WHEN regexp_like(\${error_code}, ${lit(c.pattern)}) THEN ${lit(c.category)}`).join('\n');
  return {
    is_error: v.dimension({
      type: 'yesno',
      sql: v.sql`COALESCE(${f.error_code}, '') <> ''`,
      label: 'Is Error',
      groupLabel: GROUP,
      description:
        'The request failed: the event has an errorCode. The one definition of an error in this block. ' +
        'Failed console sign-ins carry no errorCode; see Console Login Result.',
      alias: ['errors_dim'],
    }),
    error_category: v.dimension({
      type: 'string',
      sql: v.sqlText(`CASE\n  WHEN COALESCE(\${error_code}, '') = '' THEN NULL\n${whens}\n  ELSE 'Other'\nEND`),
      label: 'Error Category',
      groupLabel: GROUP,
      description:
        'Kind of error, from errorCode patterns: Access denied (AccessDenied*, *UnauthorizedOperation, Forbidden, invalid or expired credentials), ' +
        'Throttling (Throttling*, RequestLimitExceeded, TooManyRequests, SlowDown), Not found (*NotFound, NoSuch*), ' +
        'Validation (Validation*, Invalid*, Malformed*, MissingParameter), or Other. Empty when the event is not an error.',
    }),
    error_code_short: v.dimension({
      type: 'string',
      sql: v.sql`regexp_replace(${f.error_code}, '^(Client|Server)\\.', '')`,
      label: 'Error Code (without prefix)',
      groupLabel: GROUP,
      description: "errorCode without EC2's 'Client.' / 'Server.' prefix, so the same error groups together across services.",
    }),
    is_server_error: v.dimension({
      type: 'yesno',
      sql: v.sql`regexp_like(${f.error_code}, '(?i)^Server\\.|InternalError|InternalFailure|ServiceUnavailable|InternalServerError')`,
      label: 'Is Server-side Error',
      groupLabel: GROUP,
      description: 'The error was on the AWS side (Server.*, InternalError, InternalFailure, ServiceUnavailable), not the caller\'s.',
    }),
    is_unauthorized_api_call: v.dimension({
      type: 'yesno',
      sql: v.sql`(${f.error_code} LIKE '%UnauthorizedOperation' OR ${f.error_code} LIKE 'AccessDenied%')
  AND COALESCE(${f.source_ip_address}, '') <> 'delivery.logs.amazonaws.com'
  AND COALESCE(${f.event_name}, '') <> 'HeadBucket'`,
      label: 'Is Unauthorized API Call (CIS)',
      groupLabel: GROUP,
      description:
        "CIS AWS Foundations 'unauthorized API calls' metric filter: errorCode *UnauthorizedOperation or AccessDenied*, " +
        'excluding log delivery and HeadBucket noise. Narrower than Error Category = Access denied.',
    }),
  };
}
