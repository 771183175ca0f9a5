/**
 * Runs every dimension of the block and the derived tables on DuckDB over the real CloudTrail
 * records in test/fixtures/cloudtrail (through the Athena shim), and checks a few meanings.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../generator/engines/duckdb/index.js';
import type { FieldIR, ViewIR } from '../../../generator/ir/project-ir.js';
import type { Sql } from '../../../generator/vocabulary/sql.js';
import { cloudtrailTable } from '../../../model/table/cloudtrail-columns.js';
import { compiled, sqlOfField, view } from './helpers.js';
import { sqlToLookml } from '../../../generator/vocabulary/sql.js';
import { cloudtrailLogsPartitionWhere } from '../../../model/explores/cloudtrail-logs.explore.js';
import { resolveOptions, type Partitioning } from '../../../model/options.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/cloudtrail');
let engine: DuckDbEngine;

beforeAll(async () => {
  engine = await DuckDbEngine.open({ data: FIXTURES, schema: cloudtrailTable, kind: 'table', tableName: 'ct' });
});
afterAll(async () => engine?.close());

/** A field's SQL with `${TABLE}` and `${field}` resolved (what Looker substitutes). */
function resolve(v: ViewIR, sql: Sql, alias: string): string {
  return sql.chunks
    .map((c) => {
      if (typeof c === 'string') return c;
      if (c.kind === 'table-ref') return alias;
      const target = v.fields.find((f) => f.name === c.field);
      if (!target || !('sql' in target)) throw new Error(`cannot resolve ${c.field}`);
      return `(${fieldSql(v, target, alias)})`;
    })
    .join('')
    .replace(/"@\{CLOUDTRAIL_SCHEMA\}"\."@\{CLOUDTRAIL_TABLE\}"/g, 'ct');
}

function fieldSql(v: ViewIR, f: FieldIR, alias: string): string {
  const s = resolve(v, sqlOfField(f), alias);
  return f.kind === 'dimension' && f.type === 'yesno' ? `CASE WHEN ${s} THEN 'Yes' ELSE 'No' END` : s;
}

/** Liquid of an unfiltered query: open date bounds, conditions always true. */
function liquidUnfiltered(sql: string): string {
  return sql
    .replace(/\{% date_(start|end) [\w.]+ %\}/g, 'NULL')
    .replace(/\{% condition [\w.]+ %\}[\s\S]*?\{% endcondition %\}/g, '1=1');
}

