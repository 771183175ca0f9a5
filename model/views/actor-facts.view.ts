/**
 * Per-actor facts, rebuilt from the 2017 block's `user_login_facts` / `user_ip_facts`, which were
 * keyed on useridentity.userName (NULL for roles, root, services and SSO users, so most rows never
 * joined), scanned the whole table on every query, counted a failed login as errorCode
 * AccessDenied, and cut the IP facts to the top 50 users.
 *
 * Here both are keyed on the ACTOR — the same SQL text as `cloudtrail_logs.actor`, from one TS
 * helper (a derived table cannot reference `${cloudtrail_logs.actor}`) — read only the partitions
 * of the dashboard date range and, inside them, only events the date filter selects (Liquid
 * `{% condition %}` on the event time). Joined many_to_one on the actor.
 */
import { view } from '../../generator/vocabulary/view.js';
import { sqlText } from '../../generator/vocabulary/sql.js';
import type { ResolvedOptions } from '../options.js';
import { derivedTablePartitionWhere, EVENT_DATE_FILTER_FIELD } from '../explores/partition-predicate.js';
import { CLOUDTRAIL_TABLE_SQL } from './cloudtrail-logs.view.js';
import { actorSqlText, consoleLoginResultSqlText, mfaUsedSqlText } from './cloudtrail-logs/sql-text.js';

const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);

/** WHERE conditions every facts table shares: date range on partitions and on event time. */
function factsWhere(o: ResolvedOptions, extra: readonly string[]): string {
  return [
    ...extra,
    indent(derivedTablePartitionWhere(o.partitioning, 't'), '  '),
    `{% condition ${EVENT_DATE_FILTER_FIELD} %} from_iso8601_timestamp(t.eventtime) {% endcondition %}`,
  ].join('\n  AND ');
}

export function actorLoginFactsSql(o: ResolvedOptions): string {
  const result = consoleLoginResultSqlText('t.eventname', 't.responseelements');
  return [
    'SELECT',
    `  ${indent(actorSqlText('t'), '  ')} AS actor,`,
    '  count(*) AS console_logins,',
    `  count_if(${result} = 'Success') AS successful_logins,`,
    `  count_if(${result} = 'Failure') AS failed_logins,`,
    `  count_if(${result} = 'Success' AND ${mfaUsedSqlText('t.additionaleventdata')} = 'No') AS logins_without_mfa,`,
    '  count(DISTINCT t.sourceipaddress) AS login_source_ips,',
    '  min(t.eventtime) AS first_login_at,',
    '  max(t.eventtime) AS last_login_at,',
    `  max(CASE WHEN ${result} = 'Success' THEN t.eventtime END) AS last_successful_login_at`,
    `FROM ${CLOUDTRAIL_TABLE_SQL} AS t`,
    `WHERE ${factsWhere(o, ["t.eventname = 'ConsoleLogin'"])}`,
    'GROUP BY 1',
  ].join('\n');
}

export function actorIpFactsSql(o: ResolvedOptions): string {
  return [
    'SELECT',
    `  ${indent(actorSqlText('t'), '  ')} AS actor,`,
    '  count(*) AS events,',
    '  count(DISTINCT t.sourceipaddress) AS source_ips,',
    "  count(DISTINCT CASE WHEN t.eventname = 'ConsoleLogin' THEN t.sourceipaddress END) AS login_source_ips,",
    '  count(DISTINCT t.awsregion) AS regions,',
    '  min(t.eventtime) AS first_seen_at,',
    '  max(t.eventtime) AS last_seen_at',
    `FROM ${CLOUDTRAIL_TABLE_SQL} AS t`,
    `WHERE ${factsWhere(o, [])}`,
    'GROUP BY 1',
  ].join('\n');
}

const DATE_NOTE = 'Over the events the dashboard date filter selects.';

