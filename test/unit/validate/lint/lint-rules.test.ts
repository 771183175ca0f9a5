/**
 * Lint rules: each fires on a small block with one smell, names the place and the exemption path,
 * and a typed exemption (rule + path + reason) silences exactly that finding. Exemptions that
 * cannot be right (unknown rule, no reason, matching nothing) are reported themselves.
 */
import { describe, expect, it } from 'vitest';
import { Block, type BlockContent } from '../../../../generator/vocabulary/block.js';
import { view } from '../../../../generator/vocabulary/view.js';
import { explore, join } from '../../../../generator/vocabulary/explore.js';
import { dashboard, queryTile, textTile } from '../../../../generator/vocabulary/dashboard.js';
import { sqlText } from '../../../../generator/vocabulary/sql.js';
import { buildIr } from '../../../../generator/ir/build-ir.js';
import { lintProject } from '../../../../generator/validate/lint/lint-project.js';
import { LINT_RULES } from '../../../../generator/validate/lint/rules.js';
import { fixtureBlock, fixtureContent } from '../../../helpers/fixture-blocks.js';

const lint = (block: Block) => lintProject(buildIr(block));
const only = (block: Block, rule: string) => lint(block).filter((d) => d.rule === rule);

/** A clean view: hidden PK, labelled described count, described fields. */
function cleanView(name = 'items') {
  return view(name, { source: { kind: 'table', sqlTableName: `s.${name}` }, description: 'Items.' }).add((v) => ({
    id: v.dimension({ type: 'string', primaryKey: true, hidden: true, sql: v.sql`${v.table}.id` }),
    title: v.dimension({ type: 'string', description: 'Title.', sql: v.sql`${v.table}.title` }),
    count: v.measure({ type: 'count', label: 'Items', description: 'Number of items.' }),
  }));
}

function content(over: Partial<BlockContent> = {}): BlockContent {
  return {
    ...fixtureContent([cleanView().build()]),
    explores: [explore({ name: 'items', label: 'Items', description: 'All items.' })],
    dashboards: [],
    athena: [],
    ...over,
  };
}

