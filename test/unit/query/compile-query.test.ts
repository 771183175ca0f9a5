/**
 * The query compiler on a small fixture project (test/helpers/query/events-project.ts): exact SQL
 * for a few representative queries, so a reader can review what Looker would send, plus targeted
 * checks of each semantic rule, executed on DuckDB where the answer is a number. Every SQL text
 * produced here passes the Trino grammar gate (GatedCompiler).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { view } from '../../../generator/vocabulary/view.js';
import { explore, join } from '../../../generator/vocabulary/explore.js';
import { sqlText } from '../../../generator/vocabulary/sql.js';
import { QueryCompileError, DEFAULT_LIMIT, MAX_LIMIT, type QueryRequest } from '../../../generator/query/index.js';
import { GatedCompiler } from '../../helpers/query/sql-gate.js';
import { eventsIr, eventsProject, eventsView } from '../../helpers/query/events-project.js';
import { fixtureIr, NOW } from '../../helpers/query/blocks.js';
import { openEventsDb } from '../../helpers/query/events-db.js';
import type { ShimDb } from '../../helpers/query/duckdb.js';

const compiler = new GatedCompiler(eventsIr());
const q = (r: Omit<QueryRequest, 'now'> & { now?: Date }) => compiler.compile({ now: NOW, ...r });
const sqlOf = (r: Omit<QueryRequest, 'now'> & { now?: Date }) => q(r).sql;

/** The compile error of a request (fails the test when it compiles). */
function errorOf(r: Omit<QueryRequest, 'now'>, c: GatedCompiler = compiler): QueryCompileError {
  try {
    c.inner.compile({ now: NOW, ...r });
  } catch (e) {
    expect(e).toBeInstanceOf(QueryCompileError);
    return e as QueryCompileError;
  }
  throw new Error(`expected ${JSON.stringify(r.fields)} to fail to compile`);
}

let db: ShimDb;
beforeAll(async () => {
  db = await openEventsDb();
});
afterAll(() => db?.close());

