import { describe, expect, it } from 'vitest';
import { compileBlock } from '../../../../generator/compile.js';
import { checkReferences } from '../../../../generator/validate/rules/references.js';
import { checkDuplicates, checkIdentifiers, checkSqlTerminators } from '../../../../generator/validate/rules/structure.js';
import { closestMatch, didYouMean, formatDiagnostic, hasErrors, type Diagnostic } from '../../../../generator/validate/diagnostics.js';
import { Block } from '../../../../generator/vocabulary/block.js';
import { view } from '../../../../generator/vocabulary/view.js';
import { explore, join } from '../../../../generator/vocabulary/explore.js';
import { queryTile } from '../../../../generator/vocabulary/dashboard.js';
import { sqlText } from '../../../../generator/vocabulary/sql.js';
import { cloudtrailBlock } from '../../../../model/index.js';
import { fixtureBlock, fixtureContent, eventsView, usersView, personBaseView, adminsView } from '../../../helpers/fixture-blocks.js';

/** The core rules of this issue, in isolation (later lint rules have their own tests). */
const CORE = [checkIdentifiers, checkDuplicates, checkSqlTerminators, checkReferences];
const compile = (block: Block) => compileBlock(block, CORE);

const pick = (ds: readonly Diagnostic[]) => ds.map((d) => ({ rule: d.rule, where: d.where, message: d.message, file: d.file }));

describe('diagnostics helpers', () => {
  it('closestMatch finds a near name within a small edit distance, else nothing', () => {
    expect(closestMatch('user_agnt', ['user_agent', 'user_arn', 'event_name'])).toBe('user_agent');
    expect(closestMatch('zzzzzz', ['user_agent'])).toBeUndefined();
    expect(didYouMean('evnt_name', ['event_name'])).toBe(' (did you mean "event_name"?)');
    expect(didYouMean('x', [])).toBe('');
  });
  it('formatDiagnostic prints severity, rule, place, origin, file and hint', () => {
    const text = formatDiagnostic({ rule: 'r', severity: 'error', where: 'view v / field f', message: 'bad', origin: 'model/x.ts:3', file: 'views/v.view.lkml', hint: 'fix it' });
    expect(text).toBe('error [r] view v / field f: bad\n    defined at model/x.ts:3, emitted in views/v.view.lkml\n    hint: fix it');
    expect(formatDiagnostic({ rule: 'r', severity: 'warning', where: 'w', message: 'm' })).toBe('warning [r] w: m');
    expect(hasErrors([{ rule: 'r', severity: 'warning', where: 'w', message: 'm' }])).toBe(false);
  });
});

