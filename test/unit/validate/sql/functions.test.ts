import { describe, expect, it } from 'vitest';
import {
  ATHENA_FUNCTIONS,
  UNVERIFIED_FUNCTIONS,
  functionCalls,
  suggestFunction,
  unknownFunctions,
} from '../../../../generator/validate/sql/functions.js';

describe('ATHENA_FUNCTIONS', () => {
  it('holds lower-case names of the functions the block uses', () => {
    for (const name of ['json_extract_scalar', 'from_iso8601_timestamp', 'date_format', 'date_trunc', 'regexp_extract', 'split_part', 'element_at', 'cardinality', 'is_subnet_of', 'approx_distinct', 'max_by', 'row_number', 'listagg', 'url_extract_host', 'contains']) {
      expect(ATHENA_FUNCTIONS.has(name), name).toBe(true);
    }
    expect([...ATHENA_FUNCTIONS].every((n) => n === n.toLowerCase())).toBe(true);
    expect(ATHENA_FUNCTIONS.size).toBeGreaterThan(400);
  });

  it('does not list DuckDB / SQL Server names', () => {
    for (const name of ['strftime', 'list_transform', 'epoch', 'regexp_matches', 'dateadd', 'ilike', 'len']) {
      expect(ATHENA_FUNCTIONS.has(name), name).toBe(false);
    }
  });

  it('is read-only at runtime', () => {
    expect(Object.isFrozen(ATHENA_FUNCTIONS)).toBe(true);
    expect(() => (ATHENA_FUNCTIONS as Set<string>).add('strftime')).toThrow(TypeError);
    expect(() => (ATHENA_FUNCTIONS as Set<string>).delete('sum')).toThrow(TypeError);
    expect(ATHENA_FUNCTIONS.has('strftime')).toBe(false);
  });

  it('keeps the disputed PrestoDB IP functions visible', () => {
    expect([...UNVERIFIED_FUNCTIONS].sort()).toEqual(['ip_prefix', 'ip_subnet_max', 'ip_subnet_min', 'ip_subnet_range', 'is_subnet_of']);
  });
});

describe('unknownFunctions', () => {
  it('reports DATEADD, strftime, ilike(), json_extract_scalarr with positions and suggestions', () => {
    const sql = `SELECT DATEADD(day, 1, eventtime),
  strftime(ts, '%Y'),
  json_extract_scalarr(requestparameters, '$.a')
FROM t WHERE ilike(a, 'x')`;
    expect(unknownFunctions(sql)).toEqual([
      { name: 'DATEADD', line: 1, column: 8, suggestion: 'date_add' },
      { name: 'strftime', line: 2, column: 3, suggestion: 'date_format' },
      { name: 'json_extract_scalarr', line: 3, column: 3, suggestion: 'json_extract_scalar' },
      { name: 'ilike', line: 4, column: 14, suggestion: 'lower(x) LIKE lower(pattern)' },
    ]);
  });

  it('reports DuckDB-only epoch, regexp_matches, list_transform', () => {
    expect(unknownFunctions("SELECT epoch(t), regexp_matches(a, 'b'), list_transform(l, x -> x + 1) FROM t").map((f) => [f.name, f.column])).toEqual([
      ['epoch', 8],
      ['regexp_matches', 18],
      ['list_transform', 42],
    ]);
  });

  it('accepts known functions in any case', () => {
    expect(unknownFunctions("SELECT JSON_EXTRACT_SCALAR(a, '$.b'), Date_Trunc('day', x), COUNT(*), is_subnet_of('10.0.0.0/8', ip) FROM t")).toEqual([]);
  });

  it('skips strings, quoted identifiers and comments', () => {
    const sql = `SELECT 'strftime(x)' AS "dateadd(", a -- epoch(t)
/* list_transform(x) */ FROM t`;
    expect(unknownFunctions(sql)).toEqual([]);
  });

  it('ignores SQL syntax that looks like a call', () => {
    const sql = `WITH c(a, b) AS (SELECT 1, 2)
SELECT CAST(x AS decimal(10, 2)), TRY_CAST(y AS varchar(20)), EXTRACT(YEAR FROM ts), ROW(1, 2),
  count(*) FILTER (WHERE a IN (1, 2)), sum(a) OVER (PARTITION BY b), ARRAY[1, 2], EXISTS (SELECT 1),
  CAST(r AS ROW(a bigint)), IF(a > 0, 1, 0), COALESCE(a, b), NULLIF(a, 0), TRY(a / b)
FROM t CROSS JOIN UNNEST(resources) AS u(arn, accountid, type)
JOIN (SELECT 1) x(y) ON (x.y = 1)
LEFT JOIN s USING (id)
WHERE a IN (VALUES (1), (2))`;
    expect(unknownFunctions(sql)).toEqual([]);
  });

  it('ignores column lists of INSERT INTO and unnest aliases without AS', () => {
    expect(unknownFunctions('INSERT INTO tgt (a, b) SELECT a, b FROM UNNEST(x) u(a, b)')).toEqual([]);
  });

  it('finds calls inside lambdas and nested calls', () => {
    expect(functionCalls('SELECT transform(a, x -> upper(x)), lower(trim(b)) FROM t').map((c) => c.name)).toEqual([
      'transform',
      'upper',
      'lower',
      'trim',
    ]);
  });
});

describe('suggestFunction', () => {
  it('maps foreign names and near misses', () => {
    expect(suggestFunction('STRFTIME')).toBe('date_format');
    expect(suggestFunction('date_fromat')).toBe('date_format');
    expect(suggestFunction('zzzzzzzz')).toBeUndefined();
  });
});