describe('the block on DuckDB (fixtures)', () => {
  it('every cloudtrail_logs dimension runs', async () => {
    const result = await compiled();
    const logs = view(result, 'cloudtrail_logs');
    const dims = logs.fields.filter((f) => f.kind === 'dimension' && f.type !== 'location');
    const failures: string[] = [];
    for (const f of dims) {
      try {
        await engine.run(`SELECT ${fieldSql(logs, f, 'cloudtrail_logs')} AS v FROM ct AS cloudtrail_logs LIMIT 5000`);
      } catch (e) {
        failures.push(`${f.name}: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the derived tables run (date filter open)', async () => {
    const result = await compiled();
    for (const name of ['cloudtrail_resources', 'actor_login_facts', 'actor_ip_facts']) {
      const v = view(result, name);
      if (v.source.kind !== 'derived') throw new Error('derived');
      const sql = liquidUnfiltered(resolve(v, v.source.sql, name));
      const rows = await engine.run(`SELECT count(*) AS n FROM (${sql}) AS d`);
      expect(Number(rows.rows[0]!.n), name).toBeGreaterThan(0);
    }
  });

  it('gives every event an actor, and sensible kinds', async () => {
    const result = await compiled();
    const logs = view(result, 'cloudtrail_logs');
    const sqlOf = (name: string) => fieldSql(logs, logs.fields.find((f) => f.name === name)!, 'cloudtrail_logs');
    const missing = await engine.run(`SELECT count(*) AS n FROM ct AS cloudtrail_logs WHERE ${sqlOf('actor')} IS NULL`);
    expect(Number(missing.rows[0]!.n)).toBe(0);
    const kinds = await engine.run(`SELECT DISTINCT ${sqlOf('source_ip_kind')} AS k FROM ct AS cloudtrail_logs`);
    expect(kinds.rows.map((r) => r.k)).toEqual(expect.arrayContaining(['IPv4', 'AWS service']));
    const families = await engine.run(`SELECT DISTINCT ${sqlOf('user_agent_family')} AS k FROM ct AS cloudtrail_logs`);
    expect(families.rows.map((r) => r.k)).toEqual(expect.arrayContaining(['Console', 'AWS CLI', 'SDK: Python']));
  });

  it('counts failed console logins that have no errorCode (the 2017 undercount)', async () => {
    const result = await compiled();
    const logs = view(result, 'cloudtrail_logs');
    const sqlOf = (name: string) => fieldSql(logs, logs.fields.find((f) => f.name === name)!, 'cloudtrail_logs');
    const r = await engine.run(
      `SELECT count(*) AS failed, count_if(cloudtrail_logs.errorcode = 'AccessDenied') AS seed_failed FROM ct AS cloudtrail_logs WHERE ${sqlOf('console_login_result')} = 'Failure'`,
    );
    expect(Number(r.rows[0]!.failed)).toBeGreaterThan(Number(r.rows[0]!.seed_failed));
  });
});

describe('the partition predicate on DuckDB (fixtures in the S3 layout)', () => {
  const layouts: Partitioning[] = [
    { layout: 'multi-region', account: '111122223333', regions: ['us-east-1'] },
    { layout: 'manual', account: '111122223333' },
  ];
  const literal = (day: string | null) => (day === null ? 'NULL' : `TIMESTAMP '${day} 00:00:00 UTC'`);
  const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  for (const p of layouts) {
    it(`${p.layout}: keeps every event of the date range (delivery-time partitions) and prunes other days`, async () => {
      const predicate = sqlToLookml(cloudtrailLogsPartitionWhere(resolveOptions({ partitioning: p }))).replace(
        /\$\{cloudtrail_logs\.partition_(\w+)\}/g,
        (_, c: string) => `cloudtrail_logs."${c}"`,
      );
      const days = await engine.run(
        `SELECT DISTINCT CAST(CAST(from_iso8601_timestamp(eventtime) AS DATE) AS VARCHAR) AS d FROM ct WHERE "timestamp" IS NOT NULL ORDER BY 1`,
      );
      const allDays = days.rows.map((r) => String(r.d));
      expect(allDays.length).toBeGreaterThan(3);
      // A spread of 8 days keeps the test quick.
      const eventDays = Array.from({ length: 8 }, (_, i) => allDays[Math.floor((i * allDays.length) / 8)]!);
      const ranges: [string | null, string | null][] = [
        ...eventDays.map((d) => [d, plusDays(d, 1)] as [string, string]),
        [eventDays[0]!, plusDays(eventDays[eventDays.length - 1]!, 1)],
        [null, eventDays[2]!],
        [eventDays[2]!, null],
      ];
      for (const [from, to] of ranges) {
        const where = predicate
          .replace(/\{% date_start [\w.]+ %\}/g, literal(from))
          .replace(/\{% date_end [\w.]+ %\}/g, literal(to));
        const inRange = [
          'cloudtrail_logs."timestamp" IS NOT NULL',
          from === null ? 'TRUE' : `from_iso8601_timestamp(cloudtrail_logs.eventtime) >= ${literal(from)}`,
          to === null ? 'TRUE' : `from_iso8601_timestamp(cloudtrail_logs.eventtime) < ${literal(to)}`,
        ].join(' AND ');
        const r = await engine.run(
          `SELECT count_if(${inRange}) AS wanted, count_if((${inRange}) AND (${where})) AS kept, count_if(${where}) AS read_rows, count(*) AS all_rows FROM ct AS cloudtrail_logs WHERE cloudtrail_logs."timestamp" IS NOT NULL`,
        );
        const row = r.rows[0]!;
        expect(Number(row.kept), `${from}..${to}`).toBe(Number(row.wanted));
        if (from !== null && to !== null && to === plusDays(from, 1)) {
          // One day asked for: at most that day and the next are read.
          expect(Number(row.read_rows), `${from}..${to}`).toBeLessThan(Number(row.all_rows));
        }
      }
    });
  }
});

describe('the partition predicate and late delivery', () => {
  // An event at 23:58 on 2024-05-01, delivered at 00:03 the next day: CloudTrail files it under
  // the 2024/05/02 partition. A filter on 2024-05-01 must still find it.
  let dir: string;
  let late: DuckDbEngine;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ct-late-'));
    const folder = join(dir, 'AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/02');
    mkdirSync(folder, { recursive: true });
    const record = {
      eventVersion: '1.09', eventTime: '2024-05-01T23:58:00Z', eventSource: 'iam.amazonaws.com', eventName: 'CreateUser',
      awsRegion: 'us-east-1', sourceIPAddress: '203.0.113.7', userAgent: 'aws-cli/2.15.0', eventID: 'late-1', eventType: 'AwsApiCall',
      userIdentity: { type: 'IAMUser', userName: 'alice', arn: 'arn:aws:iam::111122223333:user/alice' }, readOnly: false,
      requestParameters: { userName: 'bob' }, recipientAccountId: '111122223333', eventCategory: 'Management',
    };
    writeFileSync(join(folder, '111122223333_CloudTrail_us-east-1_20240502T0003Z_late.json.gz'), gzipSync(JSON.stringify({ Records: [record] })));
    late = await DuckDbEngine.open({ data: dir, schema: cloudtrailTable, kind: 'table', tableName: 'ct' });
  });
  afterAll(async () => {
    await late?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a one-day filter reads the next day\'s partition too, and keeps the late event', async () => {
    const predicate = sqlToLookml(cloudtrailLogsPartitionWhere(resolveOptions({ partitioning: { layout: 'single-region', account: '111122223333', region: 'us-east-1' } })))
      .replace(/\$\{cloudtrail_logs\.partition_(\w+)\}/g, (_, c: string) => `cloudtrail_logs."${c}"`)
      .replace(/\{% date_start [\w.]+ %\}/g, "TIMESTAMP '2024-05-01 00:00:00 UTC'")
      .replace(/\{% date_end [\w.]+ %\}/g, "TIMESTAMP '2024-05-02 00:00:00 UTC'");
    const r = await late.run(
      `SELECT cloudtrail_logs.eventid AS id, cloudtrail_logs."timestamp" AS day, cloudtrail_logs.useridentity.username AS who FROM ct AS cloudtrail_logs WHERE ${predicate}`,
    );
    expect(r.rows).toEqual([{ id: 'late-1', day: '2024/05/02', who: 'alice' }]);
  });
});
