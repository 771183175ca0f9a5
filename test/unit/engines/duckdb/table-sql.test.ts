import { describe, expect, it } from 'vitest';
import { buildTableSql, duckType, recordReadType } from '../../../../generator/engines/duckdb/index.js';
import { col, jsonCol, string, struct, type TableSchema } from '../../../../generator/schema/column.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';

const column = (name: string) => {
  const found = cloudtrailTable.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};

describe('DuckDB types from the schema', () => {
  it('reads with the camelCase CloudTrail keys and exposes the lower-case names', () => {
    expect(duckType(column('tlsdetails'), 'source')).toBe('STRUCT("tlsVersion" VARCHAR, "cipherSuite" VARCHAR, "clientProvidedHostHeader" VARCHAR)');
    expect(duckType(column('tlsdetails'), 'table')).toBe('STRUCT("tlsversion" VARCHAR, "ciphersuite" VARCHAR, "clientprovidedhostheader" VARCHAR)');
    expect(duckType(column('resources'), 'source')).toBe('STRUCT("ARN" VARCHAR, "accountId" VARCHAR, "type" VARCHAR)[]');
  });

  it('reads JSON-stored columns as JSON and exposes them as VARCHAR text', () => {
    expect(duckType(column('requestparameters'), 'source')).toBe('JSON');
    expect(duckType(column('requestparameters'), 'table')).toBe('VARCHAR');
    expect(recordReadType(cloudtrailTable)).toContain('"additionalEventData" JSON');
  });
});

describe('buildTableSql', () => {
  const schema: TableSchema = { columns: [col('eventName', string(), 'n'), jsonCol('requestParameters', 'p')] };

  it('reads S3-layout files with path partitions and loose files with record partitions', () => {
    const sql = buildTableSql({
      schema,
      sources: [
        { layout: 's3', format: 'records', files: ['/d/AWSLogs/111122223333/CloudTrail/us-east-1/2024/01/02/a.json.gz'] },
        { layout: 'loose', format: 'lines', files: ["/d/it's.jsonl"] },
      ],
    });
    expect(sql).toMatch(/^CREATE OR REPLACE VIEW "cloudtrail_logs" AS/);
    expect(sql).toContain('CAST(r."eventName" AS VARCHAR) AS "eventname"');
    expect(sql).toContain('CAST(r."requestParameters" AS VARCHAR) AS "requestparameters"');
    expect(sql).toContain("regexp_extract(filename, '/AWSLogs/");
    // This schema has no awsRegion, so a loose file's region is NULL.
    expect(sql).toContain('CAST(NULL AS VARCHAR) AS "region"');
    expect(sql).toContain(`['/d/it''s.jsonl']`);
    expect(sql).toContain("format = 'unstructured', records = false");
    expect(sql).toContain('UNION ALL');
  });

  it('makes a table instead of a view when asked, with the chosen name and partitions', () => {
    const sql = buildTableSql({ schema, sources: [], kind: 'table', tableName: 'ct', partitionColumns: ['region'] });
    expect(sql).toMatch(/^CREATE OR REPLACE TABLE "ct" AS/);
    expect(sql).toContain('CAST(NULL AS VARCHAR) AS "region" WHERE false');
    expect(sql).not.toContain('"timestamp"');
  });

  it('refuses a nested field renamed beyond case, which a by-name STRUCT cast would leave NULL', () => {
    const renamed: TableSchema = {
      columns: [col('userIdentity', struct([col('userName', string(), 'u', { name: 'user_name' })]), 'i')],
    };
    expect(() => buildTableSql({ schema: renamed, sources: [] })).toThrow(/userName.*only case changes/);
  });
});
