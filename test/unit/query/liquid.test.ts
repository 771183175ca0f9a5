/**
 * Liquid in field SQL and derived tables, rendered per query: {% condition %}, {% date_start %} /
 * {% date_end %}, _is_filtered, {% parameter %} / _parameter_value (string and unquoted), and
 * _user_attributes. Values are checked on DuckDB over the events fixture tables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCompileError, type QueryRequest } from '../../../generator/query/index.js';
import { GatedCompiler } from '../../helpers/query/sql-gate.js';
import { liquidIr } from '../../helpers/query/liquid-project.js';
import { eventsIr } from '../../helpers/query/events-project.js';
import { NOW } from '../../helpers/query/blocks.js';
import { openEventsDb } from '../../helpers/query/events-db.js';
import type { ShimDb } from '../../helpers/query/duckdb.js';

const compiler = new GatedCompiler(liquidIr());
const lq = (r: Partial<QueryRequest> & { fields: readonly string[] }) => compiler.sql({ explore: 'lq', now: NOW, ...r });
/** The select expression of a one-field query. */
const expr = (field: string, r: Partial<QueryRequest> = {}) => lq({ fields: [field], ...r }).split('\n')[1]!.trim();

let db: ShimDb;
beforeAll(async () => {
  db = await openEventsDb();
});
afterAll(() => db?.close());

describe('{% condition %}', () => {
  it('renders the filter expression against the inner SQL', () => {
    expect(expr('lq.matches_name_filter', { filters: { 'lq.name_filter': 'log%' } })).toBe(
      `CASE WHEN ((lq.name) LIKE 'log%') THEN 'Yes' ELSE 'No' END AS "lq.matches_name_filter"`,
    );
  });
  it('is 1=1 when the field is not filtered (or filtered on any value)', () => {
    expect(expr('lq.matches_name_filter')).toBe(`CASE WHEN (1=1) THEN 'Yes' ELSE 'No' END AS "lq.matches_name_filter"`);
    expect(expr('lq.matches_name_filter', { filters: { 'lq.name_filter': '' } })).toContain('(1=1)');
  });
  it('a templated filter with sql goes to WHERE as its condition, once', async () => {
    const sql = lq({ fields: ['lq.count'], filters: { 'lq.name_like': 'login,logout' } });
    expect(sql).toContain("WHERE\n    ((lq.name) IN ('login', 'logout'))");
    expect(await db.rows(sql)).toEqual([{ 'lq.count': 4 }]);
  });
  it('a filter field without sql only feeds Liquid (no WHERE of its own)', () => {
    expect(lq({ fields: ['lq.count'], filters: { 'lq.name_filter': 'login' } })).not.toContain('WHERE');
  });
});

describe('{% date_start %} and {% date_end %}', () => {
  it('are the bounds of the date filter as timestamp literals', () => {
    const sql = lq({ fields: ['lq.window_start', 'lq.window_end'], filters: { 'lq.window': '2024-05-01 to 2024-05-03' } });
    expect(sql).toContain(`CAST(TIMESTAMP '2024-05-01 00:00:00 UTC' AS VARCHAR) AS "lq.window_start"`);
    expect(sql).toContain(`CAST(TIMESTAMP '2024-05-03 00:00:00 UTC' AS VARCHAR) AS "lq.window_end"`);
  });
  it('relative filters are computed from `now`', () => {
    expect(expr('lq.window_start', { filters: { 'lq.window': '7 days' } })).toContain("TIMESTAMP '2024-05-04 00:00:00 UTC'");
  });
  it('are NULL when unfiltered, and the open side is NULL for open-ended filters', () => {
    expect(expr('lq.window_start')).toBe('CAST(NULL AS VARCHAR) AS "lq.window_start"');
    expect(expr('lq.window_end')).toBe('CAST(NULL AS VARCHAR) AS "lq.window_end"');
    expect(expr('lq.window_end', { filters: { 'lq.window': 'after 2024-05-01' } })).toBe('CAST(NULL AS VARCHAR) AS "lq.window_end"');
    expect(expr('lq.window_start', { filters: { 'lq.window': 'before 2024-05-01' } })).toBe('CAST(NULL AS VARCHAR) AS "lq.window_start"');
  });
});