describe('exact SQL of representative queries', () => {
  it('dimensions and a measure of the base view: nested references, @{SCHEMA}, default sort and limit', () => {
    expect(sqlOf({ explore: 'events', fields: ['events.name_label', 'events.count'] })).toBe(
      [
        'SELECT',
        `    CONCAT(UPPER(events.name), '!') AS "events.name_label",`,
        '    COUNT(*) AS "events.count"',
        'FROM analytics.events AS events',
        'GROUP BY',
        '    1',
        'ORDER BY',
        '    2 DESC',
        'LIMIT 500',
      ].join('\n'),
    );
  });

  it('every aggregate with its measure filters inside the aggregate (CASE WHEN)', () => {
    const fields = ['login_count', 'login_users', 'login_amount', 'login_avg', 'login_min', 'login_max', 'login_median', 'login_p90', 'login_names', 'big_login_count'];
    const login = "CASE WHEN events.name = 'login' THEN";
    expect(sqlOf({ explore: 'events', fields: fields.map((f) => `events.${f}`) })).toBe(
      [
        'SELECT',
        `    COUNT(${login} 1 END) AS "events.login_count",`,
        `    COUNT(DISTINCT ${login} events.user_id END) AS "events.login_users",`,
        `    COALESCE(SUM(${login} events.amount END), 0) AS "events.login_amount",`,
        `    AVG(${login} events.amount END) AS "events.login_avg",`,
        `    MIN(${login} events.amount END) AS "events.login_min",`,
        `    MAX(${login} events.amount END) AS "events.login_max",`,
        `    APPROX_PERCENTILE(${login} events.amount END, 0.5) AS "events.login_median",`,
        `    APPROX_PERCENTILE(${login} events.amount END, 0.9) AS "events.login_p90",`,
        `    ARRAY_JOIN(ARRAY_SORT(ARRAY_AGG(DISTINCT ${login} events.name END)), ', ') AS "events.login_names",`,
        `    COUNT(CASE WHEN (events.name = 'login' AND events.amount > 100) THEN 1 END) AS "events.big_login_count"`,
        'FROM analytics.events AS events',
        'ORDER BY',
        '    1 DESC',
        'LIMIT 500',
      ].join('\n'),
    );
  });

  it('a one_to_many join: base counts become COUNT(DISTINCT pk); WHERE, HAVING, explicit sorts and limit', () => {
    const r = q({
      explore: 'events',
      fields: ['events.name', 'tags.tag', 'events.count', 'events.distinct_users', 'tags.total_weight'],
      filters: { 'events.count': '>1', 'events.name': 'login' },
      sorts: ['tags.tag asc', 'events.count desc'],
      limit: 10,
    });
    expect(r.sql).toBe(
      [
        'SELECT',
        '    events.name AS "events.name",',
        '    tags.tag AS "tags.tag",',
        '    COUNT(DISTINCT events.id) AS "events.count",',
        '    COUNT(DISTINCT events.user_id) AS "events.distinct_users",',
        '    COALESCE(SUM(tags.weight), 0) AS "tags.total_weight"',
        'FROM analytics.events AS events',
        'LEFT JOIN analytics.tags AS tags ON events.id = tags.event_id',
        'WHERE',
        "    (events.name = 'login')",
        'GROUP BY',
        '    1, 2',
        'HAVING',
        '    (COUNT(DISTINCT events.id) > 1)',
        'ORDER BY',
        '    2 ASC, 3 DESC',
        'LIMIT 10',
      ].join('\n'),
    );
    expect(r.aliases).toEqual(['events', 'tags']);
    expect(r.columns.map((c) => c.kind)).toEqual(['dimension', 'dimension', 'measure', 'measure', 'measure']);
  });

  it('a join reached through another join (teams via users.team_id in its sql_on)', () => {
    expect(sqlOf({ explore: 'events', fields: ['teams.team_name', 'events.count'] })).toBe(
      [
        'SELECT',
        '    teams.name AS "teams.team_name",',
        '    COUNT(*) AS "events.count"',
        'FROM analytics.events AS events',
        'LEFT JOIN analytics.users AS users ON events.user_id = users.id',
        'LEFT JOIN analytics.teams AS teams ON users.team_id = teams.id',
        'GROUP BY',
        '    1',
        'ORDER BY',
        '    2 DESC',
        'LIMIT 500',
      ].join('\n'),
    );
  });

  it('sql_always_where, with the join it needs', () => {
    expect(sqlOf({ explore: 'always_where', fields: ['always_where.count'] })).toBe(
      [
        'SELECT',
        '    COUNT(*) AS "always_where.count"',
        'FROM analytics.events AS always_where',
        'LEFT JOIN analytics.users AS users ON always_where.user_id = users.id',
        'WHERE',
        "    (always_where.name <> 'test' AND users.name IS NOT NULL)",
        'ORDER BY',
        '    1 DESC',
        'LIMIT 500',
      ].join('\n'),
    );
  });
});

