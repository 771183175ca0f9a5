/**
 * The security dashboards on DuckDB over the real CloudTrail fixture records (invictus-ir and
 * Stratus Red Team attack simulations, Panther rule tests, …): every tile runs, and every CIS
 * control and detection the data can trigger is counted exactly as plain Node counts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompileResult } from '../../../../generator/compile.js';
import type { DuckDbEngine } from '../../../../generator/engines/duckdb/index.js';
import { QueryCompiler } from '../../../../generator/query/index.js';
import { CIS_CONTROLS, cisLabel } from '../../../../model/views/cloudtrail-logs/security/cis.js';
import { AGGREGATE_DETECTIONS, detections, severityRank } from '../../../../model/views/cloudtrail-logs/security/detections.js';
import type { Rec } from '../../../helpers/query/records.js';
import { allRecords, CIS_JS, detectionsJs, hasTime, viewOf, type View } from './records.js';
import {
  ALL_DATES, compiledWith, dashboardOf, openFixtures, queryTiles, readmeSection, runQuery, runTile, SECURITY_DASHBOARDS, tileNamed,
} from './helpers.js';

/** What the bundled fixtures cannot trigger (the README's list is checked against this too). */
export const NOT_EXERCISED = {
  cis: [] as readonly string[],
  detections: [
    'detect_guardduty_disabled', 'detect_ebs_default_encryption_disabled', 'detect_mfa_device_deactivated', 'detect_user_added_to_group',
    // Flags nothing without a region allow list (the default); exercised below with one.
    'detect_unusual_region',
  ] as readonly string[],
  aggregate: ['consoleBruteForce'] as readonly string[],
};

const records: Rec[] = allRecords().filter(hasTime);
const views: View[] = records.map(viewOf);
const DETECTIONS = detections({ allowedRegions: [], trailBucket: undefined });
const DETECT_JS = detectionsJs();

let result: CompileResult;
let compiler: QueryCompiler;
let engine: DuckDbEngine;

beforeAll(async () => {
  result = await compiledWith();
  compiler = new QueryCompiler(result.ir);
  engine = await openFixtures();
}, 60_000);
afterAll(async () => engine?.close());

const num = (x: unknown): number => Number(x ?? 0);

describe('the fixtures as the block sees them', () => {
  it('loads every record and keeps those with a time in the date range', async () => {
    expect(engine.load.skipped).toEqual([]);
    const [row] = await runQuery(engine, compiler, { fields: ['cloudtrail_logs.count'] });
    expect(num(row!['cloudtrail_logs.count'])).toBe(records.length);
  });
});

