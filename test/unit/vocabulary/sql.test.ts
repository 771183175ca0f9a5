import { describe, expect, it } from 'vitest';
import { fieldRef, makeSql, parseSubstitutions, refsOf, sql, sqlText, sqlToLookml, TABLE, toSql, isSql } from '../../../generator/vocabulary/sql.js';

describe('sqlText', () => {
  it('turns ${TABLE}, ${field} and ${view.field} into references and keeps the text between', () => {
    const s = sqlText('CASE WHEN ${TABLE}.a = ${b} THEN ${other_view.c} END');
    expect(s.chunks).toEqual(['CASE WHEN ', TABLE, '.a = ', fieldRef('b'), ' THEN ', fieldRef('c', 'other_view'), ' END']);
    expect(refsOf(s)).toEqual([{ kind: 'field-ref', field: 'b' }, { kind: 'field-ref', view: 'other_view', field: 'c' }]);
    expect(sqlToLookml(s)).toBe('CASE WHEN ${TABLE}.a = ${b} THEN ${other_view.c} END');
  });

  it('keeps the leading text', () => {
    expect(sqlText('CASE WHEN ${TABLE}.a').chunks).toEqual(['CASE WHEN ', TABLE, '.a']);
  });

  it('accepts whitespace inside ${ } and normalises it on output', () => {
    expect(sqlText('${ TABLE }.x + ${ a }').chunks).toEqual([TABLE, '.x + ', fieldRef('a')]);
    expect(sqlToLookml(sqlText('${ TABLE }.x + ${ a }'))).toBe('${TABLE}.x + ${a}');
  });

  it('leaves text that is not a substitution alone (Liquid, @{constants}, ${1bad})', () => {
    const text = "{% condition f %} x {% endcondition %} AND @{SCHEMA}.t AND '${1bad}' AND $x";
    expect(sqlText(text).chunks).toEqual([text]);
  });

  it('has no references in plain text and an empty chunk list for ""', () => {
    expect(refsOf(sqlText('1 = 1'))).toEqual([]);
    expect(sqlText('').chunks).toEqual([]);
    expect(sqlToLookml(sqlText(''))).toBe('');
  });

  it('parseSubstitutions splits adjacent references without empty strings', () => {
    expect(parseSubstitutions('${a}${b}')).toEqual([fieldRef('a'), fieldRef('b')]);
  });
});

describe('sql`` tag', () => {
  it('interpolates field references, TABLE, numbers, strings and other Sql', () => {
    const inner = sqlText('${x} + 1');
    const s = sql`COALESCE(${fieldRef('a')}, ${TABLE}.b, ${42}, ${'NULL'}) > (${inner})`;
    expect(s.chunks).toEqual(['COALESCE(', fieldRef('a'), ', ', TABLE, '.b, 42, NULL) > (', fieldRef('x'), ' + 1)']);
    expect(sqlToLookml(s)).toBe('COALESCE(${a}, ${TABLE}.b, 42, NULL) > (${x} + 1)');
    expect(refsOf(s)).toEqual([fieldRef('a'), fieldRef('x')]);
  });

  it('parses LookML substitutions written literally in the template (\\${…})', () => {
    const s = sql`\${TABLE}.a = \${v.b}`;
    expect(s.chunks).toEqual([TABLE, '.a = ', fieldRef('b', 'v')]);
  });

  it('merges adjacent text chunks so equal SQL has one representation', () => {
    const a = sql`a${'b'}${'c'}d`;
    expect(a.chunks).toEqual(['abcd']);
    expect(a).toEqual(sqlText('abcd'));
    expect(sql`${TABLE}.x`).toEqual(sqlText('${TABLE}.x'));
  });

  it('returns frozen values', () => {
    const s = sql`${TABLE}.x`;
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.chunks)).toBe(true);
    expect(Object.isFrozen(fieldRef('a'))).toBe(true);
  });
});

describe('makeSql / toSql / isSql', () => {
  it('drops empty strings and joins neighbours', () => {
    expect(makeSql(['a', '', 'b', TABLE, '', 'c', 'd']).chunks).toEqual(['ab', TABLE, 'cd']);
  });
  it('toSql accepts text or Sql', () => {
    const s = sqlText('${a}');
    expect(toSql(s)).toBe(s);
    expect(toSql('${a}')).toEqual(s);
  });
  it('isSql recognises Sql only', () => {
    expect(isSql(sqlText('x'))).toBe(true);
    expect(isSql('x')).toBe(false);
    expect(isSql(null)).toBe(false);
    expect(isSql({ kind: 'field-ref', field: 'a' })).toBe(false);
  });
  it('fieldRef without a view has no view key', () => {
    expect(Object.keys(fieldRef('a'))).toEqual(['kind', 'field']);
    expect(fieldRef('a', 'v')).toEqual({ kind: 'field-ref', view: 'v', field: 'a' });
  });
});