describe('${TABLE}, field references and @{CONSTANT}', () => {
  it('${TABLE} is the alias the view has in the explore (from: keeps the explore name)', () => {
    expect(sqlOf({ explore: 'always_filtered', fields: ['always_filtered.name'], filters: { 'always_filtered.created_date': '' } })).toContain(
      'always_filtered.name AS "always_filtered.name"\nFROM analytics.events AS always_filtered',
    );
  });

  it('${field} inside a measure is the dimension SQL; a number measure nests other measures', () => {
    expect(sqlOf({ explore: 'events', fields: ['events.login_share_pct'] })).toContain(
      `(100 * (1.0 * COUNT(CASE WHEN events.name = 'login' THEN 1 END) / NULLIF(COUNT(*), 0))) AS "events.login_share_pct"`,
    );
  });

  it('${view.field} across a join pulls in that join even when no field of the view is selected', () => {
    const r = q({ explore: 'events', fields: ['events.user_name_from_event', 'events.count'] });
    expect(r.sql).toContain('users.name AS "events.user_name_from_event"');
    expect(r.sql).toContain('LEFT JOIN analytics.users AS users ON events.user_id = users.id');
    expect(r.aliases).toEqual(['events', 'users']);
  });

  it('@{CONSTANT} comes from the manifest; an unknown constant is an error naming it', () => {
    const other = new GatedCompiler(fixtureIr({ ...eventsProject(), constants: { SCHEMA: 'prod_db' } }));
    expect(other.sql({ explore: 'events', fields: ['events.count'], now: NOW })).toContain('FROM prod_db.events AS events');
    const none = new GatedCompiler(fixtureIr({ ...eventsProject(), constants: {} }));
    expect(errorOf({ explore: 'events', fields: ['events.count'], where: 'q' }, none).message).toMatch(/unknown constant @\{SCHEMA\}/);
  });

  it('the values are right on DuckDB (nested, number over measures, yesno, tier)', async () => {
    const sql = sqlOf({ explore: 'events', fields: ['events.id', 'events.name_label', 'events.is_big', 'events.amount_tier'], sorts: ['events.id'] });
    expect(await db.rows(sql)).toEqual([
      { 'events.id': 'e1', 'events.name_label': 'LOGIN!', 'events.is_big': 'No', 'events.amount_tier': '10 to 99' },
      { 'events.id': 'e2', 'events.name_label': 'LOGIN!', 'events.is_big': 'Yes', 'events.amount_tier': '100 or Above' },
      { 'events.id': 'e3', 'events.name_label': 'LOGOUT!', 'events.is_big': 'Yes', 'events.amount_tier': '100 or Above' },
      { 'events.id': 'e4', 'events.name_label': 'LOGIN!', 'events.is_big': 'No', 'events.amount_tier': '0 to 9' },
      { 'events.id': 'e5', 'events.name_label': 'TEST!', 'events.is_big': 'No', 'events.amount_tier': 'Undefined' },
    ]);
  });
});

describe('measures', () => {
  it('filtered aggregates give the numbers worked out by hand (logins: e1 50, e2 150, e4 5; users 1, 1, 2)', async () => {
    const fields = ['login_count', 'login_users', 'login_amount', 'login_min', 'login_max', 'login_median', 'login_names', 'big_login_count', 'login_share', 'login_share_pct'];
    const [row] = await db.rows(sqlOf({ explore: 'events', fields: fields.map((f) => `events.${f}`) }));
    expect(row).toEqual({
      'events.login_count': 3,
      'events.login_users': 2,
      'events.login_amount': 205,
      'events.login_min': 5,
      'events.login_max': 150,
      'events.login_median': 50,
      'events.login_names': 'login',
      'events.big_login_count': 1,
      'events.login_share': 0.6,
      'events.login_share_pct': 60,
    });
    const [avg] = await db.rows(sqlOf({ explore: 'events', fields: ['events.login_avg', 'events.login_p90'] }));
    expect(avg!['events.login_avg']).toBeCloseTo(205 / 3, 6);
    expect([50, 150]).toContain(avg!['events.login_p90']); // approximate percentile of 5, 50, 150
  });

  it('yesno is selected as Yes/No and filtered as the boolean', () => {
    const sql = sqlOf({ explore: 'events', fields: ['events.is_big', 'events.count'], filters: { 'events.is_big': 'yes' } });
    expect(sql).toContain(`CASE WHEN (events.amount > 100) THEN 'Yes' ELSE 'No' END AS "events.is_big"`);
    expect(sql).toContain('WHERE\n    (((events.amount > 100)) = true)');
  });

  it('tiers print Looker labels ordered by bound', () => {
    expect(sqlOf({ explore: 'events', fields: ['events.amount_tier'] })).toContain(
      `CASE WHEN events.amount IS NULL THEN 'Undefined' WHEN events.amount < 0 THEN 'Below 0' WHEN events.amount < 10 THEN '0 to 9' WHEN events.amount < 100 THEN '10 to 99' ELSE '100 or Above' END AS "events.amount_tier"`,
    );
  });

  it('a filter on a measure goes to HAVING, on a dimension to WHERE', async () => {
    const sql = sqlOf({ explore: 'events', fields: ['events.name', 'events.count'], filters: { 'events.count': '>=2', 'events.amount': '>1' } });
    expect(sql).toContain('WHERE\n    (events.amount > 1)\nGROUP BY\n    1\nHAVING\n    (COUNT(*) >= 2)');
    expect(await db.rows(sql)).toEqual([{ 'events.name': 'login', 'events.count': 3 }]);
  });
});