export function actorLoginFactsView(o: ResolvedOptions) {
  const GROUP = 'Actor Login Facts';
  return view('actor_login_facts', {
    source: { kind: 'derived', sql: sqlText(actorLoginFactsSql(o)) },
    label: 'Actor Login Facts',
    description: `One row per actor with console sign-in attempts: counts, failures, MFA, first and last sign-in. ${DATE_NOTE}`,
  })
    .add((v) => ({
      actor: v.dimension({
        type: 'string', primaryKey: true, hidden: true, sql: v.sql`${v.table}.actor`, label: 'Actor', groupLabel: GROUP,
        description: 'The actor (same value as CloudTrail Events Actor, which is the one to show).', alias: ['username'],
      }),
      console_logins: v.dimension({
        type: 'number', sql: v.sql`${v.table}.console_logins`, label: 'Console Logins (per actor)', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: `Console sign-in attempts of the actor. ${DATE_NOTE}`, alias: ['number_of_console_logins'],
      }),
      successful_logins: v.dimension({
        type: 'number', sql: v.sql`${v.table}.successful_logins`, label: 'Successful Logins (per actor)', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: `Successful console sign-ins of the actor (responseElements.ConsoleLogin = 'Success'). ${DATE_NOTE}`,
      }),
      failed_logins: v.dimension({
        type: 'number', sql: v.sql`${v.table}.failed_logins`, label: 'Failed Logins (per actor)', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: `Failed console sign-ins of the actor (responseElements.ConsoleLogin = 'Failure'). ${DATE_NOTE}`,
      }),
      logins_without_mfa: v.dimension({
        type: 'number', sql: v.sql`${v.table}.logins_without_mfa`, label: 'Logins without MFA (per actor)', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: `Successful sign-ins of the actor with MFAUsed 'No'. ${DATE_NOTE}`,
      }),
      login_source_ip_count: v.dimension({
        type: 'number', sql: v.sql`${v.table}.login_source_ips`, label: 'Login Source IPs (per actor)', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: `Distinct IP addresses the actor signed in from. ${DATE_NOTE}`,
      }),
      first_login: v.dimensionGroup({
        type: 'time', timeframes: ['raw', 'time', 'date'], datatype: 'timestamp',
        sql: v.sql`from_iso8601_timestamp(${v.table}.first_login_at)`, label: 'First Login', groupLabel: GROUP,
        description: `First console sign-in attempt of the actor (UTC). ${DATE_NOTE}`,
      }),
      last_login: v.dimensionGroup({
        type: 'time', timeframes: ['raw', 'time', 'date'], datatype: 'timestamp',
        sql: v.sql`from_iso8601_timestamp(${v.table}.last_login_at)`, label: 'Last Login', groupLabel: GROUP,
        description: `Last console sign-in attempt of the actor (UTC). ${DATE_NOTE}`, alias: ['latest_login'],
      }),
      last_successful_login: v.dimensionGroup({
        type: 'time', timeframes: ['raw', 'time', 'date'], datatype: 'timestamp',
        sql: v.sql`from_iso8601_timestamp(${v.table}.last_successful_login_at)`, label: 'Last Successful Login', groupLabel: GROUP,
        description: `Last successful console sign-in of the actor (UTC). ${DATE_NOTE}`,
      }),
    }))
    .add((v) => ({
      has_failed_logins: v.dimension({
        type: 'yesno', sql: v.sql`${v.fields.failed_logins} > 0`, label: 'Has Failed Logins', groupLabel: GROUP,
        description: `The actor had at least one failed console sign-in. ${DATE_NOTE}`,
      }),
      count: v.measure({
        type: 'count', label: 'Actors Signing In', groupLabel: GROUP, valueFormatName: 'decimal_0', drillFields: ['login_facts*'],
        description: `Actors with at least one console sign-in attempt. ${DATE_NOTE}`,
      }),
      total_console_logins: v.measure({
        type: 'sum', sql: v.sql`${v.fields.console_logins}`, label: 'Total Console Logins (facts)', groupLabel: GROUP, valueFormatName: 'decimal_0', drillFields: ['login_facts*'],
        description: `Console sign-in attempts summed over actors. ${DATE_NOTE}`,
      }),
      total_successful_logins: v.measure({
        type: 'sum', sql: v.sql`${v.fields.successful_logins}`, label: 'Total Successful Logins (facts)', groupLabel: GROUP, valueFormatName: 'decimal_0', drillFields: ['login_facts*'],
        description: `Successful console sign-ins summed over actors. ${DATE_NOTE}`,
      }),
      total_failed_logins: v.measure({
        type: 'sum', sql: v.sql`${v.fields.failed_logins}`, label: 'Total Failed Logins (facts)', groupLabel: GROUP, valueFormatName: 'decimal_0', drillFields: ['login_facts*'],
        description: `Failed console sign-ins summed over actors. ${DATE_NOTE}`,
      }),
    }))
    .set('login_facts', ['actor', 'console_logins', 'successful_logins', 'failed_logins', 'logins_without_mfa', 'login_source_ip_count', 'last_login_time'])
    .build();
}

