/**
 * Semantic rules beyond the one-fault corpus: every finding of a many-fault block in one run, the
 * exact timeframe message, fan-out semantics, and robustness on values only a JS config can hold.
 */
import { describe, expect, it } from 'vitest';
import { compileBlock } from '../../../../generator/compile.js';
import { Block } from '../../../../generator/vocabulary/block.js';
import { view } from '../../../../generator/vocabulary/view.js';
import { explore, join } from '../../../../generator/vocabulary/explore.js';
import { dashboard, queryTile } from '../../../../generator/vocabulary/dashboard.js';
import { sqlText } from '../../../../generator/vocabulary/sql.js';
import { buildIr } from '../../../../generator/ir/build-ir.js';
import { repeatedAliases } from '../../../../generator/validate/rules/explores.js';
import { cloudtrailBlock } from '../../../../model/index.js';
import { fixtureContent } from '../../../helpers/fixture-blocks.js';

describe('semantic rules', () => {
  it('reports a missing timeframe as the group lacking it, with the timeframes it has', async () => {
    const block = cloudtrailBlock().extendView('cloudtrail_logs', (v) => ({
      q: v.dimension({ type: 'string', description: 'x', sql: v.sqlText('${event_time_quarter}') }),
    }));
    const [d] = (await compileBlock(block)).diagnostics;
    expect(d).toMatchObject({ rule: 'unknown-timeframe', where: 'view cloudtrail_logs / field q', file: 'views/cloudtrail_logs.view.lkml' });
    expect(d!.message).toBe(
      'sql references ${event_time_quarter}, but "event_time_quarter": dimension_group event_time has no timeframe quarter '
        + '(it has: raw, time, minute15, minute30, hour, date, week, month, year, hour_of_day, day_of_week, month_name)',
    );
  });

  it('a typo of a timeframe stays an unknown reference with "did you mean"', async () => {
    const block = cloudtrailBlock().extendView('cloudtrail_logs', (v) => ({
      q: v.dimension({ type: 'string', description: 'x', sql: v.sqlText('${event_time_dat}') }),
    }));
    const [d] = (await compileBlock(block)).diagnostics;
    expect(d!.rule).toBe('unknown-reference');
    expect(d!.message).toContain('(did you mean "event_time_date"?)');
  });

  it('reports every fault of a block in one run, and renders nothing', async () => {
    const v = view('w', { source: { kind: 'table', sqlTableName: 't' } }).add((b) => ({
      id: b.dimension({ type: 'string', primaryKey: true, hidden: true, sql: b.sql`${b.table}.id` }),
      n: b.dimension({ type: 'number', sql: b.sql`${b.table}.n` }),
      c: b.measure({ type: 'count', filters: { n: 'lots' } }),
      s: b.measure({ type: 'sum', sql: b.sqlText('${c}') }),
      p: b.parameter({ type: 'number', allowedValues: [{ label: 'One', value: '1' }], defaultValue: 'two' }),
    })).build();
    const d = dashboard({
      name: 'board', title: 'Board', filters: [],
      elements: [queryTile({ name: 't', title: 'T', type: 'table', explore: 'w', fields: ['w.c'], pivots: ['w.n'], row: 0, col: 20, width: 6, height: 2 })],
    });
    const r = await compileBlock(Block.of({ ...fixtureContent([v]), explores: [explore({ name: 'w' })], dashboards: [d], athena: [] }));
    expect(r.files).toBeUndefined();
    expect(new Set(r.diagnostics.map((x) => x.rule))).toEqual(new Set(['nested-aggregate', 'parameter-values', 'tile-layout', 'tile-query', 'filter-expression']));
  });

  it('fan-out: one_to_many repeats the other aliases, many_to_many all, many_to_one the joined side', () => {
    const e = explore({
      name: 'a',
      joins: [
        join({ name: 'b', relationship: 'one_to_many', sqlOn: sqlText('1=1') }),
        join({ name: 'c', relationship: 'many_to_one', sqlOn: sqlText('1=1') }),
        join({ name: 'd', relationship: 'one_to_one', sqlOn: sqlText('1=1') }),
      ],
    });
    expect([...repeatedAliases(e).keys()].sort()).toEqual(['a', 'c', 'd']);
    const m = explore({ name: 'a', joins: [join({ name: 'b', relationship: 'many_to_many', sqlOn: sqlText('1=1') })] });
    expect([...repeatedAliases(m).keys()].sort()).toEqual(['a', 'b']);
  });

  it('survives values only a JS config can hold, reporting them instead of crashing', async () => {
    const weird = {
      name: 'w', source: { kind: 'table', sqlTableName: 't' }, sets: {},
      fields: {
        a: { kind: 'dimension' },
        b: { kind: 'measure', type: 'list' },
        c: { kind: 'dimension_group', type: 'time', timeframes: 'date' },
        d: { kind: 'dimension_group', type: 'duration', intervals: [] },
        e: { kind: 'gizmo', type: 'x' },
      },
    };
    const block = Block.of({ ...fixtureContent([weird as never]), explores: [explore({ name: 'w', joins: [{ name: 'w2', from: 'w' } as never] })], dashboards: [], athena: [] });
    const ds = (await compileBlock(block)).diagnostics;
    expect(ds.filter((x) => x.rule === 'internal-check')).toEqual([]);
    expect(ds.map((x) => `${x.rule}: ${x.where}: ${x.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^invalid-value: view w \/ field a: undefined is not a valid dimension type/),
      'missing-parameter: view w / field b: list measure has no list_field',
      'invalid-value: view w / field c: a time dimension_group needs a non-empty timeframes list',
      'invalid-value: view w / field d: a duration dimension_group needs a non-empty intervals list',
      expect.stringMatching(/^invalid-value: view w \/ field e: "gizmo" is not a field kind/),
      expect.stringMatching(/^missing-parameter: explore w \/ join w2: has no relationship/),
      'missing-parameter: explore w / join w2: has no sql_on (only a cross join may omit it)',
    ]));
  });

  it('the IR of the built-in block passes every core rule', async () => {
    expect((await compileBlock(cloudtrailBlock())).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(buildIr(cloudtrailBlock()).views.length).toBeGreaterThan(0);
  });
});