describe('lint rules', () => {
  it('there are at least 8 rules, each with an id, a severity and a description; ids are unique', () => {
    expect(LINT_RULES.length).toBeGreaterThanOrEqual(8);
    expect(new Set(LINT_RULES.map((r) => r.id)).size).toBe(LINT_RULES.length);
    for (const r of LINT_RULES) {
      expect(r.id).toMatch(/^[a-z][a-z0-9-]+$/);
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.description.length).toBeGreaterThan(10);
    }
  });

  it('a clean block has no lint findings', () => {
    expect(lint(Block.of(content()))).toEqual([]);
  });

  it('primary-key: a queried view without one', () => {
    const v = view('nokey', { source: { kind: 'table', sqlTableName: 't' } }).add((b) => ({ a: b.dimension({ type: 'string', description: 'A.', sql: b.sql`${b.table}.a` }) })).build();
    const ds = only(Block.of(content({ views: [cleanView().build(), v] })), 'primary-key');
    expect(ds.map((d) => [d.where, d.message, d.file, d.severity])).toEqual([['view nokey', 'has no primary_key dimension', 'views/nokey.view.lkml', 'warning']]);
  });

  it('primary-key-hidden: a visible primary key (LAMS K4)', () => {
    const v = view('items', { source: { kind: 'table', sqlTableName: 't' } }).add((b) => ({ id: b.dimension({ type: 'string', primaryKey: true, description: 'Id.', sql: b.sql`${b.table}.id` }) })).build();
    const ds = only(Block.of(content({ views: [v] })), 'primary-key-hidden');
    expect(ds.map((d) => `${d.where}: ${d.message}`)).toEqual(['view items / field id: is the primary key but is not hidden']);
    expect(ds[0]!.origin).toMatch(/lint-rules\.test\.ts:\d+$/);
  });

  it('description-required: a visible field without a description (LAMS F4)', () => {
    const v = cleanView().add((b) => ({ color: b.dimension({ type: 'string', sql: b.sql`${b.table}.color` }) })).build();
    expect(only(Block.of(content({ views: [v] })), 'description-required').map((d) => d.where)).toEqual(['view items / field color']);
  });

  it('count-label: a count measure without a label', () => {
    const v = cleanView().add((b) => ({ item_count: b.measure({ type: 'count', description: 'x' }) })).build();
    expect(only(Block.of(content({ views: [v] })), 'count-label').map((d) => d.message)).toEqual(['is a count measure without a label (shown as "Item Count")']);
  });

  it('group-label: a view with more than 20 visible fields, some ungrouped (LAMS H2)', () => {
    const many = cleanView().add((b) => Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`f${i}`, b.dimension({ type: 'string', description: 'x', groupLabel: i < 3 ? undefined : 'G', sql: b.sqlText(`\${TABLE}.c${i}`) })]))).build();
    const ds = only(Block.of(content({ views: [many] })), 'group-label');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.message).toMatch(/^has 23 visible fields; 5 have no group_label: title, count, f0, f1, f2$/);
  });

  it('reuse-dimension: ${TABLE}.column read again although a dimension exposes it', () => {
    const v = cleanView().add((b) => ({ shout: b.dimension({ type: 'string', description: 'x', sql: b.sqlText('upper(${TABLE}."title")') }) })).build();
    expect(only(Block.of(content({ views: [v] })), 'reuse-dimension').map((d) => [d.message, d.hint])).toEqual([
      ['reads ${TABLE}.title, which dimension title already exposes', 'write ${title} instead'],
    ]);
  });

  it('duplicate-label: two visible fields with one label in one group', () => {
    const v = cleanView().add((b) => ({ name: b.dimension({ type: 'string', label: 'Title', description: 'x', sql: b.sql`${b.table}.name` }) })).build();
    expect(only(Block.of(content({ views: [v] })), 'duplicate-label').map((d) => d.message)).toEqual(['has the label "Title", like title']);
  });

  it('explore-label-length and explore-description (LAMS E7)', () => {
    const e = explore({ name: 'items', label: 'Items and everything about them' });
    const ds = lint(Block.of(content({ explores: [e] })));
    expect(ds.map((d) => `${d.rule}: ${d.message}`)).toEqual([
      'explore-label-length: label "Items and everything about them" has 31 characters (at most 25)',
      'explore-description: has no description',
    ]);
  });

  it('join-on-primary-key: a many_to_one join that does not match the joined primary key (LAMS E2)', () => {
    const owners = cleanView('owners').build();
    const e = explore({
      name: 'items', label: 'Items', description: 'x',
      joins: [join({ name: 'owners', relationship: 'many_to_one', sqlOn: sqlText('${items.title} = ${owners.title}') })],
    });
    const ds = only(Block.of(content({ views: [cleanView().build(), owners], explores: [e] })), 'join-on-primary-key');
    expect(ds.map((d) => [d.where, d.message])).toEqual([['explore items / join owners', 'is many_to_one but sql_on does not use ${owners.id}, the primary key of view owners']]);
  });

  it('tile-listens and text-tile-body', () => {
    const d = dashboard({
      name: 'board', title: 'Board',
      filters: [{ name: 'title', title: 'Title', type: 'field_filter', explore: 'items', field: 'items.title' }],
      elements: [
        textTile({ name: 'note', titleText: 'Note', row: 0, col: 0, width: 24, height: 2 }),
        queryTile({ name: 'n', title: 'Count', type: 'single_value', explore: 'items', fields: ['items.count'], row: 2, col: 0, width: 6, height: 4 }),
      ],
    });
    const ds = lint(Block.of(content({ dashboards: [d] })));
    expect(ds.map((x) => `${x.rule} ${x.where}: ${x.message}`)).toEqual([
      'tile-listens dashboard board / tile "Count": does not listen to dashboard filter title on its explore items',
      'text-tile-body dashboard board / tile "Note": is a text tile without body_text',
    ]);
  });
});

describe('exemptions', () => {
  const noDescription = () => Block.of(content({ views: [cleanView().add((b) => ({ color: b.dimension({ type: 'string', sql: b.sql`${b.table}.color` }) })).build()] }));

  it('a typed exemption (rule + path + reason) drops exactly that finding', () => {
    const block = noDescription().exempt({ rule: 'description-required', path: 'items/color', reason: 'self-explanatory' });
    expect(lint(block)).toEqual([]);
  });

  it('a * in the path matches many places', () => {
    const block = noDescription().exempt({ rule: 'description-required', path: 'items/*', reason: 'internal view' });
    expect(lint(block)).toEqual([]);
  });

  it('an exemption for another rule or path leaves the finding, and is reported as matching nothing', () => {
    const block = noDescription().exempt({ rule: 'count-label', path: 'items/color', reason: 'x' });
    expect(lint(block).map((d) => `${d.rule} ${d.where}: ${d.message}`)).toEqual([
      'description-required view items / field color: is visible but has no description',
      'exemption exemption count-label items/color: matches no finding (the path is wrong, or the problem was fixed)',
    ]);
  });

  it('an unknown rule id and a missing reason are reported', () => {
    const block = noDescription()
      .exempt({ rule: 'descripton-required', path: 'items/color', reason: 'x' })
      .exempt({ rule: 'description-required', path: 'items/color', reason: ' ' });
    const ds = lint(block).filter((d) => d.rule === 'exemption');
    expect(ds.map((d) => d.message)).toEqual([
      'names rule "descripton-required", which is not a lint rule (did you mean "description-required"?)',
      'has no reason',
    ]);
    expect(ds.every((d) => d.severity === 'warning')).toBe(true);
  });

  it('the fixture block lints without crashing', () => {
    expect(() => lint(fixtureBlock())).not.toThrow();
  });
});
