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

describe('athenaToDuckDb: date functions with a literal format', () => {
  it('translates date_format and format_datetime to strftime, date_parse and parse_datetime to strptime', () => {
    expect(athenaToDuckDb("SELECT date_format(x, '%Y/%m/%d %H:%i:%s')")).toBe("SELECT strftime(x, '%Y/%m/%d %H:%M:%S')");
    expect(athenaToDuckDb("SELECT format_datetime(x, 'yyyy-MM-dd''T''HH:mm')")).toBe("SELECT strftime(x, '%Y-%m-%dT%H:%M')");
    expect(athenaToDuckDb("SELECT date_parse(s, '%Y-%m-%d %H:%i:%s')")).toBe("SELECT strptime(s, '%Y-%m-%d %H:%M:%S')");
    expect(athenaToDuckDb("SELECT parse_datetime(s, 'dd/MMM/yyyy:HH:mm:ss Z')")).toBe("SELECT CAST(strptime(s, '%d/%b/%Y:%H:%M:%S %z') AS TIMESTAMPTZ)");
    expect(athenaToDuckDb("SELECT DATE_FORMAT (x, '%W')")).toBe("SELECT strftime (x, '%A')");
  });

  it('rewrites the partition predicate the explore generates, leaving the first argument as it is', () => {
    const sql = `t."timestamp" <= COALESCE(date_format(CAST(NULL AS TIMESTAMP) - INTERVAL '1' SECOND + INTERVAL '1' DAY, '%Y/%m/%d'), '9999/99/99')`;
    expect(athenaToDuckDb(sql)).toBe(
      `t."timestamp" <= COALESCE(strftime(CAST(NULL AS TIMESTAMP) - INTERVAL '1' SECOND + INTERVAL '1' DAY, '%Y/%m/%d'), '9999/99/99')`,
    );
  });

  it('splits arguments with nested calls and commas inside strings, and rewrites nested calls too', () => {
    expect(athenaToDuckDb("SELECT date_format(coalesce(date_parse(split_part('a,b', ',', 1), '%Y'), now()), '%Y, %m')")).toBe(
      "SELECT strftime(coalesce(strptime(split_part('a,b', ',', 1), '%Y'), now()), '%Y, %m')",
    );
  });

  it('re-quotes the translated literal and keeps literal percent signs', () => {
    expect(athenaToDuckDb("SELECT date_format(x, '%Y''s 100%% %')")).toBe("SELECT strftime(x, '%Y''s 100%% %%')");
    expect(athenaToDuckDb("SELECT date_format(x, /* c */ '%d' -- d\n)")).toBe("SELECT strftime(x, /* c */ '%d' -- d\n)");
  });

  it('leaves formats that are not a single literal to the shim macro', () => {
    for (const sql of [
      'SELECT date_format(x, fmt)',
      "SELECT date_format(x, '%Y' || '/%m')",
      "SELECT date_format(x, concat('%Y', '/%m'))",
      "SELECT date_format(x, E'%Y')",
      "SELECT date_format(x, NULL)",
      "SELECT date_format(x)",
      "SELECT date_format(x, '%Y', 'extra')",
    ]) {
      expect(athenaToDuckDb(sql)).toBe(sql);
    }
  });

  it('does not touch strings, quoted identifiers, comments or qualified names', () => {
    const sql = `SELECT 'date_format(x, ''%Y'')', "date_format"(x, '%i'), t.date_format(x, '%i') -- date_format(x, '%i')\n/* date_parse(s, '%Y') */`;
    expect(athenaToDuckDb(sql)).toBe(sql);
  });
});
