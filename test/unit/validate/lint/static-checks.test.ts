/**
 * The SQL grammar gate as wired in staticChecks: findings carry the line and column inside the
 * fragment, the owning field (or view, explore, join), the TS origin and the generated file;
 * derived-table SQL and the Athena DDL/scripts are gated too; fragments a core rule already
 * rejected (`;`, unknown constants) are not reported twice.
 */
import { describe, expect, it } from 'vitest';
import { Block } from '../../../../generator/vocabulary/block.js';
import { view } from '../../../../generator/vocabulary/view.js';
import { explore, join } from '../../../../generator/vocabulary/explore.js';
import { sqlText } from '../../../../generator/vocabulary/sql.js';
import { buildIr } from '../../../../generator/ir/build-ir.js';
import { grammarChecks, staticChecks } from '../../../../generator/validate/static-checks.js';
import { fixtureContent } from '../../../helpers/fixture-blocks.js';

describe('grammar gate in staticChecks', () => {
  it('a field finding names the field, the line:column inside the fragment, origin and file', async () => {
    const v = view('items', { source: { kind: 'table', sqlTableName: 's.items' } }).add((b) => ({
      id: b.dimension({ type: 'string', primaryKey: true, hidden: true, sql: b.sql`${b.table}.id` }),
      bad: b.dimension({ type: 'string', description: 'x', sql: b.sqlText("CASE WHEN ${TABLE}.a = 1\n  THEN 'x'") }),
    })).build();
    const ds = await grammarChecks(buildIr(Block.of({ ...fixtureContent([v]), explores: [], dashboards: [], athena: [] })));
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ rule: 'sql-grammar', severity: 'error', where: 'view items / field bad', file: 'views/items.view.lkml' });
    expect(ds[0]!.message).toMatch(/^sql line 2:\d+: /);
    expect(ds[0]!.origin).toMatch(/static-checks\.test\.ts:\d+$/);
  });

  it('derived-table SQL, sql_on and the Athena DDL and scripts are gated', async () => {
    const d = view('facts', { source: { kind: 'derived', sql: sqlText('SELECT id, FROM s.items') } }).add((b) => ({
      id: b.dimension({ type: 'string', primaryKey: true, hidden: true, sql: b.sql`${b.table}.id` }),
    })).build();
    const c = fixtureContent([d]);
    const e = explore({ name: 'facts', joins: [join({ name: 'f2', from: 'facts', relationship: 'one_to_one', sqlOn: sqlText('${facts.id} = = ${f2.id}') })] });
    const athena = [
      ...c.athena.map((a) => (a.kind === 'create-table' ? { ...a, ddl: { ...a.ddl, columns: [...a.ddl.columns, { name: 'payload2', type: 'struct<a:string' }] } } : a)),
      { kind: 'script' as const, name: 'broken', description: 'x', statements: ['SELECT FROM WHERE'] },
    ];
    const ds = await grammarChecks(buildIr(Block.of({ ...c, explores: [e], dashboards: [], athena })));
    const places = ds.map((x) => `${x.where} | ${x.message.split(':')[0]}`);
    expect(places).toEqual(expect.arrayContaining([
      expect.stringMatching(/^view facts \| derived_table\.sql line 1/),
      expect.stringMatching(/^explore facts \/ join f2 \| sql_on line 1/),
      expect.stringMatching(/^athena\/events\.create-table\.sql \| line \d+/),
      expect.stringMatching(/^athena\/broken\.sql \| line 1/),
    ]));
    expect(ds.every((x) => x.severity === 'error' && x.file)).toBe(true);
  });

  it('a fragment with ";" or an unknown constant is left to the core rules', async () => {
    const v = view('items', { source: { kind: 'table', sqlTableName: 's.items' } }).add((b) => ({
      id: b.dimension({ type: 'string', primaryKey: true, hidden: true, sql: b.sql`${b.table}.id` }),
      a: b.dimension({ type: 'string', description: 'x', sql: b.sqlText('${TABLE}.a;') }),
      c: b.dimension({ type: 'string', description: 'x', sql: b.sqlText("'@{NOPE}'") }),
    })).build();
    const ds = await staticChecks(buildIr(Block.of({ ...fixtureContent([v]), explores: [], dashboards: [], athena: [] })));
    expect(ds.filter((x) => x.severity === 'error')).toEqual([]);
  });
});