describe('joins only when needed', () => {
  const aliases = (r: Omit<QueryRequest, 'now'>) => q(r).aliases;

  it('a base-view query joins nothing', () => {
    expect(aliases({ explore: 'events', fields: ['events.name', 'events.count'] })).toEqual(['events']);
  });
  it('a selected field of the joined view', () => {
    expect(aliases({ explore: 'events', fields: ['users.user_name'] })).toEqual(['events', 'users']);
  });
  it('a filter on the joined view', () => {
    expect(aliases({ explore: 'events', fields: ['events.count'], filters: { 'users.user_name': 'alice' } })).toEqual(['events', 'users']);
  });
  it('a sort on a joined field (which must also be selected)', () => {
    expect(aliases({ explore: 'events', fields: ['events.count', 'users.user_count'], sorts: ['users.user_count desc'] })).toEqual(['events', 'users']);
  });
  it('sql_always_where', () => {
    expect(aliases({ explore: 'always_where', fields: ['always_where.name'] })).toEqual(['always_where', 'users']);
  });
  it("a join's sql_on dependency, in explore order", () => {
    expect(aliases({ explore: 'events', fields: ['teams.team_name'] })).toEqual(['events', 'users', 'teams']);
  });
  it('required_joins (and their own sql_on dependencies)', () => {
    const r = q({ explore: 'events', fields: ['owners.user_name'] });
    expect(r.aliases).toEqual(['events', 'users', 'teams', 'owners']);
    expect(r.sql).toContain('INNER JOIN analytics.users AS owners ON events.user_id = owners.id');
  });
  it('a measure whose filters name a joined field', async () => {
    const c = new GatedCompiler(
      fixtureIr({
        ...eventsProject(),
        views: [
          eventsView().add((v) => ({ alice_events: v.measure({ type: 'count', filters: { 'users.user_name': 'alice' } }) })),
          ...eventsProject().views.slice(1),
        ],
      }),
    );
    const r = c.compile({ explore: 'events', fields: ['events.alice_events'], now: NOW });
    expect(r.aliases).toEqual(['events', 'users']);
    expect(r.sql).toContain(`COUNT(CASE WHEN users.name = 'alice' THEN 1 END) AS "events.alice_events"`);
    expect(await db.rows(r.sql)).toEqual([{ 'events.alice_events': 2 }]);
  });
});

describe('field-check probes', () => {
  it('wrap dimensions in COUNT() and group, sort and limit nothing, so memory stays flat', async () => {
    const probe = sqlOf({ explore: 'events', fields: ['events.name', 'events.is_big', 'events.count'], probe: true });
    expect(probe).toContain('COUNT(events.name) AS "events.name"');
    expect(probe).toContain(`COUNT(CASE WHEN (events.amount > 100) THEN 'Yes' ELSE 'No' END) AS "events.is_big"`);
    expect(probe).toContain('COUNT(*) AS "events.count"');
    expect(probe).not.toMatch(/GROUP BY|ORDER BY|LIMIT/);
    // One row, evaluated over every event: the counts equal the number of rows read.
    const rows = await db.rows(probe);
    expect(rows).toHaveLength(1);
    expect(rows[0]!['events.name']).toBe(rows[0]!['events.count']);
  });
});

