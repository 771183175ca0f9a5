import { describe, expect, it } from 'vitest';
import { Block, isBlock } from '../../../generator/vocabulary/block.js';
import { cloudtrailBlock } from '../../../model/index.js';
import { dashboard, queryTile, textTile } from '../../../generator/vocabulary/dashboard.js';
import { explore } from '../../../generator/vocabulary/explore.js';
import { view } from '../../../generator/vocabulary/view.js';
import { fieldRef, sqlText } from '../../../generator/vocabulary/sql.js';
import { fixtureBlock } from '../../helpers/fixture-blocks.js';

const board = dashboard({
  name: 'ops',
  title: 'Ops',
  filters: [],
  elements: [
    textTile({ name: 'intro', bodyText: 'hi', row: 0, col: 0, width: 24, height: 2 }),
    queryTile({ name: 'by_name', title: 'By name', type: 'table', explore: 'cloudtrail_logs', fields: ['cloudtrail_logs.event_name'], row: 2, col: 0, width: 12, height: 6 }),
  ],
});

/** A deep snapshot of a block's content, to prove a customisation left the original alone. */
const snapshot = (b: Block) => JSON.stringify(b.content);

describe('Block customisation', () => {
  it('extendView adds exactly the new fields, after the existing ones, and returns a new block', () => {
    const before = cloudtrailBlock();
    const frozen = snapshot(before);
    const after = before.extendView('cloudtrail_logs', (v) => ({
      is_terraform: v.dimension({ type: 'yesno', description: 'Terraform', sql: v.sql`${v.fields.user_agent} LIKE '%Terraform%'` }),
    }));
    expect(after).not.toBe(before);
    expect(snapshot(before)).toBe(frozen);
    const oldNames = Object.keys(before.view('cloudtrail_logs').fields);
    const newNames = Object.keys(after.view('cloudtrail_logs').fields);
    expect(newNames).toEqual([...oldNames, 'is_terraform']);
    const f = after.view('cloudtrail_logs').fields['is_terraform']!;
    expect(f).toMatchObject({ kind: 'dimension', type: 'yesno', description: 'Terraform' });
    expect(f.kind === 'dimension' && f.type !== 'location' && f.sql.chunks).toEqual([fieldRef('user_agent'), " LIKE '%Terraform%'"]);
    // Other parts of the block are shared, not copied.
    expect(after.content.explores).toBe(before.content.explores);
  });

  it('extendView refuses a field that already exists, and an unknown view', () => {
    const b = cloudtrailBlock();
    expect(() => b.extendView('cloudtrail_logs', (v) => ({ event_name: v.dimension({ type: 'string', sql: sqlText('1') }) }))).toThrow(/field "event_name" is already defined/);
    const names = b.content.views.map((v) => v.name).join(', ');
    expect(names.startsWith('cloudtrail_logs')).toBe(true);
    expect(() => b.extendView('nope' as 'cloudtrail_logs', () => ({}))).toThrow(`no view named "nope" in the block (views: ${names})`);
  });

  it('overrideField patches one field (object or function) and keeps the rest', () => {
    const before = cloudtrailBlock();
    const frozen = snapshot(before);
    const patched = before.overrideField('cloudtrail_logs', 'event_name', { label: 'API Call' });
    expect(patched.view('cloudtrail_logs').fields['event_name']).toMatchObject({ label: 'API Call', type: 'string', groupLabel: 'Event' });
    const viaFn = before.overrideField('cloudtrail_logs', 'event_name', (old) => ({ ...old, description: `${old.description} (changed)` }));
    expect(viaFn.view('cloudtrail_logs').fields['event_name']!.description).toMatch(/\(changed\)$/);
    expect(Object.keys(patched.view('cloudtrail_logs').fields)).toEqual(Object.keys(before.view('cloudtrail_logs').fields));
    expect(snapshot(before)).toBe(frozen);
    expect(() => before.overrideField('cloudtrail_logs', 'nope', { label: 'x' })).toThrow('view cloudtrail_logs has no field "nope" to override');
  });

  it('hideField sets hidden: yes on that field only', () => {
    const b = cloudtrailBlock();
    const hidden = b.hideField('cloudtrail_logs', 'user_agent');
    expect(hidden.view('cloudtrail_logs').fields['user_agent']!.hidden).toBe(true);
    expect(b.view('cloudtrail_logs').fields['user_agent']!.hidden).toBeUndefined();
    expect(hidden.view('cloudtrail_logs').fields['event_name']!.hidden).toBeUndefined();
  });

  it('removeField drops the field; the original keeps it', () => {
    const b = cloudtrailBlock();
    const removed = b.removeField('cloudtrail_logs', 'user_agent');
    expect('user_agent' in removed.view('cloudtrail_logs').fields).toBe(false);
    expect('user_agent' in b.view('cloudtrail_logs').fields).toBe(true);
    expect(Object.keys(removed.view('cloudtrail_logs').fields)).toHaveLength(Object.keys(b.view('cloudtrail_logs').fields).length - 1);
    expect(() => b.removeField('cloudtrail_logs', 'nope')).toThrow('view cloudtrail_logs has no field "nope" to remove');
  });

  it('addDashboard / addTile / removeTile / mapDashboard / removeDashboard', () => {
    const b = Block.of({ ...cloudtrailBlock().content, dashboards: [] });
    const withBoard = b.addDashboard(board);
    expect(b.content.dashboards).toEqual([]);
    expect(withBoard.content.dashboards.map((d) => d.name)).toEqual(['ops']);
    expect(() => withBoard.addDashboard(board)).toThrow('a dashboard named "ops" already exists');

    const tile = textTile({ name: 'outro', bodyText: 'bye', row: 8, col: 0, width: 24, height: 2 });
    const withTile = withBoard.addTile('ops', tile);
    expect(withTile.content.dashboards[0]!.elements.map((e) => e.name)).toEqual(['intro', 'by_name', 'outro']);
    expect(withBoard.content.dashboards[0]!.elements.map((e) => e.name)).toEqual(['intro', 'by_name']);

    const noTile = withTile.removeTile('ops', 'by_name');
    expect(noTile.content.dashboards[0]!.elements.map((e) => e.name)).toEqual(['intro', 'outro']);
    expect(() => withTile.removeTile('ops', 'nope')).toThrow('dashboard ops has no tile "nope"');
    expect(() => b.addTile('nope', tile)).toThrow('no dashboard named "nope"');

    const retitled = withBoard.mapDashboard('ops', (d) => ({ ...d, title: 'Operations' }));
    expect(retitled.content.dashboards[0]!.title).toBe('Operations');
    expect(withBoard.content.dashboards[0]!.title).toBe('Ops');

    expect(withBoard.removeDashboard('ops').content.dashboards).toEqual([]);
    expect(() => b.removeDashboard('ops')).toThrow('no dashboard named "ops"');
  });

  it('addView / addExplore / mapExplore reject duplicates and unknown names', () => {
    const b = cloudtrailBlock();
    const v = view('extra', { source: { kind: 'table', sqlTableName: 't' } }).add((x) => ({ id: x.dimension({ type: 'string', sql: x.sql`${x.table}.id` }) })).build();
    const withView = b.addView(v);
    const before = b.content.views.map((x) => x.name);
    expect(withView.content.views.map((x) => x.name)).toEqual([...before, 'extra']);
    expect(b.content.views.map((x) => x.name)).toEqual(before);
    expect(() => withView.addView(v)).toThrow('a view named "extra" already exists');
    expect(() => b.addExplore(explore({ name: 'cloudtrail_logs' }))).toThrow('an explore named "cloudtrail_logs" already exists');
    const relabelled = b.mapExplore('cloudtrail_logs', (e) => ({ ...e, label: 'Events' }));
    expect(relabelled.content.explores[0]!.label).toBe('Events');
    expect(b.content.explores[0]!.label).toBe('CloudTrail Events');
    expect(() => b.mapExplore('nope', (e) => e)).toThrow('no explore named "nope"');
  });

  it('withModel / withManifest / exempt patch only their part', () => {
    const b = cloudtrailBlock();
    const m = b.withModel({ label: 'Security' }).withManifest({ projectName: 'sec' }).exempt({ rule: 'r', path: 'view x', reason: 'because' });
    expect(m.content.model.label).toBe('Security');
    expect(m.content.model.connection).toBe(b.content.model.connection);
    expect(m.content.manifest.projectName).toBe('sec');
    expect(m.content.manifest.constants).toBe(b.content.manifest.constants);
    expect(m.content.exemptions).toEqual([...b.content.exemptions, { rule: 'r', path: 'view x', reason: 'because' }]);
    expect(b.content.model.label).toBe('AWS CloudTrail');
    expect(b.content.exemptions.map((e) => e.rule)).toEqual(['primary-key-hidden']);
  });

  it('blocks are frozen', () => {
    const b = cloudtrailBlock();
    expect(Object.isFrozen(b)).toBe(true);
  });

  it('isBlock is duck-typed on content.views and content.dashboards', () => {
    expect(isBlock(fixtureBlock())).toBe(true);
    expect(isBlock({ content: { views: [], dashboards: [] } })).toBe(true);
    expect(isBlock({ content: { views: [] } })).toBe(false);
    expect(isBlock(null)).toBe(false);
    expect(isBlock(() => 1)).toBe(false);
  });
});