export function actorIpFactsView(o: ResolvedOptions) {
  const GROUP = 'Actor IP Facts';
  return view('actor_ip_facts', {
    source: { kind: 'derived', sql: sqlText(actorIpFactsSql(o)) },
    label: 'Actor IP Facts',
    description: `One row per actor: how many source IPs and regions it used, first and last seen. ${DATE_NOTE}`,
  })
    .add((v) => ({
      actor: v.dimension({
        type: 'string', primaryKey: true, hidden: true, sql: v.sql`${v.table}.actor`, label: 'Actor', groupLabel: GROUP,
        description: 'The actor (same value as CloudTrail Events Actor, which is the one to show).', alias: ['username'],
      }),
      event_count: v.dimension({
        type: 'number', sql: v.sql`${v.table}.events`, label: 'Events (per actor)', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: `Events of the actor. ${DATE_NOTE}`,
      }),
      source_ip_count: v.dimension({
        type: 'number', sql: v.sql`${v.table}.source_ips`, label: 'Source IPs (per actor)', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: `Distinct source IP addresses (or service names) of the actor's calls. ${DATE_NOTE}`, alias: ['ip_addresses'],
      }),
      login_source_ip_count: v.dimension({
        type: 'number', sql: v.sql`${v.table}.login_source_ips`, label: 'Login Source IPs (per actor)', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: `Distinct source IPs of the actor's console sign-ins. ${DATE_NOTE}`,
      }),
      region_count: v.dimension({
        type: 'number', sql: v.sql`${v.table}.regions`, label: 'Regions (per actor)', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: `Distinct AWS Regions the actor called. ${DATE_NOTE}`,
      }),
      first_seen: v.dimensionGroup({
        type: 'time', timeframes: ['raw', 'time', 'date'], datatype: 'timestamp',
        sql: v.sql`from_iso8601_timestamp(${v.table}.first_seen_at)`, label: 'First Seen', groupLabel: GROUP,
        description: `First event of the actor (UTC). ${DATE_NOTE}`,
      }),
      last_seen: v.dimensionGroup({
        type: 'time', timeframes: ['raw', 'time', 'date'], datatype: 'timestamp',
        sql: v.sql`from_iso8601_timestamp(${v.table}.last_seen_at)`, label: 'Last Seen', groupLabel: GROUP,
        description: `Last event of the actor (UTC). ${DATE_NOTE}`,
      }),
    }))
    .add((v) => ({
      uses_multiple_ips: v.dimension({
        type: 'yesno', sql: v.sql`${v.fields.source_ip_count} > 1`, label: 'Uses Multiple IPs', groupLabel: GROUP,
        description: `The actor called from more than one source IP. ${DATE_NOTE}`,
      }),
      logs_in_from_multiple_ips: v.dimension({
        type: 'yesno', sql: v.sql`${v.fields.login_source_ip_count} > 1`, label: 'Logs in from Multiple IPs', groupLabel: GROUP,
        description: `The actor signed in to the console from more than one IP. ${DATE_NOTE}`,
      }),
      count: v.measure({
        type: 'count', label: 'Actors', groupLabel: GROUP, valueFormatName: 'decimal_0', drillFields: ['ip_facts*'],
        description: `Actors with at least one event. ${DATE_NOTE}`,
      }),
      number_ip_addresses: v.measure({
        type: 'sum', sql: v.sql`${v.fields.source_ip_count}`, label: 'Source IPs (summed over actors)', groupLabel: GROUP, valueFormatName: 'decimal_0', drillFields: ['ip_facts*'],
        description: `Per-actor distinct source IPs, summed over the actors in the row. ${DATE_NOTE}`,
      }),
    }))
    .set('ip_facts', ['actor', 'event_count', 'source_ip_count', 'login_source_ip_count', 'region_count', 'last_seen_time'])
    .build();
}