describe('fan-out', () => {
  it('a one_to_many join counts base rows by distinct primary key; executed, the counts are not inflated', async () => {
    const sql = sqlOf({ explore: 'events', fields: ['events.count', 'tags.tag_count'] });
    expect(sql).toContain('COUNT(DISTINCT events.id) AS "events.count"');
    expect(sql).toContain('COUNT(DISTINCT tags.id) AS "tags.tag_count"');
    expect(await db.rows(sql)).toEqual([{ 'events.count': 5, 'tags.tag_count': 3 }]);
  });

  it('a count of a many_to_one joined view counts its distinct keys, not the base rows', async () => {
    const sql = sqlOf({ explore: 'events', fields: ['users.user_count', 'events.count'] });
    expect(sql).toContain('COUNT(DISTINCT users.id) AS "users.user_count"');
    expect(sql).toContain('COUNT(*) AS "events.count"');
    expect(await db.rows(sql)).toEqual([{ 'users.user_count': 3, 'events.count': 5 }]);
  });

  it('a filtered count stays filtered under fan-out', () => {
    expect(sqlOf({ explore: 'events', fields: ['events.login_count', 'tags.tag_count'] })).toContain(
      `COUNT(DISTINCT CASE WHEN events.name = 'login' THEN events.id END) AS "events.login_count"`,
    );
  });

  it('a sum or average on the fanned-out view uses symmetric aggregates and equals the unjoined answer', async () => {
    const fanned = sqlOf({ explore: 'events', fields: ['events.total_amount', 'events.login_avg', 'tags.tag_count'] });
    expect(fanned).toContain('SUM(DISTINCT CAST(FLOOR(COALESCE(events.amount, 0) * 1000000) AS DECIMAL(38, 0))');
    expect(fanned).toContain('MD5(TO_UTF8(CAST(events.id AS VARCHAR)))');
    const plain = sqlOf({ explore: 'events', fields: ['events.total_amount', 'events.login_avg'] });
    expect(plain).toContain('COALESCE(SUM(events.amount), 0)');
    const [withJoin] = await db.rows(fanned);
    const [withoutJoin] = await db.rows(plain);
    expect(withJoin!['events.total_amount']).toBeCloseTo(Number(withoutJoin!['events.total_amount']), 6);
    expect(withJoin!['events.login_avg']).toBeCloseTo(Number(withoutJoin!['events.login_avg']), 6);
  });

  it('a median on the fanned-out view is a clear error naming the query and the measure (Looker cannot de-duplicate it either)', () => {
    const e = errorOf({ explore: 'events', fields: ['events.login_median', 'tags.tag'], where: 'dashboard d / tile "t"' });
    expect(e.message).toMatch(/^dashboard d \/ tile "t": measure events\.login_median \(median\) would be inflated by a one-to-many join/);
    expect(e.field).toBe('events.login_median');
  });
});