describe('compileBlock: reference checks', () => {
  it('the built-in and fixture blocks have no findings', async () => {
    expect((await compile(cloudtrailBlock())).diagnostics).toEqual([]);
    expect((await compile(fixtureBlock())).diagnostics).toEqual([]);
  });

  it('a typo in a field reference names the view, field, reference and the closest name, and renders nothing', async () => {
    const block = cloudtrailBlock().extendView('cloudtrail_logs', (v) => ({ no_agent: v.dimension({ type: 'yesno', sql: v.sqlText('${user_agnt} IS NULL') }) }));
    const r = await compile(block);
    expect(r.files).toBeUndefined();
    expect(pick(r.diagnostics)).toEqual([{
      rule: 'unknown-reference',
      where: 'view cloudtrail_logs / field no_agent',
      message: 'sql references ${user_agnt}, but "user_agnt", which is not a field of view cloudtrail_logs (did you mean "user_agent"?)',
      file: 'views/cloudtrail_logs.view.lkml',
    }]);
    expect(r.diagnostics[0]!.origin).toMatch(/core-rules\.test\.ts:\d+$/);
  });

  it('references to other views, group base names and SQL_TABLE_NAME', async () => {
    const block = cloudtrailBlock().extendView('cloudtrail_logs', (v) => ({
      a: v.dimension({ type: 'string', sql: v.sqlText('${nope.x}') }),
      b: v.dimension({ type: 'string', sql: v.sqlText('${event_time}') }),
      c: v.dimension({ type: 'string', sql: v.sqlText('(SELECT 1 FROM ${cloudtrail_logs.SQL_TABLE_NAME})') }),
      d: v.dimension({ type: 'string', sql: v.sqlText('${cloudtrail_logs.event_time_date}') }),
    }));
    expect(pick((await compile(block)).diagnostics).map((d) => d.message)).toEqual([
      'sql references ${nope.x}, but "nope.x": there is no view "nope"',
      'sql references ${event_time}, but "event_time", which is a dimension_group of view cloudtrail_logs: reference one of '
        + 'event_time_raw, event_time_time, event_time_minute15, event_time_minute30, event_time_hour, event_time_date, event_time_week, '
        + 'event_time_month, event_time_year, event_time_hour_of_day, event_time_day_of_week, event_time_month_name',
    ]);
  });

  it('measure filters, list_field, drill fields, sets and view drill fields are checked', async () => {
    const v = view('w', { source: { kind: 'table', sqlTableName: 't' }, drillFields: ['idd'] })
      .add((b) => ({ id: b.dimension({ type: 'string', sql: b.sql`${b.table}.id` }) }))
      .add((b) => ({
        m1: b.measure({ type: 'count', filters: { idx: 'yes' }, drillFields: ['nope*', 'id'] }),
        m2: b.measure({ type: 'list', listField: 'ids' }),
      }))
      .set('s', ['id', 'missing' as 'id'])
      .build();
    const r = await compile(Block.of({ ...fixtureContent([v]), explores: [], dashboards: [] }));
    expect(pick(r.diagnostics).map((d) => `${d.where}: ${d.message}`)).toEqual([
      'view w / field m1: filters on "idx", which is not a field of view w (did you mean "id"?)',
      'view w / field m1: drill_fields names set "nope", which does not exist',
      'view w / field m2: list_field is "ids", which is not a field of view w (did you mean "id"?)',
      'view w: set "s" lists "missing", which is not a field of view w',
      'view w: drill_fields lists "idd", which is not a field of view w (did you mean "id"?)',
    ]);
  });

  it('extends of an unknown view is reported', async () => {
    const v = view('w', { source: { kind: 'none' }, extends: ['ghost'] }).build();
    const r = await compile(Block.of({ ...fixtureContent([v]), explores: [], dashboards: [] }));
    expect(pick(r.diagnostics)).toEqual([{ rule: 'unknown-reference', where: 'view w', message: 'extends unknown view "ghost"', file: 'views/w.view.lkml' }]);
  });

  it('explores: base view, join views, sql_on, filters and fields are checked through join aliases', async () => {
    const views = [eventsView().build(), usersView().build(), personBaseView().build(), adminsView().build()];
    const bad = explore({
      name: 'fixture_events',
      alwaysFilter: { 'fixture_events.created_dat': '7 days' },
      conditionallyFilter: { filters: { 'users.first_seen_date': '1 day' }, unless: ['fixture_users.user_id'] },
      sqlAlwaysWhere: sqlText('${fixture_events.amont} > 0'),
      fields: ['ALL_FIELDS*', '-fixture_events.zipp'],
      accessFilters: [{ field: 'users.email', userAttribute: 'x' }],
      joins: [
        join({ name: 'users', from: 'fixture_users', relationship: 'many_to_one', sqlOn: sqlText('${fixture_events.user_id} = ${user_id}') }),
        join({ name: 'ghosts', relationship: 'many_to_one' }),
      ],
    });
    const r = await compile(Block.of({ ...fixtureContent(views), explores: [bad], dashboards: [] }));
    expect(r.diagnostics.every((d) => d.where === 'explore fixture_events' && d.file === 'explores/fixture_events.explore.lkml')).toBe(true);
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'join ghosts uses view "ghosts", which does not exist',
      'join users sql_on uses ${user_id} without a view name',
      'sql_always_where references "fixture_events.amont" is not a field of this explore (did you mean "fixture_events.amount"?)',
      'always_filter field "fixture_events.created_dat" is not a field of this explore (did you mean "fixture_events.created_date"?)',
      // The join is named users; the underlying view name is not an alias in the explore.
      'conditionally_filter unless "fixture_users.user_id" is not a field of this explore (did you mean "fixture_events.user_id"?)',
      'access_filter field "users.email" is not a field of this explore',
      'fields lists "fixture_events.zipp" is not a field of this explore (did you mean "fixture_events.zip"?)',
    ]);
  });

  it('an explore over a missing view reports only that', async () => {
    const r = await compile(Block.of({ ...fixtureContent(), explores: [explore({ name: 'nothing_here' })], dashboards: [] }));
    expect(pick(r.diagnostics).map((d) => d.message)).toEqual(['its base view "nothing_here" does not exist']);
  });

  it('dashboards: tile fields, sorts, pivots, filters, listen and dashboard filters are checked', async () => {
    const c = fixtureContent();
    const d = c.dashboards[0]!;
    const tile = queryTile({
      name: 'broken', title: 'Broken', type: 'table', explore: 'fixture_events',
      fields: ['fixture_events.cont', 'users.user_id'], pivots: ['fixture_events.is_bg'], sorts: ['fixture_events.nam desc'],
      filters: { 'fixture_events.amout': '>1' }, listen: { createdd: 'fixture_events.created_date' }, row: 0, col: 0, width: 6, height: 4,
    });
    const other = queryTile({ name: 'other', title: 'Other', type: 'table', explore: 'fixture_evnts', fields: [], row: 0, col: 0, width: 6, height: 4 });
    const r = await compile(Block.of({
      ...c,
      dashboards: [{ ...d, filters: [...d.filters, { name: 'f3', title: 'F3', type: 'field_filter', explore: 'fixture_events', field: 'fixture_events.nme', listensToFilters: ['creatd'] }], elements: [...d.elements, tile, other] }],
    }));
    expect(r.diagnostics.filter((x) => x.rule === 'unknown-reference').map((x) => `${x.where}: ${x.message}`)).toEqual([
      'dashboard fixture_overview / filter f3: listens_to_filters names "creatd", which is not a filter of this dashboard (did you mean "created"?)',
      'dashboard fixture_overview / filter f3: field "fixture_events.nme" is not in explore fixture_events (did you mean "fixture_events.name"?)',
      'dashboard fixture_overview / tile "Broken": fields lists "fixture_events.cont", which is not in explore fixture_events (did you mean "fixture_events.count"?)',
      'dashboard fixture_overview / tile "Broken": pivots lists "fixture_events.is_bg", which is not in explore fixture_events (did you mean "fixture_events.is_big"?)',
      'dashboard fixture_overview / tile "Broken": sorts on "fixture_events.nam", which is not in explore fixture_events (did you mean "fixture_events.name"?)',
      'dashboard fixture_overview / tile "Broken": filters on "fixture_events.amout", which is not in explore fixture_events (did you mean "fixture_events.amount"?)',
      'dashboard fixture_overview / tile "Broken": listen names dashboard filter "createdd", which does not exist (did you mean "created"?)',
      'dashboard fixture_overview / tile "Other": explore "fixture_evnts" does not exist (did you mean "fixture_events"?)',
    ]);
    expect(r.diagnostics.filter((x) => x.rule === 'unknown-reference').every((x) => x.file === 'dashboards/fixture_overview.dashboard.lookml')).toBe(true);
  });
});

