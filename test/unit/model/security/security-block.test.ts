/**
 * The security content in the compiled block: it compiles and passes the static checks, the CIS
 * controls are the benchmark's metric filters, the detections have severities and a
 * deterministic order, and the row-level-security option adds (only with the option) an
 * access_filter that the query compiler enforces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticChecks } from '../../../../generator/validate/static-checks.js';
import { QueryCompiler, QueryCompileError } from '../../../../generator/query/index.js';
import { sqlToLookml } from '../../../../generator/vocabulary/sql.js';
import type { DuckDbEngine } from '../../../../generator/engines/duckdb/index.js';
import { CIS_EVENT_CONTROLS } from '../../../../model/views/cloudtrail-logs/classification.js';
import { CIS_CONTROLS, CIS_EVENTS } from '../../../../model/views/cloudtrail-logs/security/cis.js';
import { detections, SEVERITIES } from '../../../../model/views/cloudtrail-logs/security/detections.js';
import { allRecords, hasTime } from './records.js';
import { ALL_DATES, compiledWith, dashboardOf, openFixtures, queryTiles, readmeSection, runQuery, SECURITY_DASHBOARDS } from './helpers.js';

const logsField = (r: Awaited<ReturnType<typeof compiledWith>>, name: string) => {
  const f = r.ir.views.find((v) => v.name === 'cloudtrail_logs')!.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
};
const sqlOf = (f: ReturnType<typeof logsField>): string => ('sql' in f && f.sql ? sqlToLookml(f.sql) : '');

describe('the block with the security content', () => {
  it('compiles without diagnostics and passes the static checks (lint, Trino grammar) without findings on security content', async () => {
    const result = await compiledWith();
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.files).toBeDefined();
    const findings = await staticChecks(result.ir);
    expect(findings.filter((d) => d.severity === 'error')).toEqual([]);
    const ours = /cis_|detect|security|identity_access|Detection|CIS|secret|first_event_at|last_event_at|_key_calls|cross_account_calls|role_assumptions/;
    expect(findings.filter((d) => ours.test(`${d.where} ${d.origin ?? ''} ${d.file ?? ''}`))).toEqual([]);
  });

  it('has the three security dashboards, every query tile on the cloudtrail_logs explore and listening to the date filter', async () => {
    const result = await compiledWith();
    for (const name of SECURITY_DASHBOARDS) {
      const d = dashboardOf(result, name);
      expect(queryTiles(d).length, name).toBeGreaterThan(3);
      for (const t of queryTiles(d)) expect(t.listen?.['Date'], `${name} / ${t.title}`).toBe('cloudtrail_logs.event_time_date');
    }
    // One count tile per CIS control, plus the total, the trend and the tables.
    const cis = dashboardOf(result, 'cis_aws_foundations_monitoring');
    expect(queryTiles(cis).filter((t) => t.type === 'single_value')).toHaveLength(16);
    expect(queryTiles(cis).find((t) => t.name === 'cis_trend')?.pivots).toEqual(['cloudtrail_logs.cis_control']);
  });
});

describe('CIS monitoring controls', () => {
  it('are 4.1–4.15, each a yes/no with both numberings and the filter in words, and a count', async () => {
    const result = await compiledWith();
    expect(CIS_CONTROLS.map((c) => c.id)).toEqual(Array.from({ length: 15 }, (_, i) => `4.${i + 1}`));
    for (const c of CIS_CONTROLS) {
      const dim = logsField(result, c.name);
      expect(dim.kind === 'dimension' && dim.type).toBe('yesno');
      expect(dim.description).toContain(`control ${c.id} (v6.0: 5.${c.id.slice(2)}`);
      expect(dim.description).toContain('Metric filter: ');
      const count = logsField(result, `${c.name}_count`);
      expect(count.kind === 'measure' && 'filters' in count ? count.filters : undefined).toEqual(c.id === '4.1' ? { is_error: 'Yes', [c.name]: 'Yes' } : { [c.name]: 'Yes' });
    }
  });

  it('translate the metric filters faithfully', async () => {
    const result = await compiledWith();
    const cis = (id: string) => sqlOf(logsField(result, CIS_CONTROLS.find((c) => c.id === id)!.name));
    expect(cis('4.3')).toBe("${user_type} = 'Root' AND ${invoked_by} IS NULL AND ${event_type} <> 'AwsServiceEvent'");
    // The same as the core fields that already carry these CIS definitions.
    expect(cis('4.3')).toBe(sqlOf(logsField(result, 'is_root')));
    expect(cis('4.1')).toBe(sqlOf(logsField(result, 'is_unauthorized_api_call')));
    expect(cis('4.2')).toContain("COALESCE(json_extract_scalar(${additional_event_data}, '$.MFAUsed'), '') <> 'Yes'");
    expect(cis('4.2')).toContain("${user_type} = 'IAMUser'");
    expect(cis('4.2')).toContain("json_extract_scalar(${response_elements}, '$.ConsoleLogin') = 'Success'");
    expect(cis('4.6')).toBe("${event_name} = 'ConsoleLogin' AND ${error_message} = 'Failed authentication'");
    expect(cis('4.7')).toBe("${event_source} = 'kms.amazonaws.com' AND ${event_name} IN ('DisableKey', 'ScheduleKeyDeletion')");
    expect(cis('4.13')).not.toContain('event_source');
    expect(CIS_EVENTS['4.4']).toHaveLength(16);
    expect(CIS_EVENTS['4.15']).toHaveLength(18);
  });

  it('use the same event lists as the core CIS classification, except 4.10 (the core adds ModifySecurityGroupRules, which the benchmark does not list)', () => {
    for (const core of CIS_EVENT_CONTROLS) {
      const id = core.control.split(' ')[0] as keyof typeof CIS_EVENTS;
      const ours = [...CIS_EVENTS[id]].sort();
      const theirs = [...core.events].sort();
      if (id === '4.10') expect(theirs.filter((e) => !ours.includes(e as never))).toEqual(['ModifySecurityGroupRules']);
      else expect(theirs, id).toEqual(ours);
    }
  });

  it('cis_control picks the lowest control number and sorts numerically', async () => {
    const result = await compiledWith();
    const f = logsField(result, 'cis_control');
    expect(f.kind === 'dimension' && 'orderByField' in f ? f.orderByField : undefined).toBe('cis_control_sort');
    const whens = [...sqlOf(f).matchAll(/THEN '([0-9.]+) /g)].map((m) => m[1]);
    expect(whens).toEqual(CIS_CONTROLS.map((c) => c.id));
  });
});

describe('detections', () => {
  it('are at least 20, each a yes/no with a severity and a description, combined into name, severity, is_detection and counts', async () => {
    const result = await compiledWith();
    const list = detections({ allowedRegions: [], trailBucket: undefined });
    expect(list.length).toBeGreaterThanOrEqual(20);
    for (const d of list) {
      expect(SEVERITIES).toContain(d.severity);
      const f = logsField(result, d.name);
      expect(f.kind === 'dimension' && f.type).toBe('yesno');
      expect(f.description).toContain(`severity ${d.severity}`);
    }
    for (const name of ['detection_name', 'detection_severity', 'is_detection', 'detections_all', 'detections', 'critical_detections', 'low_detections']) logsField(result, name);
    const sev = sqlOf(logsField(result, 'detection_severity'));
    const order = [...sev.matchAll(/THEN '(critical|high|medium|low)'/g)].map((m) => SEVERITIES.indexOf(m[1] as never));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('name the trail bucket from the bucket option, and the region allow list from detections.allowedRegions', async () => {
    const result = await compiledWith({ bucket: 's3://acme-trail-logs/prefix', detections: { allowedRegions: ['eu-west-1'] } });
    expect(sqlOf(logsField(result, 'detect_cloudtrail_bucket_policy_changed'))).toContain("${bucket_name} = 'acme-trail-logs'");
    expect(sqlOf(logsField(result, 'detect_unusual_region'))).toBe("${aws_region} NOT IN ('eu-west-1')");
    const none = await compiledWith();
    expect(sqlOf(logsField(none, 'detect_unusual_region'))).toBe('FALSE');
    expect(logsField(none, 'detect_unusual_region').description).toContain('flags nothing');
  });
});

describe('row-level security (option rowLevelSecurity)', () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await openFixtures();
  }, 60_000);
  afterAll(async () => engine?.close());

  it('adds no access_filter without the option', async () => {
    const result = await compiledWith();
    expect(result.ir.explores.find((e) => e.name === 'cloudtrail_logs')?.accessFilters).toBeUndefined();
    expect((result.files ?? []).some((f) => f.content.includes('access_filter'))).toBe(false);
  });

  it('adds an access_filter on the recipient account tied to the user attribute (default aws_account_ids, or the one named)', async () => {
    for (const [options, attribute] of [[{}, 'aws_account_ids'], [{ userAttribute: 'allowed_aws_accounts' }, 'allowed_aws_accounts']] as const) {
      const result = await compiledWith({ rowLevelSecurity: options });
      expect(result.ir.explores.find((e) => e.name === 'cloudtrail_logs')?.accessFilters).toEqual([
        { field: 'cloudtrail_logs.recipient_account_id', userAttribute: attribute },
      ]);
      const explore = (result.files ?? []).find((f) => f.path === 'explores/cloudtrail_logs.explore.lkml')!;
      expect(explore.content).toMatch(new RegExp(`access_filter: \\{\\s*field: cloudtrail_logs\\.recipient_account_id\\s*user_attribute: ${attribute}\\s*\\}`));
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }
  });

  it('a query without the user attribute fails with a message naming it', async () => {
    const result = await compiledWith({ rowLevelSecurity: {} });
    const compiler = new QueryCompiler(result.ir);
    expect(() => compiler.compile({ explore: 'cloudtrail_logs', fields: ['cloudtrail_logs.count'], now: new Date() })).toThrow(QueryCompileError);
    expect(() => compiler.compile({ explore: 'cloudtrail_logs', fields: ['cloudtrail_logs.count'], now: new Date() })).toThrow(/user attribute "aws_account_ids"/);
  });

  it('with the attribute, a query and every security tile see only those accounts', async () => {
    const result = await compiledWith({ rowLevelSecurity: {} });
    const compiler = new QueryCompiler(result.ir);
    const records = allRecords().filter(hasTime);
    const account = '123837392027';
    const other = '847129010505';
    for (const value of [account, `${account},${other}`]) {
      const allowed = value.split(',');
      const expected = records.filter((r) => allowed.includes(String(r['recipientAccountId']))).length;
      expect(expected).toBeGreaterThan(0);
      const rows = await runQuery(engine, compiler, { fields: ['cloudtrail_logs.recipient_account_id', 'cloudtrail_logs.count'], userAttributes: { aws_account_ids: value } });
      expect(rows.map((r) => r['cloudtrail_logs.recipient_account_id']).sort()).toEqual([...allowed].sort());
      expect(rows.reduce((n, r) => n + Number(r['cloudtrail_logs.count']), 0)).toBe(expected);
    }
    // Dashboard tiles carry the filter too.
    const d = dashboardOf(result, 'detections');
    const { tileQuery } = await import('../../../../generator/query/index.js');
    const latest = queryTiles(d).find((t) => t.name === 'latest')!;
    const { sql } = compiler.compile(tileQuery(d, latest, { now: new Date(), dashboardFilters: { Date: ALL_DATES }, userAttributes: { aws_account_ids: account } }));
    expect(sql).toContain(`cloudtrail_logs.recipientaccountid = '${account}'`);
    const rows = (await engine.run(sql)).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['cloudtrail_logs.recipient_account_id'] === account)).toBe(true);
  });

  it('is documented in the README', () => {
    const section = readmeSection('Row-level security');
    expect(section).toContain('rowLevelSecurity');
    expect(section).toContain('aws_account_ids');
  });
});