describe('explore-level filters', () => {
  it('always_filter applies its default unless the query filters that field', () => {
    const dflt = sqlOf({ explore: 'always_filtered', fields: ['always_filtered.count'] });
    expect(dflt).toContain("(always_filtered.created_at >= TIMESTAMP '2024-05-04 00:00:00 UTC' AND always_filtered.created_at < TIMESTAMP '2024-05-11 00:00:00 UTC')");
    const own = sqlOf({ explore: 'always_filtered', fields: ['always_filtered.count'], filters: { 'always_filtered.created_date': '2024-05-02' } });
    expect(own).toContain("always_filtered.created_at >= TIMESTAMP '2024-05-02 00:00:00 UTC' AND always_filtered.created_at < TIMESTAMP '2024-05-03 00:00:00 UTC'");
    expect(own).not.toContain('2024-05-04');
    // "any value" (empty) lifts it.
    expect(sqlOf({ explore: 'always_filtered', fields: ['always_filtered.count'], filters: { 'always_filtered.created_date': '' } })).not.toContain('WHERE');
  });

  it('conditionally_filter applies unless an `unless` field or the field itself is filtered', () => {
    const base = { explore: 'conditionally_filtered', fields: ['conditionally_filtered.count'] };
    expect(sqlOf(base)).toContain("conditionally_filtered.created_at >= TIMESTAMP '2024-05-10 00:00:00 UTC'");
    expect(sqlOf({ ...base, filters: { 'conditionally_filtered.id': 'e1' } })).not.toContain('created_at');
    expect(sqlOf({ ...base, filters: { 'conditionally_filtered.user_id': '1' } })).not.toContain('created_at');
    const own = sqlOf({ ...base, filters: { 'conditionally_filtered.created_date': '2024-05-02' } });
    expect(own).toContain("TIMESTAMP '2024-05-02 00:00:00 UTC'");
    expect(own).not.toContain("TIMESTAMP '2024-05-10 00:00:00 UTC'");
  });

  it('access_filter needs its user attribute: a clear error without, the predicate with', async () => {
    const e = errorOf({ explore: 'access_filtered', fields: ['access_filtered.count'], where: 'query x' });
    expect(e.message).toMatch(/^query x: .*access_filter on access_filtered\.name tied to user attribute "allowed_names"/);
    const sql = sqlOf({ explore: 'access_filtered', fields: ['access_filtered.count'], userAttributes: { allowed_names: 'login,logout' } });
    expect(sql).toContain("WHERE\n    (access_filtered.name IN ('login', 'logout'))");
    expect(await db.rows(sql)).toEqual([{ 'access_filtered.count': 4 }]);
  });
});

describe('sorts and limits', () => {
  it('sorts by output position; asc is the default direction', () => {
    expect(sqlOf({ explore: 'events', fields: ['events.name', 'events.count'], sorts: ['events.count', 'events.name desc'] })).toContain('ORDER BY\n    2 ASC, 1 DESC');
  });
  it('default sort: a time dimension desc, else the first measure desc, else the first field asc', () => {
    expect(sqlOf({ explore: 'events', fields: ['events.name', 'events.created_date', 'events.count'] })).toContain('ORDER BY\n    2 DESC');
    expect(sqlOf({ explore: 'events', fields: ['events.name', 'events.total_amount', 'events.count'] })).toContain('ORDER BY\n    2 DESC');
    expect(sqlOf({ explore: 'events', fields: ['events.name', 'events.id'] })).toContain('ORDER BY\n    1 ASC');
  });
  it(`limit defaults to ${DEFAULT_LIMIT} and is capped at ${MAX_LIMIT}`, () => {
    expect(sqlOf({ explore: 'events', fields: ['events.name'] })).toMatch(/\nLIMIT 500$/);
    expect(sqlOf({ explore: 'events', fields: ['events.name'], limit: 5000 })).toMatch(/\nLIMIT 5000$/);
    expect(errorOf({ explore: 'events', fields: ['events.name'], limit: 5001, where: 'q' }).message).toBe('q: limit must be 1..5000, got 5001');
    expect(errorOf({ explore: 'events', fields: ['events.name'], limit: 0, where: 'q' }).message).toBe('q: limit must be 1..5000, got 0');
  });
  it('pivots are grouped like dimensions', () => {
    const sql = sqlOf({ explore: 'events', fields: ['events.created_date', 'events.count'], pivots: ['events.name'] });
    expect(sql).toContain('events.name AS "events.name"');
    expect(sql).toContain('GROUP BY\n    1, 3');
  });
});

