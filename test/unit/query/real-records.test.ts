/**
 * Compiled queries executed by the DuckDB engine over the real CloudTrail fixture records, checked
 * against numbers computed independently here by reading the same files with plain Node
 * (zlib + JSON.parse of {"Records":[…]}).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../model/table/cloudtrail-columns.js';
import { GatedCompiler } from '../../helpers/query/sql-gate.js';
import { ctIr, isIsoTime } from '../../helpers/query/cloudtrail-project.js';
import { NOW } from '../../helpers/query/blocks.js';
import { countBy, FIXTURES, logFilesUnder, readRecords, type Rec } from '../../helpers/query/records.js';
import type { QueryRequest } from '../../../generator/query/index.js';

const ONE_FILE = `${FIXTURES}/native/ec2_proxy_s3_exfiltration_2020-09-14011940.json.gz`;
const all: Rec[] = logFilesUnder(FIXTURES).flatMap(readRecords);
const oneFile: Rec[] = readRecords(ONE_FILE);
/** The day / month of a record as the fixture's time dimension sees it (strict ISO text only). */
const dayOf = (r: Rec): string | undefined => (isIsoTime(r.eventTime) ? r.eventTime.slice(0, 10) : undefined);

const compiler = new GatedCompiler(ctIr());
let engine: DuckDbEngine;
let fileEngine: DuckDbEngine;
beforeAll(async () => {
  [engine, fileEngine] = await Promise.all([
    DuckDbEngine.open({ data: FIXTURES, schema: cloudtrailTable, kind: 'table' }),
    DuckDbEngine.open({ data: ONE_FILE, schema: cloudtrailTable, kind: 'table' }),
  ]);
});
afterAll(async () => {
  await engine?.close();
  await fileEngine?.close();
});

async function run(r: Omit<QueryRequest, 'explore' | 'now'>, on: DuckDbEngine = engine) {
  const { sql } = compiler.compile({ explore: 'ct', now: NOW, limit: 5000, ...r });
  return (await on.run(sql)).rows;
}

/** Rows of a dimension + count query as `{ key: count }`, NULL keys dropped, sorted by key. */
const asCounts = (rows: readonly Record<string, unknown>[], key: string, value: string): Record<string, number> =>
  Object.fromEntries(
    rows
      .filter((r) => r[key] !== null)
      .map((r) => [String(r[key]), Number(r[value])] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );

describe('queries on the real records agree with plain Node', () => {
  it('the engine loaded every fixture record', () => {
    expect(engine.load.skipped).toEqual([]);
    expect(engine.load.recordsRead).toBe(all.length);
    expect(fileEngine.load.recordsRead).toBe(oneFile.length);
  });

  it('events per eventSource in one file', async () => {
    const rows = await run({ fields: ['ct.event_source', 'ct.count'] }, fileEngine);
    const expected = countBy(oneFile, (r) => r.eventSource);
    expect(Object.keys(expected).length).toBeGreaterThan(1);
    expect(asCounts(rows, 'ct.event_source', 'ct.count')).toEqual(expected);
  });

  it("ConsoleLogin events whose responseElements.ConsoleLogin is 'Failure' (a filtered count measure)", async () => {
    const expected = all.filter((r) => r.eventName === 'ConsoleLogin' && r.responseElements?.['ConsoleLogin'] === 'Failure').length;
    expect(expected).toBeGreaterThan(0);
    const [row] = await run({ fields: ['ct.failed_console_logins'] });
    expect(row).toEqual({ 'ct.failed_console_logins': expected });
    // The same count as a query filter instead of a measure filter.
    const [viaFilter] = await run({ fields: ['ct.count'], filters: { 'ct.event_name': 'ConsoleLogin', 'ct.console_login_result': 'Failure' } });
    expect(viaFilter).toEqual({ 'ct.count': expected });
  });

  it('distinct userIdentity.arn', async () => {
    const expected = new Set(all.map((r) => r.userIdentity?.arn).filter((a): a is string => typeof a === 'string')).size;
    expect(expected).toBeGreaterThan(5);
    expect(await run({ fields: ['ct.distinct_arns'] })).toEqual([{ 'ct.distinct_arns': expected }]);
  });

  it('errors (errorCode present) per day', async () => {
    const expected = countBy(all.filter((r) => r.errorCode !== undefined && r.errorCode !== null), dayOf);
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    const rows = await run({ fields: ['ct.event_date', 'ct.error_count'], filters: { 'ct.error_count': '>0' } });
    expect(asCounts(rows, 'ct.event_date', 'ct.error_count')).toEqual(expected);
    // …and the same through a yesno filter in WHERE.
    const viaWhere = await run({ fields: ['ct.event_date', 'ct.count'], filters: { 'ct.is_error': 'yes' } });
    expect(asCounts(viaWhere, 'ct.event_date', 'ct.count')).toEqual(expected);
  });

  it('events in a date range filter "2020-09-14 to 2020-09-15" (the end day excluded)', async () => {
    const inRange = all.filter((r) => dayOf(r) === '2020-09-14');
    expect(inRange.length).toBeGreaterThan(100);
    expect(await run({ fields: ['ct.count'], filters: { 'ct.event_date': '2020-09-14 to 2020-09-15' } })).toEqual([{ 'ct.count': inRange.length }]);
    const bySource = await run({ fields: ['ct.event_source', 'ct.count'], filters: { 'ct.event_date': '2020-09-14 to 2020-09-15' } });
    expect(asCounts(bySource, 'ct.event_source', 'ct.count')).toEqual(countBy(inRange, (r) => r.eventSource));
  });

  it('events per month, and the top event names with a limit and a sort', async () => {
    const months = countBy(all, (r) => dayOf(r)?.slice(0, 7));
    expect(asCounts(await run({ fields: ['ct.event_month', 'ct.count'] }), 'ct.event_month', 'ct.count')).toEqual(months);
    const names = countBy(all, (r) => r.eventName);
    const rows = await run({ fields: ['ct.event_name', 'ct.count'], sorts: ['ct.count desc', 'ct.event_name asc'], limit: 3 });
    const top = Object.entries(names).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, 3);
    expect(rows.map((r) => [r['ct.event_name'], r['ct.count']])).toEqual(top);
  });

  it('a string filter with a wildcard and a negation (eventSource %amazonaws.com, not s3)', async () => {
    const expected = all.filter((r) => r.eventSource?.endsWith('amazonaws.com') && r.eventSource !== 's3.amazonaws.com').length;
    const [row] = await run({ fields: ['ct.count'], filters: { 'ct.event_source': '%amazonaws.com,-s3.amazonaws.com' } });
    expect(row).toEqual({ 'ct.count': expected });
  });
});
