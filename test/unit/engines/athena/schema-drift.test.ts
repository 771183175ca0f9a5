import { AthenaClient, GetTableMetadataCommand, MetadataException, type Column as GlueColumn } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../../../generator/engines/athena/credentials.js';
import {
  checkSchemaDrift,
  compareTable,
  describeTypeDifferences,
  sameType,
  type ExpectedTable,
} from '../../../../generator/engines/athena/schema-drift.js';
import { athenaTypeString } from '../../../../generator/schema/athena-type.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';

const athena = mockClient(AthenaClient);
const client = new AthenaClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test' } });

const expected: ExpectedTable = {
  schema: cloudtrailTable,
  partitionKeys: [{ name: 'timestamp', type: 'string' }],
  projection: true,
};

/** The table exactly as Glue would describe a table created from our DDL: lower-case, no spaces. */
function glueColumns(): GlueColumn[] {
  return cloudtrailTable.columns.map((c) => ({ Name: c.name, Type: athenaTypeString(c.type).toLowerCase() }));
}

const projectionParameters = {
  'projection.enabled': 'true',
  'projection.timestamp.type': 'date',
  'projection.timestamp.format': 'yyyy/MM/dd',
  'projection.timestamp.range': '2020/01/01,NOW',
  'storage.location.template': 's3://amzn-s3-demo-bucket/AWSLogs/123456789012/CloudTrail/us-east-1/${timestamp}',
};

beforeEach(() => athena.reset());

describe('checkSchemaDrift', () => {
  it('finds nothing when the catalog table matches the schema', async () => {
    athena.on(GetTableMetadataCommand).resolves({
      TableMetadata: { Name: 'cloudtrail_logs', Columns: glueColumns(), PartitionKeys: [{ Name: 'timestamp', Type: 'string' }], Parameters: projectionParameters },
    });
    const findings = await checkSchemaDrift({ client, database: 'security', table: 'cloudtrail_logs', expected });
    expect(findings).toEqual([]);
    expect(athena.commandCalls(GetTableMetadataCommand)[0]!.args[0].input).toEqual({
      CatalogName: 'AwsDataCatalog',
      DatabaseName: 'security',
      TableName: 'cloudtrail_logs',
    });
  });

  it('reports a missing column, a type mismatch with its nested path, an extra column and a missing projection property', async () => {
    const columns = glueColumns()
      .filter((c) => c.Name !== 'tlsdetails')
      .map((c) =>
        c.Name === 'useridentity'
          ? { ...c, Type: c.Type!.replace(',onbehalfof:struct<userid:string,identitystorearn:string>', '').replace('accesskeyid:string', 'accesskeyid:int') }
          : c,
      );
    columns.push({ Name: 'mycustomcol', Type: 'string' });
    const { 'storage.location.template': _dropped, ...parameters } = projectionParameters;
    athena.on(GetTableMetadataCommand).resolves({
      TableMetadata: { Name: 'cloudtrail_logs', Columns: columns, PartitionKeys: [{ Name: 'timestamp', Type: 'string' }], Parameters: parameters },
    });

    const findings = await checkSchemaDrift({ client, catalog: 'AwsDataCatalog', database: 'security', table: 'cloudtrail_logs', expected });

    expect(findings.map((f) => [f.kind, f.column ?? f.property])).toEqual([
      ['type-mismatch', 'useridentity'],
      ['missing-column', 'tlsdetails'],
      ['extra-column', 'mycustomcol'],
      ['missing-projection-property', 'storage.location.template'],
    ]);
    const mismatch = findings[0]!;
    expect(mismatch.expected).toBe(athenaTypeString(cloudtrailTable.columns[1]!.type));
    expect(mismatch.message).toContain('useridentity.accesskeyid: expected string, actual int');
    expect(mismatch.message).toContain('useridentity.onbehalfof is missing');
    expect(findings[1]!.expected).toBe('struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>');
  });

  it('reports a missing partition key and missing or disabled projection', () => {
    const findings = compareTable(
      { Name: 't', Columns: glueColumns(), PartitionKeys: [], Parameters: { 'projection.enabled': 'false' } },
      expected,
    );
    expect(findings).toEqual([
      expect.objectContaining({ kind: 'missing-partition-key', column: 'timestamp', expected: 'string' }),
      expect.objectContaining({ kind: 'missing-projection-property', property: 'projection.enabled', expected: 'true', actual: 'false' }),
      expect.objectContaining({ kind: 'missing-projection-property', property: 'projection.timestamp.type' }),
      expect.objectContaining({ kind: 'missing-projection-property', property: 'storage.location.template' }),
    ]);
  });

  it('compares names and types case- and whitespace-insensitively, and struct fields by name', () => {
    const shouted = glueColumns().map((c) => ({
      Name: c.Name!.toUpperCase(),
      Type: c.Name === 'tlsdetails' ? 'STRUCT< cipherSuite : STRING, tlsVersion: STRING,\n clientProvidedHostHeader:STRING >' : c.Type!.toUpperCase(),
    }));
    expect(compareTable({ Name: 't', Columns: shouted }, { schema: cloudtrailTable })).toEqual([]);
  });

  it('turns a missing table into an EnvironmentError', async () => {
    athena.on(GetTableMetadataCommand).rejects(new MetadataException({ message: 'Table cloudtrail_logs not found', $metadata: {} }));
    await expect(checkSchemaDrift({ client, database: 'security', table: 'cloudtrail_logs', expected })).rejects.toThrow(EnvironmentError);
  });
});

describe('Hive type comparison', () => {
  it('describes nested differences in arrays, maps and structs', () => {
    expect(describeTypeDifferences('array<struct<arn:string,type:string>>', 'array<struct<arn:string,kind:string>>', 'resources')).toEqual([
      'resources[].type is missing',
      'resources[].kind is not in the schema',
    ]);
    expect(describeTypeDifferences('map<string,string>', 'map<string,bigint>', 'attrs')).toEqual(['attrs{value}: expected string, actual bigint']);
    expect(describeTypeDifferences('string', 'decimal(10, 2)', 'x')).toEqual(['x: expected string, actual decimal(10,2)']);
  });

  it('falls back to text comparison when a type does not parse', () => {
    expect(sameType('weird<', 'WEIRD <')).toBe(true);
    expect(sameType('weird<', 'string')).toBe(false);
    expect(describeTypeDifferences('weird<', 'string', 'x')).toEqual([]);
  });
});
