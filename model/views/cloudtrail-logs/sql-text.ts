/**
 * SQL text shared by the `cloudtrail_logs` view and the derived tables built over the same table.
 * A derived table cannot use `${cloudtrail_logs.actor}` (that only resolves inside a query of the
 * same explore), so expressions both need are written once here as functions of the table alias:
 * the view passes `${TABLE}`, derived tables pass their own alias. One source, no drift.
 */

/** A single-quoted Trino string literal (quotes doubled). */
export function lit(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `'a', 'b', 'c'` for an IN list. */
export function litList(values: readonly string[]): string {
  return values.map(lit).join(', ');
}

/**
 * Trino `regexp_extract` returns NULL when nothing matches; DuckDB returns ''. NULLIF makes the
 * two agree, so a COALESCE falls through to the next candidate in both engines.
 */
function extract(value: string, pattern: string): string {
  return `NULLIF(regexp_extract(${value}, ${lit(pattern)}, 1), '')`;
}

/**
 * Who acted, as one value for every identity type (`t` is the table alias, e.g. `${TABLE}`):
 * - Root → `root` (the account alias in userName is not a person);
 * - IAMUser → the user name (or the tail of its ARN);
 * - AssumedRole → `role-name/session-name` from the assumed-role ARN, so an Identity Center user
 *   (`AWSReservedSSO_Admin_…/jane@example.com`), an instance (`…/i-0abc…`) or a Lambda function
 *   stays attributable while the role is still visible; the session issuer's name otherwise;
 * - Role → the session issuer's name; FederatedUser → the federated user name from the ARN;
 * - IdentityCenterUser → the Identity Center user ID; AWSService → the service (`invokedBy`);
 * - AWSAccount → `account <id>`; SAMLUser, WebIdentityUser, Directory, Unknown → user name,
 *   then ARN tail, invokedBy, principal ID; 'unknown' when the record has none of them.
 */
export function actorSqlText(t: string): string {
  const u = `${t}.useridentity`;
  // The outer COALESCE keeps the actor non-NULL when a branch's fields are missing (partial records).
  return [
    'COALESCE(CASE',
    `  WHEN ${u}.type = 'Root' THEN 'root'`,
    `  WHEN ${u}.type = 'IAMUser' THEN COALESCE(${u}.username, ${extract(`${u}.arn`, ':user/(?:.*/)?([^/]+)$')}, ${u}.principalid)`,
    `  WHEN ${u}.type = 'AssumedRole' THEN COALESCE(${extract(`${u}.arn`, 'assumed-role/(.+)$')}, ${u}.sessioncontext.sessionissuer.username, ${u}.principalid)`,
    `  WHEN ${u}.type = 'Role' THEN COALESCE(${u}.sessioncontext.sessionissuer.username, ${extract(`${u}.arn`, '/([^/]+)$')}, ${u}.principalid)`,
    `  WHEN ${u}.type = 'FederatedUser' THEN COALESCE(${extract(`${u}.arn`, 'federated-user/(.+)$')}, ${u}.username, ${u}.principalid)`,
    `  WHEN ${u}.type = 'IdentityCenterUser' THEN COALESCE(${u}.onbehalfof.userid, ${u}.username, ${u}.principalid)`,
    `  WHEN ${u}.type = 'AWSService' THEN COALESCE(${u}.invokedby, ${u}.principalid, 'AWS service')`,
    `  WHEN ${u}.type = 'AWSAccount' THEN concat('account ', COALESCE(${u}.accountid, ${u}.principalid, 'unknown'))`,
    `  ELSE COALESCE(${u}.username, ${extract(`${u}.arn`, '/([^/]+)$')}, ${u}.invokedby, ${u}.principalid)`,
    `END, ${u}.username, ${u}.invokedby, ${u}.principalid, 'unknown')`,
  ].join('\n');
}

/**
 * The console sign-in outcome ('Success' / 'Failure') of a ConsoleLogin event, else NULL, over
 * the given column expressions (`${event_name}` in the view, `t.eventname` in a derived table).
 */
export function consoleLoginResultSqlText(eventName: string, responseElements: string): string {
  return `CASE WHEN ${eventName} = 'ConsoleLogin' THEN json_extract_scalar(${responseElements}, '$.ConsoleLogin') END`;
}

/** 'Yes' / 'No' from a console sign-in's additionalEventData. */
export function mfaUsedSqlText(additionalEventData: string): string {
  return `json_extract_scalar(${additionalEventData}, '$.MFAUsed')`;
}

/** A dotted IPv4 address (what the GeoIP join and the IPv4 kind accept). */
export const IPV4_PATTERN = String.raw`^[0-9]{1,3}(\.[0-9]{1,3}){3}$`;
