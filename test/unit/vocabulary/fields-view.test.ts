import { describe, expect, expectTypeOf, it } from 'vitest';
import { dimension, dimensionGroup, fieldNamesOf, measure, type FieldNamesOf } from '../../../generator/vocabulary/fields.js';
import { expandedNames, view } from '../../../generator/vocabulary/view.js';
import { fieldRef, sqlText, TABLE } from '../../../generator/vocabulary/sql.js';

const s = sqlText('${TABLE}.x');

describe('fieldNamesOf / FieldNamesOf', () => {
  it('a time group contributes one name per timeframe, in order', () => {
    const g = dimensionGroup({ type: 'time', timeframes: ['raw', 'date', 'week'], sql: s });
    expect(fieldNamesOf('created', g)).toEqual(['created_raw', 'created_date', 'created_week']);
    expectTypeOf<FieldNamesOf<'created', typeof g>>().toEqualTypeOf<'created_raw' | 'created_date' | 'created_week'>();
  });

  it('a duration group contributes `<interval>s_<name>`', () => {
    const g = dimensionGroup({ type: 'duration', intervals: ['day', 'hour'], sqlStart: s, sqlEnd: s });
    expect(fieldNamesOf('open', g)).toEqual(['days_open', 'hours_open']);
    expectTypeOf<FieldNamesOf<'open', typeof g>>().toEqualTypeOf<'days_open' | 'hours_open'>();
  });

  it('other fields contribute their own name', () => {
    expect(fieldNamesOf('n', dimension({ type: 'string', sql: s }))).toEqual(['n']);
    expect(fieldNamesOf('c', measure({ type: 'count' }))).toEqual(['c']);
    expectTypeOf<FieldNamesOf<'c', ReturnType<typeof measure<{ type: 'count' }>>>>().toEqualTypeOf<'c'>();
  });
});

describe('field builders', () => {
  it('add the kind, keep the definition, freeze, and record the TS origin of the call', () => {
    const d = dimension({ type: 'yesno', sql: s, description: 'x' });
    expect(d).toMatchObject({ kind: 'dimension', type: 'yesno', sql: s, description: 'x' });
    expect(Object.isFrozen(d)).toBe(true);
    expect((d as { origin?: string }).origin).toMatch(/test\/unit\/vocabulary\/fields-view\.test\.ts:\d+$/);
    expect(measure({ type: 'count' }).kind).toBe('measure');
  });
});

describe('ViewBuilder.add', () => {
  const base = () =>
    view('v', { source: { kind: 'table', sqlTableName: 't' } }).add((b) => ({
      a: b.dimension({ type: 'string', sql: b.sql`${b.table}.a` }),
      created: b.dimensionGroup({ type: 'time', timeframes: ['date', 'week'], sql: b.sql`${b.table}.c` }),
    }));

  it('adds fields in declaration order; later steps reference earlier ones through v.fields', () => {
    const def = base()
      .add((b) => ({ b: b.dimension({ type: 'string', sql: b.sql`${b.fields.a} || ${b.fields.created_date}` }) }))
      .build();
    expect(Object.keys(def.fields)).toEqual(['a', 'created', 'b']);
    const b = def.fields['b']!;
    expect(b.kind === 'dimension' && b.type !== 'location' && b.sql.chunks).toEqual([fieldRef('a'), ' || ', fieldRef('created_date')]);
    expect(def.fields['a']!.kind === 'dimension' && 'sql' in def.fields['a']! && def.fields['a'].sql.chunks).toEqual([TABLE, '.a']);
  });

  it('rejects a name that is already a field', () => {
    expect(() => base().add((b) => ({ a: b.dimension({ type: 'number', sql: s }) }))).toThrow(
      'view v: field "a" is already defined (use overrideField to change it)',
    );
  });

  it('rejects a field whose name collides with an expanded time-group name', () => {
    expect(() => base().add((b) => ({ created_week: b.dimension({ type: 'string', sql: s }) }))).toThrow(/field "created_week" is already defined/);
  });

  it('rejects a group whose expanded names collide with an existing field', () => {
    const v = view('v', { source: { kind: 'none' } }).add((b) => ({ closed_date: b.dimension({ type: 'string', sql: s }) }));
    expect(() => v.add((b) => ({ closed: b.dimensionGroup({ type: 'time', timeframes: ['week', 'date'], sql: s }) }))).toThrow(/field "closed" is already defined/);
    expect(() => v.add((b) => ({ closed: b.dimensionGroup({ type: 'time', timeframes: ['week'], sql: s }) }))).not.toThrow();
  });

  it('rejects a group with the same base name as an existing group even when no expanded name collides', () => {
    expect(() => base().add((b) => ({ created: b.dimensionGroup({ type: 'time', timeframes: ['month'], sql: s }) }))).toThrow(/"created" is already defined/);
  });

  it('does not change the builder it was called on', () => {
    const b0 = base();
    b0.add((b) => ({ extra: b.measure({ type: 'count' }) }));
    expect(Object.keys(b0.build().fields)).toEqual(['a', 'created']);
  });

  it('sets are stored as declared and frozen', () => {
    const def = base().set('detail', ['a', 'created_date']).build();
    expect(def.sets).toEqual({ detail: ['a', 'created_date'] });
    expect(Object.isFrozen(def.sets['detail'])).toBe(true);
  });

  it('v.fields gives a reference for any name at runtime (names are checked by tsc and the validator)', () => {
    const b = base();
    expect(b.fields.a).toEqual({ kind: 'field-ref', field: 'a' });
    expect(b.table).toBe(TABLE);
  });
});

describe('expandedNames', () => {
  it('maps every addressable name to its field', () => {
    const def = view('v', { source: { kind: 'none' } })
      .add((b) => ({
        a: b.dimension({ type: 'string', sql: s }),
        t: b.dimensionGroup({ type: 'time', timeframes: ['date'], sql: s }),
        d: b.dimensionGroup({ type: 'duration', intervals: ['minute'], sqlStart: s, sqlEnd: s }),
      }))
      .build();
    expect(expandedNames(def.fields)).toEqual({ a: 'a', t_date: 't', minutes_d: 'd' });
  });
});
