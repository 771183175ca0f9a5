import { describe, expect, it } from 'vitest';
import {
  bare, blockName, commentText, ddlLiteral, identifier, identifierProblem, quoteLookml, RenderError, sqlBlock, sqlBlockProblem, sqlString,
} from '../../../generator/render/escape.js';
import { parseLookml } from '../../helpers/lookml.js';

describe('quoteLookml', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['C:\\path', '"C:\\\\path"'],
    ['\\"', '"\\\\\\""'],
    ['two\nlines\tand tab', '"two\nlines\tand tab"'],
    ['# not a comment ;; nor a block ${x} }}', '"# not a comment ;; nor a block ${x} }}"'],
    ['', '""'],
  ])('%j → %s', (value, expected) => {
    expect(quoteLookml(value)).toBe(expected);
  });

  it('reads back as the same value through lookml-parser', () => {
    for (const value of ['say "hi"', 'a\\b', 'end\\', '\\"', 'x\n"y"\n\\', ' lead and trail ']) {
      const parsed = parseLookml(`label: ${quoteLookml(value)}\n`);
      expect(parsed['label']).toBe(value);
    }
  });
});

describe('sqlBlockProblem / sqlBlock', () => {
  it('refuses ;; anywhere and a trailing ; (with trailing whitespace too)', () => {
    expect(sqlBlockProblem('SELECT 1;; DROP')).toMatch(/contains ";;"/);
    expect(sqlBlockProblem("'a;;b'")).toMatch(/contains ";;"/);
    expect(sqlBlockProblem('SELECT 1;')).toMatch(/ends with ";"/);
    expect(sqlBlockProblem('SELECT 1; \n ')).toMatch(/ends with ";"/);
  });
  it('accepts a single ; inside and other text', () => {
    expect(sqlBlockProblem("split(x, ';')")).toBeUndefined();
    expect(sqlBlockProblem('a; b')).toBeUndefined();
    expect(sqlBlockProblem('')).toBeUndefined();
  });
  it('sqlBlock throws a RenderError naming the place', () => {
    expect(sqlBlock('x', 'here')).toBe('x');
    const error = (() => { try { sqlBlock('x;', 'view v / field f'); } catch (e) { return e; } })();
    expect(error).toBeInstanceOf(RenderError);
    expect((error as RenderError).where).toBe('view v / field f');
    expect((error as Error).message).toMatch(/^view v \/ field f: ends with ";"/);
  });
});

describe('identifiers and bare values', () => {
  it.each(['a', 'event_name', '_x', 'a1_b2'])('accepts %s', (name) => {
    expect(identifierProblem(name)).toBeUndefined();
    expect(identifier(name, 'w')).toBe(name);
  });
  it.each(['Event', '1a', 'a-b', 'a b', 'a.b', '', 'é'])('refuses %j', (name) => {
    expect(identifierProblem(name)).toBe(`"${name}" is not a valid LookML name (lower-case letters, digits and underscores, not starting with a digit)`);
    expect(() => identifier(name, 'w')).toThrow(RenderError);
  });
  it('blockName allows upper case (constants) but not punctuation', () => {
    expect(blockName('CONNECTION_NAME', 'w')).toBe('CONNECTION_NAME');
    expect(() => blockName('a-b', 'w')).toThrow('w: "a-b" cannot be the name of a LookML block');
  });
  it('bare allows names, numbers, dotted names, stars and signs only', () => {
    for (const v of ['yes', '90', 'view.field', 'detail*', '-x.y', '1.5']) expect(bare(v, 'w')).toBe(v);
    for (const v of ['a b', '"x"', 'a;', '']) expect(() => bare(v, 'w')).toThrow(RenderError);
  });
});

describe('commentText, ddlLiteral, sqlString', () => {
  it('commentText folds newlines into spaces', () => {
    expect(commentText('a\nb\r\n\nc')).toBe('a b c');
  });
  it('ddlLiteral quotes plain text and refuses quotes, backslashes and newlines', () => {
    expect(ddlLiteral('s3://bucket/AWSLogs/${timestamp}', 'w')).toBe("'s3://bucket/AWSLogs/${timestamp}'");
    for (const bad of ["it's", 'a\\b', 'a\nb', 'a\rb']) expect(() => ddlLiteral(bad, 'athena/x.sql')).toThrow(/^athena\/x\.sql: [\s\S]*cannot stand in an Athena DDL literal/);
  });
  it('sqlString doubles single quotes', () => {
    expect(sqlString("O'Brien")).toBe("'O''Brien'");
    expect(sqlString('')).toBe("''");
  });
});
