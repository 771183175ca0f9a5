import { describe, expect, it } from 'vitest';
import { checkTrinoSql, dropRecoveryEchoes } from '../../../../generator/validate/sql/trino-grammar.js';

const GOOD_ATHENA: Record<string, string> = {
  json_extract_scalar: `SELECT json_extract_scalar(requestparameters, '$.bucketName') AS bucket
FROM cloudtrail_logs WHERE eventsource = 's3.amazonaws.com' AND eventname IN ('GetObject', 'PutObject')`,
  'three-level struct access': `SELECT useridentity.sessioncontext.sessionissuer.username, count(*) AS n
FROM cloudtrail_logs GROUP BY 1 ORDER BY 2 DESC LIMIT 10`,
  'CROSS JOIN UNNEST with column aliases': `SELECT t.arn, t.accountid, t.type
FROM cloudtrail_logs CROSS JOIN UNNEST(resources) AS t(arn, accountid, type)`,
  'interval arithmetic': `SELECT * FROM cloudtrail_logs
WHERE from_iso8601_timestamp(eventtime) > current_timestamp - interval '7' day`,
  'date_format / date_trunc': `SELECT date_format(from_iso8601_timestamp(eventtime), '%Y-%m-%d %H:%i:%s') AS ts,
  date_trunc('hour', from_iso8601_timestamp(eventtime)) AS hr FROM cloudtrail_logs`,
  'window function': `SELECT eventname, row_number() OVER (PARTITION BY useridentity.arn ORDER BY eventtime DESC) AS rn
FROM cloudtrail_logs`,
  'CTE with HAVING': `WITH errs AS (SELECT errorcode, count(*) AS n FROM cloudtrail_logs GROUP BY errorcode HAVING count(*) > 5)
SELECT * FROM errs`,
  'Looker-style quoted aliases and TIMESTAMP literal': `SELECT cloudtrail_logs.eventname AS "cloudtrail_logs.event_name",
  COUNT(*) AS "cloudtrail_logs.count"
FROM cloudtrail_logs AS cloudtrail_logs
WHERE from_iso8601_timestamp(cloudtrail_logs.eventtime) >= TIMESTAMP '2024-05-01 00:00:00'
GROUP BY 1 ORDER BY 2 DESC LIMIT 500`,
  'quoted "timestamp" partition filter': `SELECT count(*) FROM cloudtrail_logs WHERE "timestamp" >= '2024/01/01'`,
  is_subnet_of: `SELECT is_subnet_of('10.0.0.0/8', CAST(sourceipaddress AS IPADDRESS)) FROM cloudtrail_logs`,
  lambdas: `SELECT filter(resources, r -> r.type = 'AWS::S3::Bucket'), transform(resources, r -> r.arn),
  reduce(resources, 0, (s, r) -> s + 1, s -> s) FROM cloudtrail_logs`,
  'element_at(...).field with cardinality': `SELECT element_at(resources, 1).arn FROM cloudtrail_logs WHERE cardinality(resources) > 0`,
  'LEFT JOIN UNNEST ON TRUE': `SELECT r.arn FROM cloudtrail_logs LEFT JOIN UNNEST(resources) AS r(arn, accountid, type) ON TRUE`,
  'COUNT(*) FILTER and try_cast': `SELECT count(*) FILTER (WHERE errorcode IS NOT NULL), approx_distinct(try_cast(recipientaccountid AS bigint)) FROM cloudtrail_logs`,
  'backtick inside a string is fine': "SELECT 'a `quoted` word' AS s",
};

describe('checkTrinoSql: valid Athena SQL', () => {
  for (const [name, sql] of Object.entries(GOOD_ATHENA)) {
    it(`accepts ${name}`, () => {
      expect(checkTrinoSql(sql)).toEqual([]);
    });
  }
});

describe('checkTrinoSql: invalid SQL, with positions', () => {
  it('missing closing parenthesis: incomplete at the end', () => {
    expect(checkTrinoSql('SELECT a FROM t WHERE (a = 1')).toEqual([
      { line: 1, column: 29, message: 'Statement is incomplete', rule: 'syntax' },
    ]);
  });

  it('trailing comma before FROM', () => {
    expect(checkTrinoSql('SELECT a,\n  b,\nFROM t')).toEqual([
      { line: 3, column: 1, message: expect.stringMatching(/^'FROM' is not valid at this position/), rule: 'syntax' },
    ]);
  });

  it('ILIKE is reported at the ILIKE token', () => {
    const issues = checkTrinoSql("SELECT a\nFROM t\nWHERE b ILIKE 'x%'");
    expect(issues[0]).toMatchObject({ line: 3, column: 9, rule: 'dialect' });
    expect(issues[0]?.message).toContain('ILIKE');
  });

  it(':: cast', () => {
    expect(checkTrinoSql('SELECT a::int FROM t')).toEqual([
      { line: 1, column: 9, message: "'::' casts are not Trino SQL; use CAST(x AS type)", rule: 'dialect' },
    ]);
  });

  it('GROUP BY ALL (DuckDB) but not GROUP BY ALL <exprs> (Trino set quantifier)', () => {
    expect(checkTrinoSql('SELECT a, count(*) FROM t GROUP BY ALL').map((i) => [i.line, i.column, i.rule])).toEqual([
      [1, 36, 'dialect'],
      [1, 39, 'syntax'],
    ]);
    expect(checkTrinoSql('SELECT a, count(*) FROM t GROUP BY ALL a')).toEqual([]);
  });

  it('backtick identifiers in DML, not inside strings', () => {
    expect(checkTrinoSql("SELECT `eventname`\nFROM t WHERE x = '`ok`'")).toEqual([
      {
        line: 1,
        column: 8,
        message: 'Backtick identifier `eventname` is not valid in Athena/Trino SQL; quote identifiers with double quotes ("eventname")',
        rule: 'backtick',
      },
    ]);
  });

  it('unclosed string: one clear issue at the opening quote', () => {
    expect(checkTrinoSql("SELECT a\nFROM t WHERE b = 'abc")).toEqual([
      { line: 2, column: 18, message: "Unterminated string literal: this ' has no closing quote", rule: 'unterminated' },
    ]);
  });

  it('== operator', () => {
    expect(checkTrinoSql('SELECT a FROM t WHERE a == 1')[0]).toMatchObject({ line: 1, column: 25, rule: 'dialect' });
  });

  it('misspelt keyword', () => {
    expect(checkTrinoSql('SELEC a FROM t')).toEqual([
      { line: 1, column: 1, message: expect.stringMatching(/^'SELEC' is not valid at this position/), rule: 'syntax' },
    ]);
  });

  it('second statement errors keep columns relative to the line', () => {
    expect(checkTrinoSql('SELECT 1; SELECT 2 +; SELECT 3')).toEqual([
      // ANTLR appends an "expecting …" hint that depends on its cache state; the position is what matters.
      { line: 1, column: 21, message: expect.stringMatching(/^';' is not valid at this position/), rule: 'syntax' },
    ]);
  });
});

describe('dropRecoveryEchoes', () => {
  const e = (startLine: number, startColumn: number) => ({ startLine, startColumn, endLine: startLine, endColumn: startColumn + 1, message: 'm' });
  it('keeps the first error and later ones, drops echoes positioned before the first', () => {
    expect(dropRecoveryEchoes([e(1, 29), e(1, 24), e(2, 1)])).toEqual([e(1, 29), e(2, 1)]);
    expect(dropRecoveryEchoes([])).toEqual([]);
  });
});
