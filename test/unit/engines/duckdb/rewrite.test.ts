import { describe, expect, it } from 'vitest';
import { athenaToDuckDb, tokenize } from '../../../../generator/engines/duckdb/rewrite.js';

describe('tokenize', () => {
  it('gives back the input exactly when the tokens are joined', () => {
    const sql = `SELECT "a""b", 'it''s', x -> x.arn /* c */ -- d\n FROM t WHERE y <> 1.5e3`;
    expect(tokenize(sql).map((t) => t.text).join('')).toBe(sql);
  });

  it('keeps strings, quoted identifiers and comments as single tokens', () => {
    const kinds = tokenize(`'UNNEST(x)' "transform(" /* any_match( */ -- filter(\n`)
      .filter((t) => t.kind !== 'space')
      .map((t) => [t.kind, t.text]);
    expect(kinds).toEqual([
      ['string', "'UNNEST(x)'"],
      ['quoted', '"transform("'],
      ['comment', '/* any_match( */'],
      ['comment', '-- filter('],
    ]);
  });

  it('handles doubled quotes inside strings and identifiers', () => {
    const tokens = tokenize(`'a''b' "c""d"`).filter((t) => t.kind !== 'space');
    expect(tokens.map((t) => t.text)).toEqual([`'a''b'`, `"c""d"`]);
  });
});

describe('athenaToDuckDb: UNNEST', () => {
  it('expands CROSS JOIN UNNEST of an array of rows into columns', () => {
    expect(athenaToDuckDb('SELECT t.arn FROM cloudtrail_logs CROSS JOIN UNNEST(resources) AS t(arn, accountid, type)')).toBe(
      'SELECT t.arn FROM cloudtrail_logs CROSS JOIN LATERAL (SELECT unnest(resources, recursive := true)) AS t(arn, accountid, type)',
    );
  });

  it('rewrites the comma form in a FROM list and LEFT JOIN … ON TRUE', () => {
    expect(athenaToDuckDb('SELECT 1 FROM a, UNNEST(a.r) AS t(x)')).toBe(
      'SELECT 1 FROM a, LATERAL (SELECT unnest(a.r, recursive := true)) AS t(x)',
    );
    expect(athenaToDuckDb('SELECT 1 FROM a LEFT JOIN UNNEST(a.r) AS t(x) ON TRUE')).toBe(
      'SELECT 1 FROM a LEFT JOIN LATERAL (SELECT unnest(a.r, recursive := true)) AS t(x) ON TRUE',
    );
  });

  it('keeps nested parentheses inside the UNNEST argument', () => {
    expect(athenaToDuckDb("SELECT 1 FROM a CROSS JOIN UNNEST(split(coalesce(a.s, 'x,y'), ',')) AS t(p)")).toBe(
      "SELECT 1 FROM a CROSS JOIN LATERAL (SELECT unnest(split(coalesce(a.s, 'x,y'), ','), recursive := true)) AS t(p)",
    );
  });

  it('zips several arrays and turns WITH ORDINALITY into generate_subscripts', () => {
    expect(athenaToDuckDb('SELECT 1 FROM a CROSS JOIN UNNEST(a.x, a.y) WITH ORDINALITY AS t(p, q, n)')).toBe(
      'SELECT 1 FROM a CROSS JOIN LATERAL (SELECT unnest(a.x, recursive := true), unnest(a.y, recursive := true), generate_subscripts(a.x, 1)) AS t(p, q, n)',
    );
  });

  it('leaves unnest outside a FROM list, in strings, in quoted identifiers and comments alone', () => {
    const sql = `SELECT f(x, unnest(y)), 'CROSS JOIN UNNEST(r)', "unnest" FROM t -- JOIN UNNEST(r)\nWHERE a IN (1, 2)`;
    expect(athenaToDuckDb(sql)).toBe(sql);
  });

  it('finds FROM lists inside subqueries', () => {
    expect(athenaToDuckDb('SELECT (SELECT count(*) FROM UNNEST(l) AS u(v)) FROM t')).toBe(
      'SELECT (SELECT count(*) FROM LATERAL (SELECT unnest(l, recursive := true)) AS u(v)) FROM t',
    );
  });
});

describe('athenaToDuckDb: lambdas', () => {
  it('renames transform and filter and turns arrows into DuckDB lambdas', () => {
    expect(athenaToDuckDb('SELECT transform(resources, r -> r.arn), filter(xs, (x) -> x > 1) FROM t')).toBe(
      'SELECT list_transform(resources, lambda r: r.arn), list_filter(xs, lambda x: x > 1) FROM t',
    );
  });

  it('keeps the aggregate FILTER (WHERE …) clause and qualified names', () => {
    const sql = 'SELECT count(*) FILTER (WHERE x > 1), t.filter(1) FROM t';
    expect(athenaToDuckDb(sql)).toBe(sql);
  });

  it('maps any_match/all_match/none_match with Trino results for empty arrays', () => {
    expect(athenaToDuckDb("SELECT any_match(xs, x -> x = 'a')")).toBe(
      "SELECT coalesce(list_bool_or(list_transform(xs, lambda x: x = 'a')), false)",
    );
    expect(athenaToDuckDb('SELECT all_match(xs, x -> x > 0)')).toBe(
      'SELECT coalesce(list_bool_and(list_transform(xs, lambda x: x > 0)), true)',
    );
    expect(athenaToDuckDb('SELECT none_match(xs, x -> x > 0)')).toBe(
      'SELECT (NOT coalesce(list_bool_or(list_transform(xs, lambda x: x > 0)), false))',
    );
  });

  it('rewrites multi-parameter lambdas and lambdas inside UNNEST arguments', () => {
    expect(athenaToDuckDb('SELECT 1 FROM t CROSS JOIN UNNEST(transform(t.l, (e) -> e.k)) AS u(k)')).toBe(
      'SELECT 1 FROM t CROSS JOIN LATERAL (SELECT unnest(list_transform(t.l, lambda e: e.k), recursive := true)) AS u(k)',
    );
    expect(athenaToDuckDb('SELECT f(xs, (s, x) -> s + x)')).toBe('SELECT f(xs, lambda s, x: s + x)');
  });

  it('does not touch an arrow inside a string', () => {
    const sql = "SELECT 'x -> y' AS a";
    expect(athenaToDuckDb(sql)).toBe(sql);
  });
});