describe('compileBlock: structure checks', () => {
  it('a sql containing ";;" or ending in ";" is refused with rule sql-terminator, naming the field', async () => {
    const block = cloudtrailBlock().extendView('cloudtrail_logs', (v) => ({
      two_statements: v.dimension({ type: 'string', sql: v.sql`${v.fields.user_agent};; DROP TABLE x` }),
      terminated: v.dimension({ type: 'string', sql: v.sqlText('${TABLE}.eventname;') }),
      terminated_ws: v.measure({ type: 'sum', sql: v.sqlText('1;\n') }),
    }));
    const r = await compile(block);
    expect(r.files).toBeUndefined();
    expect(pick(r.diagnostics)).toEqual([
      { rule: 'sql-terminator', where: 'view cloudtrail_logs / field two_statements', message: 'sql contains ";;", which ends a LookML SQL block early (LookML has no escape for it)', file: 'views/cloudtrail_logs.view.lkml' },
      { rule: 'sql-terminator', where: 'view cloudtrail_logs / field terminated', message: 'sql ends with ";" (a SQL fragment must not carry a statement terminator; remove it)', file: 'views/cloudtrail_logs.view.lkml' },
      { rule: 'sql-terminator', where: 'view cloudtrail_logs / field terminated_ws', message: 'sql ends with ";" (a SQL fragment must not carry a statement terminator; remove it)', file: 'views/cloudtrail_logs.view.lkml' },
    ]);
    expect(r.diagnostics[0]!.hint).toBe('remove the trailing ";" or split the statement');
    // The full default rule set reports the same, and renders nothing.
    const full = await compileBlock(block);
    expect(full.files).toBeUndefined();
    expect(pick(full.diagnostics.filter((d) => d.rule === 'sql-terminator'))).toEqual(pick(r.diagnostics));
  });

  it('sql_on, sql_always_where, derived tables and other sql parameters are checked too', async () => {
    const views = [
      view('d', { source: { kind: 'derived', sql: sqlText('SELECT 1;') } }).add((b) => ({
        loc: b.dimension({ type: 'location', sqlLatitude: b.sqlText('1;'), sqlLongitude: b.sqlText('2') }),
        dur: b.dimensionGroup({ type: 'duration', intervals: ['day'], sqlStart: b.sqlText('a'), sqlEnd: b.sqlText('b;;c') }),
      })).build(),
    ];
    const e = explore({ name: 'd', sqlAlwaysWhere: sqlText('1=1;'), joins: [join({ name: 'd2', from: 'd', relationship: 'one_to_one', sqlOn: sqlText('${d.days_dur} = ${d2.days_dur};') })] });
    const r = await compile(Block.of({ ...fixtureContent(views), explores: [e], dashboards: [] }));
    expect(r.diagnostics.filter((x) => x.rule === 'sql-terminator').map((x) => `${x.where}: ${x.message.split(' ').slice(0, 2).join(' ')}`)).toEqual([
      'view d: derived_table.sql ends',
      'view d / field loc: sql_latitude ends',
      'view d / field dur: sql_end contains',
      'explore d: sql_always_where ends',
      'explore d / join d2: sql_on ends',
    ]);
  });

  it('invalid identifiers and duplicate names are reported', async () => {
    const v = view('Bad-View', { source: { kind: 'table', sqlTableName: 't' } }).add((b) => ({
      CamelCase: b.dimension({ type: 'string', sql: b.sql`${b.table}.a` }),
    })).build();
    const dupe = view('dup', { source: { kind: 'none' } }).build();
    const r = await compile(Block.of({ ...fixtureContent([v, dupe, dupe]), explores: [], dashboards: [] }));
    expect(pick(r.diagnostics).filter((d) => d.rule !== 'unknown-reference')).toEqual([
      { rule: 'invalid-identifier', where: 'view Bad-View', message: '"Bad-View" is not a valid LookML name (lower-case letters, digits and underscores, not starting with a digit)', file: 'views/Bad-View.view.lkml' },
      { rule: 'invalid-identifier', where: 'view Bad-View / field CamelCase', message: '"CamelCase" is not a valid LookML name (lower-case letters, digits and underscores, not starting with a digit)', file: 'views/Bad-View.view.lkml' },
      { rule: 'duplicate-name', where: 'project', message: 'view "dup" is defined more than once', file: 'views/' },
    ]);
  });

  it('an inherited field colliding with an expanded name of an own group is a duplicate', async () => {
    const base = view('base', { source: { kind: 'none' } }).add((b) => ({ at_date: b.dimension({ type: 'string', sql: b.sqlText('1') }) })).build();
    const child = view('child', { source: { kind: 'table', sqlTableName: 't' }, extends: ['base'] }).add((b) => ({
      at: b.dimensionGroup({ type: 'time', timeframes: ['date'], sql: b.sqlText('2') }),
    })).build();
    const r = await compile(Block.of({ ...fixtureContent([base, child]), explores: [], dashboards: [] }));
    expect(pick(r.diagnostics)).toEqual([{ rule: 'duplicate-name', where: 'view child', message: 'field "at_date" is defined more than once', file: 'views/child.view.lkml' }]);
  });
});
