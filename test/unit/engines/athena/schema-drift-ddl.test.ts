/**
 * Drift expectations derived from the block's own CREATE TABLE (partition keys and projection per
 * layout), the projection-type checks that come with them, and the metadata call's error handling.
 */
import { AthenaClient, GetTableMetadataCommand, type TableMetadata } from '@aws-sdk/client-athena';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../../../generator/engines/athena/credentials.js';
import { checkSchemaDrift, compareTable, expectedTableFromDdl } from '../../../../generator/engines/athena/schema-drift.js';
import { athenaTypeString } from '../../../../generator/schema/athena-type.js';
import type { TableDdl } from '../../../../generator/vocabulary/project.js';
import { cloudtrailBlock, type Partitioning } from '../../../../model/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';

const athena = mockClient(AthenaClient);
const client = new AthenaClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'test' } });
beforeEach(() => athena.reset());

function ddlFor(partitioning?: Partitioning): TableDdl {
  const file = cloudtrailBlock(partitioning ? { partitioning } : {}).content.athena.find((f) => f.kind === 'create-table');
  if (file?.kind !== 'create-table') throw new Error('no create-table');
  return file.ddl;
}

/** The table Glue would describe after running that DDL. */
function metadataFor(ddl: TableDdl): TableMetadata {
  return {
    Name: ddl.table,
    Columns: cloudtrailTable.columns.map((c) => ({ Name: c.name.toLowerCase(), Type: athenaTypeString(c.type).toLowerCase() })),
    PartitionKeys: ddl.partitionedBy.map((k) => ({ Name: k.name, Type: k.type })),
    Parameters: Object.fromEntries(ddl.tblProperties),
  };
}

const ORG: Partitioning = { layout: 'organization', organizationId: 'o-abc123', accounts: 'injected', regions: ['us-east-1'], defaultAccount: '111122223333' };

describe('expectedTableFromDdl', () => {
  it.each([
    ['single-region', { layout: 'single-region', account: '111122223333', region: 'us-east-1' } as Partitioning, ['timestamp'], true],
    ['multi-region (default)', undefined, ['region', 'timestamp'], true],
    ['organization', ORG, ['account', 'region', 'timestamp'], true],
    ['manual', { layout: 'manual', account: '111122223333' } as Partitioning, ['region', 'year', 'month', 'day'], false],
  ])('%s: partition keys and projection from the DDL; its own table shows no drift', (_layout, partitioning, keys, projection) => {
    const ddl = ddlFor(partitioning);
    const expected = expectedTableFromDdl(ddl, cloudtrailTable);
    expect(expected.partitionKeys).toEqual(keys.map((name) => ({ name, type: 'string' })));
    expect(expected.projection).toBe(projection);
    expect(compareTable(metadataFor(ddl), expected)).toEqual([]);
  });

  it('an injected account key created as enum is a projection-type mismatch; a date key without format or range is missing them', () => {
    const ddl = ddlFor(ORG);
    const metadata = metadataFor(ddl);
    const { 'projection.timestamp.format': _f, 'projection.timestamp.range': _r, ...rest } = metadata.Parameters!;
    const findings = compareTable(
      { ...metadata, Parameters: { ...rest, 'projection.account.type': 'enum', 'projection.account.values': '111122223333' } },
      expectedTableFromDdl(ddl, cloudtrailTable),
    );
    expect(findings.map((f) => [f.kind, f.property, f.expected, f.actual])).toEqual([
      ['projection-type-mismatch', 'projection.account.type', 'injected', 'enum'],
      ['missing-projection-property', 'projection.timestamp.format', 'yyyy/MM/dd', undefined],
      ['missing-projection-property', 'projection.timestamp.range', '2020/01/01,NOW', undefined],
    ]);
  });

  it('an enum key without its values is reported; values that differ (a deployment choice) are not', () => {
    const ddl = ddlFor();
    const metadata = metadataFor(ddl);
    const { 'projection.region.values': _v, ...rest } = metadata.Parameters!;
    const expected = expectedTableFromDdl(ddl, cloudtrailTable);
    expect(compareTable({ ...metadata, Parameters: rest }, expected).map((f) => f.property)).toEqual(['projection.region.values']);
    expect(compareTable({ ...metadata, Parameters: { ...rest, 'projection.region.values': 'eu-west-1' } }, expected)).toEqual([]);
  });

  it('an unexpected partition key is flagged as a partition key', () => {
    const ddl = ddlFor();
    const metadata = metadataFor(ddl);
    const findings = compareTable({ ...metadata, PartitionKeys: [...metadata.PartitionKeys!, { Name: 'account', Type: 'string' }] }, expectedTableFromDdl(ddl, cloudtrailTable));
    expect(findings).toEqual([expect.objectContaining({ kind: 'extra-column', column: 'account', partitionKey: true })]);
  });
});

describe('checkSchemaDrift errors', () => {
  it('AccessDenied on GetTableMetadata is an EnvironmentError naming the permissions', async () => {
    // The Athena client models no AccessDeniedException class: the error arrives by name only.
    athena.on(GetTableMetadataCommand).rejects(Object.assign(new Error('User is not authorized to perform: glue:GetTable'), { name: 'AccessDeniedException' }));
    const check = checkSchemaDrift({ client, database: 'default', table: 'cloudtrail_logs', expected: { schema: cloudtrailTable } });
    await expect(check).rejects.toThrow(EnvironmentError);
    await expect(check).rejects.toThrow(/athena:GetTableMetadata, glue:GetTable and glue:GetDatabase/);
  });

  it('passes the abort signal to the metadata call', async () => {
    athena.on(GetTableMetadataCommand).resolves({ TableMetadata: metadataFor(ddlFor()) });
    const controller = new AbortController();
    await checkSchemaDrift({ client, database: 'default', table: 'cloudtrail_logs', expected: { schema: cloudtrailTable }, signal: controller.signal });
    // The stub's type lists only the command; the SDK passes the options as the second argument.
    const args = athena.commandCalls(GetTableMetadataCommand)[0]!.args as unknown[];
    expect(args[1]).toEqual({ abortSignal: controller.signal });
  });
});
