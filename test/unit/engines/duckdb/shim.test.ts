/**
 * The shim gives Trino's answers where DuckDB's own functions differ (toolchain-probe.md §3.3),
 * run through the engine exactly as Athena SQL text.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { athenaShimSql, DuckDbEngine, supportedFormatTokens, toDuckDbSql, translateFormat } from '../../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { FIXTURES } from './helpers.js';

let engine: DuckDbEngine;
beforeAll(async () => {
  engine = await DuckDbEngine.open({ data: join(FIXTURES, 'trailscraper'), schema: cloudtrailTable });
});
afterAll(async () => {
  await engine?.close();
});

async function value(expression: string): Promise<unknown> {
  const { rows } = await engine.run(`SELECT ${expression} AS v`);
  return rows[0]?.['v'];
}

describe('shim: Trino semantics where DuckDB differs', () => {
  it('date_diff counts complete units (DuckDB counts boundaries crossed)', async () => {
    expect(await value("date_diff('day', TIMESTAMP '2024-05-01 23:00:00', TIMESTAMP '2024-05-02 01:00:00')")).toBe(0);
    expect(await value("date_diff('hour', TIMESTAMP '2024-05-01 23:00:00', TIMESTAMP '2024-05-02 01:00:00')")).toBe(2);
  });

  it('integer division truncates', async () => {
    expect(await value('7 / 2')).toBe(3);
    expect(await value('-7 / 2')).toBe(-3);
    expect(await value('7.0 / 2')).toBe(3.5);
  });

  it('split_part past the end is NULL, not empty', async () => {
    expect(await value("split_part('a/b', '/', 5)")).toBeNull();
    expect(await value("split_part('a/b', '/', 2)")).toBe('b');
  });

  it('day_of_week is ISO: Monday 1 … Sunday 7', async () => {
    expect(await value("day_of_week(DATE '2024-05-05')")).toBe(7); // a Sunday
    expect(await value("day_of_week(DATE '2024-05-06')")).toBe(1);
    expect(await value("dow(TIMESTAMP '2024-05-02 10:00:00')")).toBe(4);
  });

  it('date_format uses MySQL specifiers: %W weekday, %M month name, %i minutes', async () => {
    expect(await value("date_format(TIMESTAMP '2024-05-02 08:05:03', '%W %M %Y-%m-%d %H:%i:%s')")).toBe('Thursday May 2024-05-02 08:05:03');
    expect(await value("date_format(TIMESTAMP '2024-05-02 08:05:03', '%e/%c %k:%i 100%%')")).toBe('2/5 8:05 100%');
  });

  it('runs Looker-style week and time-zone expressions in UTC', async () => {
    const week = "DATE_TRUNC('DAY', DATE_ADD('day', 0 - MOD((DAY_OF_WEEK(x) % 7) - 1 + 7, 7), x))";
    expect(await value(`CAST(${week.replaceAll('x', "TIMESTAMP '2024-05-02 10:00:00'")} AS DATE)`)).toBe('2024-04-29');
    expect(await value("CAST(from_iso8601_timestamp('2024-05-01T23:30:00-02:00') AS DATE)")).toBe('2024-05-02');
  });

  it('json_extract_scalar is NULL for objects and arrays', async () => {
    expect(await value(`json_extract_scalar('{"a":{"b":1},"c":"x"}', '$.a')`)).toBeNull();
    expect(await value(`json_extract_scalar('{"a":{"b":1},"c":"x"}', '$.c')`)).toBe('x');
    expect(await value(`json_extract_scalar('{"a":{"b":1},"c":"x"}', '$.a.b')`)).toBe('1');
  });

  it('cardinality and element_at work on arrays', async () => {
    expect(await value('cardinality(ARRAY[1, 2, 3])')).toBe(3);
    expect(await value('element_at(ARRAY[1, 2, 3], -1)')).toBe(3);
  });

  it('date_parse takes any literal format, and fails loudly for a run-time format outside its whitelist', async () => {
    expect(await value("date_parse('2024-05-01 08:15:30', '%Y-%m-%d %H:%i:%s')")).toBe('2024-05-01T08:15:30.000');
    // A literal format is translated by the rewrite (strptime needs it constant, not whitelisted).
    expect(await value("date_parse('01.05.2024', '%d.%m.%Y')")).toBe('2024-05-01T00:00:00.000');
    await expect(value("date_parse('01.05.2024', concat('%d.%m.', '%Y'))")).rejects.toThrow(/athena-shim: date_parse format not in whitelist/);
  });

  it('lambdas and any_match run after the rewrite', async () => {
    expect(await value("any_match(ARRAY['a', 'b'], x -> x = 'b')")).toBe(true);
    expect(await value('all_match(CAST(ARRAY[] AS INTEGER[]), x -> x > 0)')).toBe(true);
    expect(await value('array_join(transform(ARRAY[1, 2], x -> x * 10), \',\')')).toBe('10,20');
  });
});

describe('translateFormat', () => {
  it('maps MySQL and Joda tokens, longest first, and keeps literal percent signs', () => {
    expect(translateFormat('%Y-%m-%d %H:%i:%s', 'mysql')).toBe('%Y-%m-%d %H:%M:%S');
    expect(translateFormat('%W %M 100%%', 'mysql')).toBe('%A %B 100%%');
    expect(translateFormat("yyyy-MM-dd'T'HH:mm:ss", 'joda')).toBe('%Y-%m-%dT%H:%M:%S');
    expect(translateFormat('d MMMM yy', 'joda')).toBe('%-d %B %y');
  });

  it('is what the SQL translation does for run-time formats too', async () => {
    for (const format of ['%Y-%m-%d %H:%i:%s', '%W, %M %e %Y', '%T %p']) {
      expect(await value(`_athena_mysql_fmt('${format}')`)).toBe(translateFormat(format, 'mysql'));
    }
    for (const format of ['yyyy-MM-dd HH:mm:ss', 'EEEE d MMM', 'H:m:s a']) {
      expect(await value(`_athena_joda_fmt('${format}')`)).toBe(translateFormat(format, 'joda'));
    }
  });

  it('renders the whole shim as one readable script', () => {
    const script = athenaShimSql();
    expect(script).toMatch(/^-- Athena \(Trino\) compatibility shim/);
    expect(script).toContain("SET GLOBAL TimeZone = 'UTC';");
    expect(script).toContain('CREATE OR REPLACE MACRO date_diff(unit, a, b) AS date_sub(lower(unit), a, b);');
  });
});

/**
 * The rewrite translates literal formats in TypeScript; the macros translate in DuckDB. Both must
 * give the same text for every specifier. The macro path is forced by a format that is a constant
 * expression but not a single literal (`'…' || ''`): strftime/strptime need a constant format.
 */
