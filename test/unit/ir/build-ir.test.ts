import { describe, expect, it } from 'vitest';
import { buildIr } from '../../../generator/ir/build-ir.js';
import { FieldIndex, splitQualified } from '../../../generator/ir/field-index.js';
import { ExploreScope } from '../../../generator/ir/explore-scope.js';
import { Block } from '../../../generator/vocabulary/block.js';
import { view } from '../../../generator/vocabulary/view.js';
import { sqlText } from '../../../generator/vocabulary/sql.js';
import { fixtureBlock, fixtureContent, eventsView } from '../../helpers/fixture-blocks.js';

const s = sqlText('${TABLE}.x');

function chain() {
  const a = view('a', { source: { kind: 'none' }, extensionRequired: true }).add((b) => ({
    id: b.dimension({ type: 'number', sql: s, label: 'A id' }),
    only_a: b.dimension({ type: 'string', sql: s }),
  })).build();
  const b = view('b', { source: { kind: 'none' }, extends: ['a'] }).add((x) => ({
    id: x.dimension({ type: 'number', sql: s, label: 'B id' }),
    only_b: x.measure({ type: 'count' }),
  })).build();
  const c = view('c', { source: { kind: 'table', sqlTableName: 't' }, extends: ['b'] }).add((x) => ({
    only_c: x.dimension({ type: 'string', sql: s }),
  })).build();
  return { a, b, c };
}

describe('buildIr', () => {
  it('names fields, keeps declaration order, and separates own from inherited fields', () => {
    const ir = buildIr(fixtureBlock());
    const events = ir.views.find((v) => v.name === 'fixture_events')!;
    expect(events.ownFields.map((f) => f.name)).toEqual(Object.keys(eventsView().build().fields));
    expect(events.ownFields.every((f) => f.view === 'fixture_events')).toBe(true);
    expect(events.fields).toEqual(events.ownFields);
    expect('fields' in events && !('__names' in events)).toBe(true);
  });

  it('resolves extends transitively; the nearer definition of a name wins and fields are re-homed', () => {
    const { a, b, c } = chain();
    const ir = buildIr(Block.of({ ...fixtureContent([a, b, c]), explores: [], dashboards: [] }));
    const vc = ir.views.find((v) => v.name === 'c')!;
    expect(vc.ownFields.map((f) => f.name)).toEqual(['only_c']);
    expect(vc.fields.map((f) => f.name)).toEqual(['only_a', 'id', 'only_b', 'only_c']);
    expect(vc.fields.find((f) => f.name === 'id')!.label).toBe('B id');
    expect(vc.fields.every((f) => f.view === 'c')).toBe(true);
    const vb = ir.views.find((v) => v.name === 'b')!;
    expect(vb.fields.map((f) => [f.name, f.label])).toEqual([['only_a', undefined], ['id', 'B id'], ['only_b', undefined]]);
  });

  it('own fields override inherited ones of the same name (the fixture admins view)', () => {
    const ir = buildIr(fixtureBlock());
    const admins = ir.views.find((v) => v.name === 'fixture_admins')!;
    expect(admins.fields.map((f) => f.name)).toEqual(['person_id', 'person_count', 'full_name', 'admin_level']);
    expect(admins.fields.find((f) => f.name === 'full_name')!.label).toBe('Admin Name');
  });

  it('a missing or cyclic base contributes nothing instead of looping', () => {
    const x = view('x', { source: { kind: 'none' }, extends: ['y', 'missing'] }).add((v) => ({ fx: v.dimension({ type: 'string', sql: s }) })).build();
    const y = view('y', { source: { kind: 'none' }, extends: ['x'] }).add((v) => ({ fy: v.dimension({ type: 'string', sql: s }) })).build();
    const ir = buildIr(Block.of({ ...fixtureContent([x, y]), explores: [], dashboards: [] }));
    expect(ir.views.find((v) => v.name === 'x')!.fields.map((f) => f.name)).toEqual(['fy', 'fx']);
    expect(ir.views.find((v) => v.name === 'y')!.fields.map((f) => f.name)).toEqual(['fx', 'fy']);
  });

  it('freezes the whole IR deeply', () => {
    const ir = buildIr(fixtureBlock());
    expect(Object.isFrozen(ir)).toBe(true);
    expect(Object.isFrozen(ir.views[0]!.fields[0])).toBe(true);
    expect(Object.isFrozen(ir.explores[0]!.joins)).toBe(true);
    expect(Object.isFrozen(ir.model.datagroups![0])).toBe(true);
  });
});

describe('FieldIndex', () => {
  const index = new FieldIndex(buildIr(fixtureBlock()));

  it('finds plain fields and expanded group names with their timeframe/interval', () => {
    expect(index.field('fixture_events', 'name')?.field.name).toBe('name');
    expect(index.field('fixture_events', 'name')?.timeframe).toBeUndefined();
    const date = index.field('fixture_events', 'created_date');
    expect(date?.field.name).toBe('created');
    expect(date?.timeframe).toBe('date');
    expect(index.field('fixture_events', 'days_open')).toMatchObject({ timeframe: 'day', field: { name: 'open' } });
  });

  it('does not know a group base name, unknown fields or views', () => {
    expect(index.field('fixture_events', 'created')).toBeUndefined();
    expect(index.field('fixture_events', 'nope')).toBeUndefined();
    expect(index.field('nope', 'name')).toBeUndefined();
    expect(index.view('nope')).toBeUndefined();
    expect(index.names('nope')).toEqual([]);
  });

  it('lists every addressable name, inherited ones included', () => {
    expect(index.names('fixture_users')).toEqual(['user_id', 'first_seen_date', 'first_seen_month', 'user_count']);
    expect(index.names('fixture_admins')).toEqual(['person_id', 'person_count', 'full_name', 'admin_level']);
  });

  it('splitQualified accepts view.field only', () => {
    expect(splitQualified('a.b')).toEqual({ view: 'a', field: 'b' });
    expect(splitQualified('a')).toBeUndefined();
    expect(splitQualified('a.b.c')).toBeUndefined();
    expect(splitQualified('a.b desc')).toBeUndefined();
  });
});

describe('ExploreScope', () => {
  const ir = buildIr(fixtureBlock());
  const scope = new ExploreScope(ir.explores[0]!, new FieldIndex(ir));

  it('maps the explore name and join names (with from) to views', () => {
    expect([...scope.aliases]).toEqual([['fixture_events', 'fixture_events'], ['users', 'fixture_users'], ['fixture_admins', 'fixture_admins']]);
    expect(scope.baseAlias).toBe('fixture_events');
    expect(scope.join('users')?.from).toBe('fixture_users');
    expect(scope.join('nope')).toBeUndefined();
  });

  it('resolves alias.field through the join alias, not the underlying view name', () => {
    expect(scope.resolve('users.first_seen_date')).toMatchObject({ alias: 'users', timeframe: 'date', field: { name: 'first_seen', view: 'fixture_users' } });
    expect(scope.resolve('fixture_users.user_id')).toBeUndefined();
    expect(scope.resolve('fixture_admins.full_name')?.field.label).toBe('Admin Name');
    expect(scope.resolve('name')).toBeUndefined();
  });

  it('allNames lists alias-qualified names of every view in scope', () => {
    const names = scope.allNames();
    expect(names).toContain('fixture_events.created_week');
    expect(names).toContain('users.user_count');
    expect(names).toContain('fixture_admins.person_id');
    expect(names.filter((n) => n.startsWith('users.'))).toEqual(['users.user_id', 'users.first_seen_date', 'users.first_seen_month', 'users.user_count']);
  });
});
