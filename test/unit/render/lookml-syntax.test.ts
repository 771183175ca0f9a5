import { describe, expect, it } from 'vitest';
import {
  bareList, bareValue, block, filterMap, params, quoted, quotedList, serialize, serializeBody, sqlValue, yesNo,
} from '../../../generator/render/lookml-syntax.js';
import { RenderError } from '../../../generator/render/escape.js';
import { parseLookml, stripMeta } from '../../helpers/lookml.js';

describe('serialize', () => {
  it('prints each value kind', () => {
    expect(serialize({ key: 'label', value: quoted('A "b"') }, 1, 'w')).toBe('  label: "A \\"b\\""');
    expect(serialize({ key: 'type', value: bareValue('string') }, 0, 'w')).toBe('type: string');
    expect(serialize({ key: 'hidden', value: yesNo(true) }, 0, 'w')).toBe('hidden: yes');
    expect(serialize({ key: 'hidden', value: yesNo(false) }, 0, 'w')).toBe('hidden: no');
    expect(serialize({ key: 'sql', value: sqlValue('${TABLE}.a') }, 2, 'w')).toBe('    sql: ${TABLE}.a ;;');
    expect(serialize({ key: 'tags', value: quotedList(['a', 'b"c']) }, 0, 'w')).toBe('tags: ["a", "b\\"c"]');
    expect(serialize({ key: 'fields', value: bareList(['a', 'b.c', 'd*']) }, 0, 'w')).toBe('fields: [a, b.c, d*]');
    expect(serialize({ key: 'fields', value: bareList([]) }, 0, 'w')).toBe('fields: []');
    expect(serialize({ key: 'filters', value: filterMap({ 'v.a': 'yes', b: '-"x"' }) }, 0, 'w')).toBe('filters: [v.a: "yes", b: "-\\"x\\""]');
  });

  it('prints multi-line SQL indented one step deeper, blank lines kept empty, ;; on its own line', () => {
    const text = serialize({ key: 'sql', value: sqlValue('SELECT a\n\nFROM t') }, 1, 'w');
    expect(text).toBe('  sql:\n    SELECT a\n\n    FROM t\n  ;;');
  });

  it('prints named and unnamed blocks, empty blocks on one line', () => {
    const b = block(params(['type', bareValue('count')], ['label', undefined], ['filters', filterMap({ a: '1' })]), 'n');
    expect(serialize({ key: 'measure', value: b }, 1, 'w')).toBe('  measure: n {\n    type: count\n    filters: [a: "1"]\n  }');
    expect(serialize({ key: 'always_filter', value: block([]) }, 0, 'w')).toBe('always_filter: {}');
  });

  it('refuses what it cannot write, naming the place and key', () => {
    expect(() => serialize({ key: 'sql', value: sqlValue('x;') }, 0, 'view v dimension d')).toThrow('view v dimension d sql: ends with ";"');
    expect(() => serialize({ key: 'type', value: bareValue('two words') }, 0, 'view v')).toThrow(RenderError);
    expect(() => serialize({ key: 'filters', value: filterMap({ 'a b': 'x' }) }, 0, 'w')).toThrow(RenderError);
    expect(() => serialize({ key: 'dimension', value: block([], 'Bad-Name') }, 0, 'w')).toThrow(RenderError);
    expect(() => serialize({ key: 'x', value: { t: 'list', items: [sqlValue('a')] } }, 0, 'w')).toThrow('w x: only quoted or bare values can stand in a list');
  });

  it('params drops undefined entries and keeps order', () => {
    expect(params(['a', quoted('1')], undefined, ['b', undefined], ['c', bareValue('x')]).map((p) => p.key)).toEqual(['a', 'c']);
  });
});

describe('serializeBody', () => {
  it('sets nested blocks apart by one blank line (except the first entry)', () => {
    const body = serializeBody(
      [
        { key: 'label', value: quoted('x') },
        { key: 'dimension', value: block(params(['type', bareValue('string')]), 'a') },
        { key: 'dimension', value: block(params(['type', bareValue('string')]), 'b') },
      ],
      1,
      'view v',
    );
    expect(body).toBe('  label: "x"\n\n  dimension: a {\n    type: string\n  }\n\n  dimension: b {\n    type: string\n  }');
    expect(serializeBody([{ key: 'dimension', value: block([], 'a') }], 0, 'w')).toBe('dimension: a {}');
  });

  it('what it prints parses back to the same values', () => {
    const body = serializeBody(
      params(
        ['label', quoted('He said "hi"\\')],
        ['tags', quotedList(['x', 'y'])],
        ['sql', sqlValue('CASE WHEN a THEN 1\nELSE 2 END')],
        ['filters', filterMap({ a: 'yes', 'v.b': '>10' })],
      ),
      1,
      'view v',
    );
    const parsed = parseLookml(`view: v {\n${body}\n}\n`)['view']['v'];
    expect(parsed['label']).toBe('He said "hi"\\');
    expect(parsed['tags']).toEqual(['x', 'y']);
    expect(parsed['sql'].trim()).toBe('CASE WHEN a THEN 1\n    ELSE 2 END');
    expect(stripMeta(parsed['filters'])).toEqual({ a: 'yes', 'v.b': '>10' });
  });
});