describe('literal formats (rewrite) and run-time formats (macro) agree', () => {
  const instants = ['2024-01-07 00:05:09.123456', '2024-06-30 13:45:00', '2024-12-31 23:59:59.5'];
  const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;
  const viaMacro = async (fn: string, format: string): Promise<unknown[]> =>
    Promise.all(
      instants.map(async (ts) => (await engine.run(`SELECT ${fn}(TIMESTAMP '${ts}', ${quote(format)} || '') AS v`)).rows[0]?.['v']),
    );
  const viaRewrite = async (fn: string, format: string): Promise<unknown[]> => {
    expect(toDuckDbSql(`SELECT ${fn}(x, ${quote(format)})`)).toMatch(/^SELECT strftime\(x, /);
    return Promise.all(instants.map(async (ts) => (await engine.run(`SELECT ${fn}(TIMESTAMP '${ts}', ${quote(format)}) AS v`)).rows[0]?.['v']));
  };

  it('date_format: every supported MySQL specifier, alone and combined', async () => {
    const tokens = supportedFormatTokens('mysql');
    expect(tokens.length).toBeGreaterThan(20);
    for (const format of [...tokens.map((t) => `<${t}>`), tokens.join(' '), '100%% of %Y', '%Y/%m/%d']) {
      expect(await viaRewrite('date_format', format), format).toEqual(await viaMacro('date_format', format));
    }
  });

  it('format_datetime: every supported Joda token, alone and combined, quoted literal text included', async () => {
    const tokens = supportedFormatTokens('joda');
    for (const format of [...tokens.map((t) => `[${t}]`), tokens.join(' '), "yyyy-MM-dd'T'HH:mm:ss"]) {
      expect(await viaRewrite('format_datetime', format), format).toEqual(await viaMacro('format_datetime', format));
    }
  });

  it('date_parse and parse_datetime: the whitelisted formats parse to the same instant', async () => {
    const cases: [string, string, string][] = [
      ['date_parse', '2024-05-01T08:15:30Z', '%Y-%m-%dT%H:%i:%sZ'],
      ['date_parse', '2024-05-01 08:15:30.250', '%Y-%m-%d %H:%i:%s.%f'],
      ['date_parse', '01/May/2024:08:15:30', '%d/%b/%Y:%H:%i:%s'],
      ['date_parse', '20240501', '%Y%m%d'],
      ['parse_datetime', '2024-05-01T08:15:30', "yyyy-MM-dd'T'HH:mm:ss"],
      ['parse_datetime', '01/May/2024:08:15:30 +0200', 'dd/MMM/yyyy:HH:mm:ss Z'],
    ];
    for (const [fn, input, format] of cases) {
      const literal = `${fn}('${input}', '${format.replaceAll("'", "''")}')`;
      expect(toDuckDbSql(`SELECT ${literal}`)).toMatch(/strptime\(/);
      const macro = (await engine.run(`SELECT ${fn}('${input}', '${format.replaceAll("'", "''")}' || '') AS v`)).rows[0]?.['v'];
      expect(await value(literal), `${fn} ${format}`).toEqual(macro);
    }
  });

  it('unsupported MySQL specifiers fail on both paths', async () => {
    for (const format of ['%D', '%U', '%X']) {
      await expect(viaRewrite('date_format', format)).rejects.toThrow();
      await expect(viaMacro('date_format', format)).rejects.toThrow();
    }
  });
});