describe('errors name the query and the field', () => {
  it('unknown field', () => {
    const e = errorOf({ explore: 'events', fields: ['events.nope'], where: 'q3' });
    expect(e.message).toBe('q3: "events.nope" is not a field of explore events');
    expect(e.field).toBe('events.nope');
  });
  it('a field of a view the explore does not join', () => {
    expect(errorOf({ explore: 'events', fields: ['orders.id'], where: 'q' }).message).toBe('q: "orders.id" is not a field of explore events');
  });
  it('unknown explore', () => {
    expect(errorOf({ explore: 'nope', fields: ['events.name'], where: 'q4' }).message).toMatch(/^q4: explore "nope" does not exist \(explores: events, /);
  });
  it('sort on a field that is not selected', () => {
    const e = errorOf({ explore: 'events', fields: ['events.name'], sorts: ['events.count desc'], where: 'q2' });
    expect(e.message).toBe('q2: sort on "events.count", which is not selected');
    expect(e.field).toBe('events.count');
  });
  it('a parameter or filter field cannot be selected', () => {
    const e = errorOf({ explore: 'events', fields: ['events.name', 'events.region'], where: 'q8' });
    expect(e.message).toBe('q8: events.region is a parameter; only dimensions and measures can be selected');
    expect(e.field).toBe('events.region');
  });
  it('no fields', () => {
    expect(errorOf({ explore: 'events', fields: [], where: 'q9' }).message).toBe('q9: a query needs at least one field');
  });
  it('an unsupported filter expression is an error, never dropped', () => {
    let error: unknown;
    try {
      compiler.inner.compile({ explore: 'events', fields: ['events.name'], filters: { 'events.amount': 'abc[' }, now: NOW, where: 'q5' });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(/abc\[/);
    expect((error as Error).message).toContain('q5 / filter events.amount');
  });

  describe('broken models', () => {
    const broken = fixtureIr({
      views: [
        view('loops', { source: { kind: 'table', sqlTableName: 'db.loops' } }).add((v) => ({
          a: v.dimension({ type: 'string', sql: sqlText('${b} || 1') }),
          b: v.dimension({ type: 'string', sql: sqlText('${c} || 2') }),
          c: v.dimension({ type: 'string', sql: sqlText('${a} || 3') }),
          self_measure: v.measure({ type: 'number', sql: sqlText('${self_measure} + 1') }),
          n: v.measure({ type: 'count' }),
          uses_measure: v.dimension({ type: 'number', sql: sqlText('${n} * 2') }),
          ok: v.dimension({ type: 'string', sql: sqlText('${TABLE}.ok') }),
          ghost: v.dimension({ type: 'string', sql: sqlText('${elsewhere.x}') }),
        })),
      ],
      explores: [explore({ name: 'loops', joins: [join({ name: 'never', from: 'loops', relationship: 'many_to_one', sqlOn: sqlText('${loops.ok} = ${never.ok}') })] })],
    });
    const c = new GatedCompiler(broken);

    it('circular references are an error listing the cycle, not a stack overflow', () => {
      const e = errorOf({ explore: 'loops', fields: ['loops.a'], where: 'q' }, c);
      expect(e.message).toBe('q: circular reference: loops.a → loops.b → loops.c → loops.a');
      expect(errorOf({ explore: 'loops', fields: ['loops.self_measure'], where: 'q' }, c).message).toBe('q: circular reference: loops.self_measure → loops.self_measure');
    });
    it('a dimension referencing a measure', () => {
      const e = errorOf({ explore: 'loops', fields: ['loops.uses_measure'], where: 'q' }, c);
      expect(e.message).toBe('q: dimension loops.uses_measure references measure loops.n; only measures may');
      expect(e.field).toBe('loops.uses_measure');
    });
    it('a reference to a view outside the explore', () => {
      expect(errorOf({ explore: 'loops', fields: ['loops.ghost'], where: 'q' }, c).message).toBe('q: ${elsewhere.…} in loops.ghost: view elsewhere is not part of explore loops');
    });
    it('the healthy fields of the same view still compile', () => {
      expect(c.sql({ explore: 'loops', fields: ['loops.ok', 'loops.n'], now: NOW })).toContain('loops.ok AS "loops.ok"');
    });
  });
});

it('checked every compiled SQL text with the Trino grammar gate', () => {
  expect(compiler.count).toBeGreaterThan(30);
});