describe('every security tile runs on DuckDB', () => {
  for (const name of SECURITY_DASHBOARDS) {
    it(`${name}: every query tile compiles and runs`, async () => {
      const d = dashboardOf(result, name);
      const failures: string[] = [];
      for (const t of queryTiles(d)) {
        try {
          await runTile(engine, compiler, d, t);
        } catch (e) {
          failures.push(`${t.title}: ${(e as Error).message.split('\n')[0]}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('the tiles also run with the dashboards\' default filters (relative dates from a "now" inside the data)', async () => {
    for (const name of SECURITY_DASHBOARDS) {
      const d = dashboardOf(result, name);
      for (const t of queryTiles(d)) await runTile(engine, compiler, d, t, {});
    }
  });
});

describe('CIS monitoring: each control tile counts what plain Node counts', () => {
  const d = () => dashboardOf(result, 'cis_aws_foundations_monitoring');

  for (const c of CIS_CONTROLS) {
    it(`${cisLabel(c)}`, async () => {
      const expected = views.filter(CIS_JS[c.id]!).length;
      const [row] = await runTile(engine, compiler, d(), tileNamed(d(), `cis_${c.id.replace('.', '_')}`));
      expect(num(Object.values(row!)[0])).toBe(expected);
      expect(expected > 0, `fires on the fixtures: ${c.id}`).toBe(!NOT_EXERCISED.cis.includes(c.id));
    });
  }

  it('the total counts each event once', async () => {
    const expected = views.filter((v) => Object.values(CIS_JS).some((p) => p(v))).length;
    const [row] = await runTile(engine, compiler, d(), tileNamed(d(), 'cis_total'));
    expect(num(row!['cloudtrail_logs.cis_event_count'])).toBe(expected);
  });

  it('cis_control is the lowest matching control; the trend tile sums to the same per control', async () => {
    const first = (v: View) => CIS_CONTROLS.find((c) => CIS_JS[c.id]!(v));
    const expected: Record<string, number> = {};
    for (const v of views) {
      const c = first(v);
      if (c) expected[cisLabel(c)] = (expected[cisLabel(c)] ?? 0) + 1;
    }
    const rows = await runTile(engine, compiler, d(), tileNamed(d(), 'cis_trend'), { Date: ALL_DATES });
    const got: Record<string, number> = {};
    for (const r of rows) {
      const k = String(r['cloudtrail_logs.cis_control']);
      got[k] = (got[k] ?? 0) + num(r['cloudtrail_logs.cis_event_count']);
    }
    expect(got).toEqual(expected);
    // Every combination of matches, with the control it is listed under: the lowest number wins.
    const combos: Record<string, number> = {};
    for (const v of views) {
      const all = CIS_CONTROLS.filter((c) => CIS_JS[c.id]!(v));
      if (all.length === 0) continue;
      const k = `${cisLabel(all[0]!)}|${all.map((c) => c.id).join(', ')}`;
      combos[k] = (combos[k] ?? 0) + 1;
    }
    const rows2 = await runQuery(engine, compiler, {
      fields: ['cloudtrail_logs.cis_control', 'cloudtrail_logs.cis_controls_all', 'cloudtrail_logs.count'],
      filters: { 'cloudtrail_logs.cis_control': '-NULL' },
    });
    expect(Object.fromEntries(rows2.map((r) => [`${r['cloudtrail_logs.cis_control']}|${r['cloudtrail_logs.cis_controls_all']}`, num(r['cloudtrail_logs.count'])]))).toEqual(combos);
    expect(Object.keys(combos).some((k) => k.includes(','))).toBe(true);
  });

  it('the latest-events table lists matching events, newest first', async () => {
    const rows = await runTile(engine, compiler, d(), tileNamed(d(), 'cis_latest'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['cloudtrail_logs.cis_control'] !== null)).toBe(true);
    const times = rows.map((r) => String(r['cloudtrail_logs.event_time_time']));
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('Detections: each detection counts what plain Node counts', () => {
  for (const det of DETECTIONS) {
    it(`${det.name} (${det.severity})`, async () => {
      const expected = views.filter(DETECT_JS[det.name]!).length;
      const [row] = await runQuery(engine, compiler, { fields: ['cloudtrail_logs.count'], filters: { [`cloudtrail_logs.${det.name}`]: 'Yes' } });
      expect(num(row!['cloudtrail_logs.count'])).toBe(expected);
      expect(expected > 0, `fires on the fixtures: ${det.name}`).toBe(!NOT_EXERCISED.detections.includes(det.name));
    });
  }

  it('there are at least 20 detections, each with a JS twin, in severity-then-name order', () => {
    expect(DETECTIONS.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(DETECT_JS).sort()).toEqual(DETECTIONS.map((x) => x.name).sort());
    const keys = DETECTIONS.map((x) => [severityRank(x.severity), x.title] as const);
    expect([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))).toEqual(keys);
  });

  it('detection_name is the most severe match (then by name): the by-name tile and the severity tiles agree with Node', async () => {
    const d = dashboardOf(result, 'detections');
    const primary = (v: View) => DETECTIONS.find((x) => DETECT_JS[x.name]!(v));
    const byName: Record<string, number> = {};
    const bySeverity: Record<string, number> = {};
    for (const v of views) {
      const p = primary(v);
      if (!p) continue;
      byName[p.title] = (byName[p.title] ?? 0) + 1;
      bySeverity[p.severity] = (bySeverity[p.severity] ?? 0) + 1;
    }
    const rows = await runTile(engine, compiler, d, tileNamed(d, 'by_name'));
    expect(Object.fromEntries(rows.map((r) => [r['cloudtrail_logs.detection_name'], num(r['cloudtrail_logs.detections'])]))).toEqual(byName);
    for (const s of ['critical', 'high', 'medium', 'low'] as const) {
      const [row] = await runTile(engine, compiler, d, tileNamed(d, `detections_${s}`));
      expect(num(row![`cloudtrail_logs.${s}_detections`]), s).toBe(bySeverity[s] ?? 0);
    }
    const [total] = await runTile(engine, compiler, d, tileNamed(d, 'detections_total'));
    expect(num(total!['cloudtrail_logs.detections'])).toBe(Object.values(byName).reduce((a, b) => a + b, 0));
  });

  it('the latest-detections table drills to the events (actor, IP, region, event, detection)', async () => {
    const d = dashboardOf(result, 'detections');
    const rows = await runTile(engine, compiler, d, tileNamed(d, 'latest'));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['cloudtrail_logs.detection_name'] !== null && r['cloudtrail_logs.detection_severity'] !== null)).toBe(true);
    const measure = result.ir.views.find((v) => v.name === 'cloudtrail_logs')!.fields.find((f) => f.name === 'detections');
    expect(measure && 'drillFields' in measure ? measure.drillFields : []).toEqual(
      expect.arrayContaining(['event_time_time', 'actor', 'source_ip_address', 'aws_region', 'event_name', 'detection_name', 'event_id']),
    );
  });

  it('the region allow list: none configured flags nothing; with one, events elsewhere fire', async () => {
    expect(views.filter(detectionsJs()['detect_unusual_region']!).length).toBe(0);
    const withList = await compiledWith({ detections: { allowedRegions: ['us-east-1', 'us-west-2'] } });
    const c = new QueryCompiler(withList.ir);
    const expected = views.filter(detectionsJs(['us-east-1', 'us-west-2'])['detect_unusual_region']!).length;
    expect(expected).toBeGreaterThan(0);
    const [row] = await runQuery(engine, c, { fields: ['cloudtrail_logs.count'], filters: { 'cloudtrail_logs.detect_unusual_region': 'Yes' } });
    expect(num(row!['cloudtrail_logs.count'])).toBe(expected);
  });
});

describe('aggregate detections: measure tiles with a HAVING filter on a count', () => {
  /** Counts per key, kept at or above a threshold. */
  function groups(key: (r: Rec, v: View) => string | null, keep: (v: View) => boolean, threshold: number): Record<string, number> {
    const m: Record<string, number> = {};
    records.forEach((r, i) => {
      const v = views[i]!;
      if (!keep(v)) return;
      const k = key(r, v);
      if (k !== null) m[k] = (m[k] ?? 0) + 1;
    });
    return Object.fromEntries(Object.entries(m).filter(([, n]) => n >= threshold));
  }
  /** The hour a record falls in, as the event_time_hour timeframe prints it. */
  const hourOf = (r: Rec) => `${r.eventTime!.slice(0, 10)} ${r.eventTime!.slice(11, 13)}`;
  const actorOf = (v: View) => v.userType === 'IAMUser' ? v.userName : null;

  it('secrets read in bulk: actors with 20+ GetSecretValue / BatchGetSecretValue in an hour', async () => {
    const { threshold } = AGGREGATE_DETECTIONS.secretsBulkRead;
    const isRead = (v: View) => v.eventSource === 'secretsmanager.amazonaws.com' && (v.eventName === 'GetSecretValue' || v.eventName === 'BatchGetSecretValue');
    // The bulk readers in the fixtures are IAM users, whose actor is the user name.
    const expected = groups((r, v) => (actorOf(v) ? `${hourOf(r)}|${actorOf(v)}` : null), isRead, threshold);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    const d = dashboardOf(result, 'detections');
    const rows = await runTile(engine, compiler, d, tileNamed(d, 'secrets_bulk_read'));
    const got = Object.fromEntries(rows.map((r) => [`${String(r['cloudtrail_logs.event_time_hour']).slice(0, 13)}|${r['cloudtrail_logs.actor']}`, num(r['cloudtrail_logs.secret_value_reads'])]));
    expect(got).toEqual(expected);
  });

  it('console brute force: 10+ failed sign-ins from one IP in an hour (none in the fixtures; below the threshold there are some)', async () => {
    const { threshold } = AGGREGATE_DETECTIONS.consoleBruteForce;
    const failed = (v: View) => v.eventName === 'ConsoleLogin' && v.resp !== null && typeof v.resp === 'object' && (v.resp as Record<string, unknown>)['ConsoleLogin'] === 'Failure';
    const below = groups((r, v) => (v.sourceIp ? `${hourOf(r)}|${v.sourceIp}` : null), failed, 1);
    expect(Object.keys(below).length).toBeGreaterThan(0);
    const expected = groups((r, v) => (v.sourceIp ? `${hourOf(r)}|${v.sourceIp}` : null), failed, threshold);
    const d = dashboardOf(result, 'detections');
    const rows = await runTile(engine, compiler, d, tileNamed(d, 'console_brute_force'));
    expect(rows.length).toBe(Object.keys(expected).length);
    expect(rows.length > 0).toBe(!NOT_EXERCISED.aggregate.includes('consoleBruteForce'));
  });
});

describe('the README lists exactly what the fixtures cannot exercise', () => {
  it('its "not exercised" list matches reality', () => {
    const section = readmeSection('Security content');
    expect(section, 'README has a "## Security content" section').not.toBe('');
    const list = section.slice(section.indexOf('Not exercised by the bundled test fixtures'));
    const named = [...list.matchAll(/`([a-z0-9_.]+)`/g)].map((m) => m[1]!);
    const expected = [
      ...NOT_EXERCISED.cis.map((id) => CIS_CONTROLS.find((c) => c.id === id)!.name),
      ...NOT_EXERCISED.detections,
      ...NOT_EXERCISED.aggregate.map((k) => (k === 'consoleBruteForce' ? 'console_brute_force' : 'secrets_bulk_read')),
    ];
    expect(new Set(named)).toEqual(new Set(expected));
  });
});
