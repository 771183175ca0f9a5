/**
 * Every tile of the operations dashboards runs on DuckDB over the CloudTrail fixtures, and the
 * numbers of several tiles match answers computed by hand from the S3-layout delivery files
 * (invictus-ir, 2023-07-10 11:42–12:37 UTC) with plain Node: zlib, JSON.parse, counting. The
 * other fixture files are loose (no S3 partition), so the explore's partition predicate leaves
 * them out, and none of them falls in the 7 days before NOW anyway.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../../generator/engines/duckdb/index.js';
import type { Cell } from '../../../../generator/engines/engine.js';
import { QueryCompiler, tileQuery, type TileQueryOptions } from '../../../../generator/query/index.js';
import type { CompileResult } from '../../../../generator/compile.js';
import type { DashboardDef, QueryTile } from '../../../../generator/vocabulary/dashboard.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { compiledWith, dashboardOf, operationsOf, queryTiles, tileOf } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/cloudtrail');
const S3_FILES = join(FIXTURES, 'invictus-ir-aws_dataset/AWSLogs');
/** Two days after the invictus deliveries: "7 days" covers 2023-07-06 … 2023-07-12. */
const NOW = new Date('2023-07-12T00:00:00Z');

// ---------------------------------------------------------------------------------------------
// The fixture records, read without the compiler or the engine.

interface RawRecord {
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress?: string;
  errorCode?: string;
  userIdentity?: { type?: string; userName?: string; invokedBy?: string };
  requestParameters?: Record<string, unknown> | null;
  responseElements?: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown> | null;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const RECORDS: readonly RawRecord[] = filesUnder(S3_FILES)
  .filter((f) => f.endsWith('.json.gz'))
  .flatMap((f) => (JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: RawRecord[] }).Records);