describe('_is_filtered, parameters and user attributes', () => {
  it('{% if x._is_filtered %} branches on whether the query filters the field', () => {
    expect(expr('lq.filtered_label')).toBe(`'all' AS "lq.filtered_label"`);
    expect(expr('lq.filtered_label', { filters: { 'lq.name_filter': 'login' } })).toBe(`'filtered' AS "lq.filtered_label"`);
  });
  it('a string parameter is quoted (and escaped) by {% parameter %} and by _parameter_value; the default applies', () => {
    expect(expr('lq.region_tag')).toBe(`CONCAT('us-east-1', '/', 'us-east-1') AS "lq.region_tag"`);
    expect(expr('lq.region_tag', { filters: { 'lq.region': "o'brien" } })).toBe(`CONCAT('o''brien', '/', 'o''brien') AS "lq.region_tag"`);
  });
  it('an unquoted parameter is inserted as it is', async () => {
    expect(expr('lq.bucket')).toBe(`DATE_FORMAT(DATE_TRUNC('day', lq.created_at), '%Y-%m-%d %H') AS "lq.bucket"`);
    expect(expr('lq.unit_text', { filters: { 'lq.unit': 'hour' } })).toBe(`'hour' AS "lq.unit_text"`);
    const sql = lq({ fields: ['lq.bucket'], filters: { 'lq.unit': 'hour', 'lq.id': 'e1' } });
    expect(await db.rows(sql)).toEqual([{ 'lq.bucket': '2024-05-02 08' }]);
  });
  it("_user_attributes['name'] reads the query's user attributes", () => {
    expect(expr('lq.team', { userAttributes: { team: 'red' } })).toBe(`'red' AS "lq.team"`);
  });
});

describe('derived tables', () => {
  const events = new GatedCompiler(eventsIr());
  it('become a CTE named after the view, with Liquid rendered for the query', async () => {
    const r = events.compile({ explore: 'events', fields: ['daily_logins.total_logins'], filters: { 'events.created_date': '2024-05-01 to 2024-05-03' }, now: NOW });
    expect(r.sql).toBe(
      [
        'WITH daily_logins AS (',
        '    SELECT user_id, COUNT(*) AS logins',
        '    FROM analytics.events',
        "    WHERE name = 'login' AND (created_at >= TIMESTAMP '2024-05-01 00:00:00 UTC' AND created_at < TIMESTAMP '2024-05-03 00:00:00 UTC')",
        '    GROUP BY 1',
        ')',
        'SELECT',
        // daily_logins is joined many_to_one: its rows repeat per event, so the sum is symmetric.
        '    COALESCE((CAST(SUM(DISTINCT CAST(FLOOR(COALESCE(daily_logins.logins, 0) * 1000000) AS DECIMAL(38, 0)) + CAST(FROM_BASE(SUBSTR(TO_HEX(MD5(TO_UTF8(CAST(daily_logins.user_id AS VARCHAR)))), 1, 15), 16) AS DECIMAL(38, 0)) * CAST(1000000000000000000 AS DECIMAL(38, 0))) - SUM(DISTINCT CAST(FROM_BASE(SUBSTR(TO_HEX(MD5(TO_UTF8(CAST(daily_logins.user_id AS VARCHAR)))), 1, 15), 16) AS DECIMAL(38, 0)) * CAST(1000000000000000000 AS DECIMAL(38, 0))) AS DOUBLE) / 1000000), 0) AS "daily_logins.total_logins"',
        'FROM analytics.events AS events',
        'LEFT JOIN daily_logins AS daily_logins ON events.user_id = daily_logins.user_id',
        'WHERE',
        "    (events.created_at >= TIMESTAMP '2024-05-01 00:00:00 UTC' AND events.created_at < TIMESTAMP '2024-05-03 00:00:00 UTC')",
        'ORDER BY',
        '    1 DESC',
        'LIMIT 500',
      ].join('\n'),
    );
    // e1 (user 1, 2024-05-02) is the only login in the window; joined to itself once.
    expect(await db.rows(r.sql)).toEqual([{ 'daily_logins.total_logins': 1 }]);
  });
  it('unfiltered, the condition is 1=1 and the CTE is not added unless the join is needed', () => {
    expect(events.sql({ explore: 'events', fields: ['daily_logins.logins'], now: NOW })).toContain("WHERE name = 'login' AND 1=1");
    expect(events.sql({ explore: 'events', fields: ['events.count'], now: NOW })).not.toContain('WITH');
  });
});

describe('Liquid errors', () => {
  it('a {% parameter %} that names no parameter is a QueryCompileError naming the query', async () => {
    const { fixtureIr } = await import('../../helpers/query/blocks.js');
    const { view } = await import('../../../generator/vocabulary/view.js');
    const { explore } = await import('../../../generator/vocabulary/explore.js');
    const { sqlText } = await import('../../../generator/vocabulary/sql.js');
    const ir = fixtureIr({
      views: [view('bad', { source: { kind: 'table', sqlTableName: 'db.bad' } }).add((v) => ({ x: v.dimension({ type: 'string', sql: sqlText('{% parameter bad.nope %}') }) }))],
      explores: [explore({ name: 'bad' })],
    });
    const c = new GatedCompiler(ir);
    expect(() => c.inner.compile({ explore: 'bad', fields: ['bad.x'], now: NOW, where: 'q' })).toThrow(QueryCompileError);
    expect(() => c.inner.compile({ explore: 'bad', fields: ['bad.x'], now: NOW, where: 'q' })).toThrow(/^q: \{% parameter bad\.nope %\} names no parameter/);
  });
});

it('checked every compiled SQL text with the Trino grammar gate', () => {
  expect(compiler.count).toBeGreaterThan(15);
});