function countBy<T>(items: readonly T[], key: (t: T) => string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

const isError = (r: RawRecord): boolean => (r.errorCode ?? '') !== '';
const service = (r: RawRecord): string => r.eventSource.split('.')[0]!;
const loginResult = (r: RawRecord): unknown => (r.eventName === 'ConsoleLogin' ? r.responseElements?.['ConsoleLogin'] : undefined);

// ---------------------------------------------------------------------------------------------
// The tiles, compiled and run.

let result: CompileResult;
let engine: DuckDbEngine;
let compiler: QueryCompiler;

beforeAll(async () => {
  result = await compiledWith();
  compiler = new QueryCompiler(result.ir);
  engine = await DuckDbEngine.open({ data: FIXTURES, schema: cloudtrailTable, kind: 'table' });
  await engine.exposeAs('default', 'cloudtrail_logs');
}, 120_000);
afterAll(async () => engine?.close());

async function run(d: DashboardDef, t: QueryTile, o: Partial<TileQueryOptions> = {}): Promise<Record<string, Cell>[]> {
  const q = compiler.compile(tileQuery(d, t, { now: NOW, ...o }));
  return [...(await engine.run(q.sql)).rows];
}

async function rowsOf(dashboard: string, title: string, o: Partial<TileQueryOptions> = {}): Promise<Record<string, Cell>[]> {
  const d = dashboardOf(result, dashboard);
  return run(d, tileOf(d, title), o);
}

/** Rows → Map of key column → number column. */
function mapOf(rows: readonly Record<string, Cell>[], key: string, value: string): Map<string, number> {
  return new Map(rows.map((r) => [String(r[key]), Number(r[value])]));
}

/**
 * A top-N tile against the hand count: every row's value equals the hand count of its key, and
 * the values are the N largest (ties at the cut may pick any of the tied keys).
 */
function expectTopN(rows: readonly Record<string, Cell>[], key: string, value: string, hand: Map<string, number>, n: number): void {
  expect(rows).toHaveLength(Math.min(n, hand.size));
  for (const r of rows) expect([String(r[key]), Number(r[value])]).toEqual([String(r[key]), hand.get(String(r[key]))]);
  const top = [...hand.values()].sort((a, b) => b - a).slice(0, n);
  expect(rows.map((r) => Number(r[value]))).toEqual(top);
}

describe('the fixture data the numbers are checked against', () => {
  it('the engine loaded every S3-layout delivery file (a skipped file would make every count below wrong)', () => {
    expect(engine.load.skipped.filter((s) => s.path.includes('AWSLogs')).map((s) => `${s.path}: ${s.reason.slice(0, 120)}`)).toEqual([]);
  });

  it('holds the invictus deliveries of 2023-07-10', () => {
    expect(RECORDS.length).toBe(2900);
    expect(RECORDS.every((r) => r.eventTime.startsWith('2023-07-10T'))).toBe(true);
  });
});

describe('every operations tile executes on DuckDB', () => {
  it('with the default 7-day date filter, and selects rows where the fixtures have them', async () => {
    const failures: string[] = [];
    let tilesRun = 0;
    for (const d of operationsOf(result)) {
      for (const t of queryTiles(d)) {
        try {
          await run(d, t);
          tilesRun++;
        } catch (e) {
          failures.push(`${d.name} / ${t.title}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(tilesRun).toBe(25);
    // The date filter selects the fixture day: the all-events tile sees every invictus record.
    const byRegion = await rowsOf('general_operations', 'Events by Region');
    expect(byRegion.reduce((n, r) => n + Number(r['cloudtrail_logs.count']), 0)).toBe(RECORDS.length);
  });

  it('a date range before the data selects nothing (the filter reaches the tiles)', async () => {
    const rows = await rowsOf('general_operations', 'Top 10 Events', { dashboardFilters: { Date: '2023-07-01 to 2023-07-09' } });
    expect(rows).toEqual([]);
  });
});

describe('tile numbers equal hand counts from the fixture files', () => {
  it('General Operations / Top 10 Events: events per service action', async () => {
    const rows = await rowsOf('general_operations', 'Top 10 Events');
    const hand = countBy(RECORDS, (r) => `${service(r)}:${r.eventName}`);
    expectTopN(rows, 'cloudtrail_logs.service_event_name', 'cloudtrail_logs.count', hand, 10);
    expect(rows[0]).toEqual({ 'cloudtrail_logs.service_event_name': 'kms:Decrypt', 'cloudtrail_logs.count': 178 });
  });

  it('General Operations / Events by Source: events per event source', async () => {
    const rows = await rowsOf('general_operations', 'Events by Source');
    const hand = countBy(RECORDS, (r) => r.eventSource);
    expect(mapOf(rows, 'cloudtrail_logs.event_source', 'cloudtrail_logs.count')).toEqual(hand);
    expect(hand.get('ec2.amazonaws.com')).toBe(892);
  });

  it('General Operations / EC2 Instance Changes: successful instance state calls per day and name', async () => {
    const rows = await rowsOf('general_operations', 'EC2 Instance Changes');
    const names = new Set(['RunInstances', 'StartInstances', 'StopInstances', 'RebootInstances', 'TerminateInstances']);
    const hand = countBy(RECORDS, (r) =>
      r.eventSource === 'ec2.amazonaws.com' && names.has(r.eventName) && !isError(r) ? `${r.eventTime.slice(0, 10)} ${r.eventName}` : undefined);
    const got = new Map(rows.map((r) => [`${String(r['cloudtrail_logs.event_time_date']).slice(0, 10)} ${String(r['cloudtrail_logs.event_name'])}`, Number(r['cloudtrail_logs.count'])]));
    expect(got).toEqual(hand);
    expect(hand).toEqual(new Map([['2023-07-10 RunInstances', 2], ['2023-07-10 TerminateInstances', 2]]));
  });

  it('Error Overview / Top Error Codes: errors per errorCode', async () => {
    const rows = await rowsOf('error_overview', 'Top Error Codes');
    const hand = countBy(RECORDS, (r) => (isError(r) ? r.errorCode : undefined));
    expectTopN(rows, 'cloudtrail_logs.error_code', 'cloudtrail_logs.error_count', hand, 10);
    const category = new Map(rows.map((r) => [r['cloudtrail_logs.error_code'], r['cloudtrail_logs.error_category']]));
    expect(category.get('ThrottlingException')).toBe('Throttling');
    expect(category.get('Client.UnauthorizedOperation')).toBe('Access denied');
    expect(category.get('AccessDenied')).toBe('Access denied');
    expect(category.get('NoSuchBucketPolicy')).toBe('Not found');
  });

  it('Error Overview / Errors by Source: errors and events per source with at least one error', async () => {
    const rows = await rowsOf('error_overview', 'Errors by Source');
    const errors = countBy(RECORDS, (r) => (isError(r) ? r.eventSource : undefined));
    const events = countBy(RECORDS, (r) => r.eventSource);
    expect(mapOf(rows, 'cloudtrail_logs.event_source', 'cloudtrail_logs.error_count')).toEqual(errors);
    for (const r of rows) {
      const source = String(r['cloudtrail_logs.event_source']);
      expect(Number(r['cloudtrail_logs.count'])).toBe(events.get(source));
      expect(Number(r['cloudtrail_logs.error_rate'])).toBeCloseTo(errors.get(source)! / events.get(source)!, 10);
    }
  });

  it('Console Login Overview / Console Logins Over Time: succeeded and failed sign-ins per day', async () => {
    const rows = await rowsOf('console_login_overview', 'Console Logins Over Time');
    const logins = RECORDS.filter((r) => r.eventName === 'ConsoleLogin');
    const days = [...new Set(logins.map((r) => r.eventTime.slice(0, 10)))].sort();
    const hand = days.map((day) => ({
      day,
      success: logins.filter((r) => r.eventTime.startsWith(day) && loginResult(r) === 'Success').length,
      failure: logins.filter((r) => r.eventTime.startsWith(day) && loginResult(r) === 'Failure').length,
      all: logins.filter((r) => r.eventTime.startsWith(day)).length,
    }));
    expect(rows.map((r) => ({
      day: String(r['cloudtrail_logs.event_time_date']).slice(0, 10),
      success: Number(r['cloudtrail_logs.console_login_success_count']),
      failure: Number(r['cloudtrail_logs.console_login_failure_count']),
      all: Number(r['cloudtrail_logs.console_login_count']),
    }))).toEqual(hand);
    expect(hand).toEqual([{ day: '2023-07-10', success: 2, failure: 0, all: 2 }]);
  });

  it('Console Login Overview / Logins without Multi-Factor Auth: IAM user and root sign-ins with MFAUsed No', async () => {
    const rows = await rowsOf('console_login_overview', 'Logins without Multi-Factor Auth');
    const hand = countBy(RECORDS, (r) =>
      loginResult(r) === 'Success' && r.additionalEventData?.['MFAUsed'] === 'No' && ['IAMUser', 'Root'].includes(r.userIdentity?.type ?? '')
        ? (r.userIdentity?.type === 'Root' ? 'root' : r.userIdentity?.userName) : undefined);
    expect(mapOf(rows, 'cloudtrail_logs.actor', 'cloudtrail_logs.console_logins_without_mfa')).toEqual(hand);
    expect(hand).toEqual(new Map([['stratus-red-team-nmfalu-gfjyeaypjt', 1]]));
  });

  it('Console Login Overview / Logins from Multiple IP Addresses: the actor-keyed login facts join', async () => {
    expect(await rowsOf('console_login_overview', 'Logins from Multiple IP Addresses')).toEqual([]);
    // With the ">1" loosened, each signing-in actor shows its own per-actor facts.
    const rows = await rowsOf('console_login_overview', 'Logins from Multiple IP Addresses', { extraFilters: { 'actor_login_facts.login_source_ip_count': '>=1' } });
    const logins = RECORDS.filter((r) => r.eventName === 'ConsoleLogin');
    const hand = new Map([...countBy(logins, (r) => r.userIdentity?.userName)].map(([actor, n]) => [actor, {
      ips: new Set(logins.filter((r) => r.userIdentity?.userName === actor).map((r) => r.sourceIPAddress)).size, logins: n,
    }]));
    expect(new Map(rows.map((r) => [String(r['cloudtrail_logs.actor']), {
      ips: Number(r['actor_login_facts.login_source_ip_count']), logins: Number(r['actor_login_facts.console_logins']),
    }]))).toEqual(hand);
  });

  it('EC2 Security Group Modifications: changes per security group ID and event name', async () => {
    const rows = await rowsOf('ec2_security_group_modifications', 'Security Group Modifications');
    const sgEvents = new Set([
      'AuthorizeSecurityGroupIngress', 'AuthorizeSecurityGroupEgress', 'RevokeSecurityGroupIngress', 'RevokeSecurityGroupEgress',
      'CreateSecurityGroup', 'DeleteSecurityGroup', 'ModifySecurityGroupRules', 'ModifyNetworkInterfaceAttribute',
    ]);
    const changes = RECORDS.filter((r) => sgEvents.has(r.eventName));
    const groupOf = (r: RawRecord): string => String(r.requestParameters?.['groupId'] ?? r.responseElements?.['groupId'] ?? 'null');
    const sum = (rs: readonly Record<string, Cell>[], key: (r: Record<string, Cell>) => string): Map<string, number> => {
      const m = new Map<string, number>();
      for (const r of rs) m.set(key(r), (m.get(key(r)) ?? 0) + Number(r['cloudtrail_logs.count']));
      return m;
    };
    expect(sum(rows, (r) => `${String(r['cloudtrail_logs.security_group_id'])} ${String(r['cloudtrail_logs.event_name'])}`))
      .toEqual(countBy(changes, (r) => `${groupOf(r)} ${r.eventName}`));
    expect(sum(rows, (r) => String(r['cloudtrail_logs.security_group_id']))).toEqual(new Map([['sg-04cfb7a4712d75b00', 8]]));
    expect(rows.filter((r) => r['cloudtrail_logs.error_code'] !== null).map((r) => r['cloudtrail_logs.error_code'])).toEqual(['Client.InvalidPermission.NotFound']);
    // The Security Group filter narrows to one group; another ID selects nothing.
    expect(await rowsOf('ec2_security_group_modifications', 'Security Group Modifications', { dashboardFilters: { 'Security Group': 'sg-0000000000000000' } })).toEqual([]);
  });

  it('Operational Account Activity / Root Activity: events of the root identity (none in the fixtures)', async () => {
    const rows = await rowsOf('operational_account_activity', 'Root Activity');
    expect(rows).toHaveLength(RECORDS.filter((r) => r.userIdentity?.type === 'Root').length);
    expect(rows).toEqual([]);
  });

  it('Operational Account Activity / Top AWS Event Errors: errors per action, code and message', async () => {
    const rows = await rowsOf('operational_account_activity', 'Top AWS Event Errors');
    const messageOf = (r: RawRecord): string => String((r as { errorMessage?: string }).errorMessage ?? 'null');
    const hand = countBy(RECORDS, (r) => (isError(r) ? `${service(r)}:${r.eventName} | ${r.errorCode} | ${messageOf(r)}` : undefined));
    expectTopN(rows.map((r) => ({
      key: `${String(r['cloudtrail_logs.service_event_name'])} | ${String(r['cloudtrail_logs.error_code'])} | ${String(r['cloudtrail_logs.error_message'])}`,
      n: r['cloudtrail_logs.error_count'] ?? null,
    })), 'key', 'n', hand, 15);
  });
});
