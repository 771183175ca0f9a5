/**
 * The Athena table for CloudTrail, from the one column list: the current AWS DDL (JSON SerDe +
 * CloudTrailInputFormat) with partition projection for the chosen layout, or manual partitions.
 */
import { athenaTypeString } from '../../generator/schema/athena-type.js';
import type { TableSchema } from '../../generator/schema/column.js';
import type { AthenaFile, DdlColumn, TableDdl } from '../../generator/vocabulary/project.js';
import { partitionColumns, type Partitioning, type ResolvedOptions } from '../options.js';

const JSON_SERDE = 'org.apache.hive.hcatalog.data.JsonSerDe';
const CLOUDTRAIL_INPUT_FORMAT = 'com.amazon.emr.cloudtrail.CloudTrailInputFormat';
const TEXT_OUTPUT_FORMAT = 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat';

/** S3 prefix of the trail's logs for one layout, up to (not including) `CloudTrail/`. */
function logsPrefix(bucket: string, p: Partitioning): string {
  return p.layout === 'organization' ? `${bucket}/AWSLogs/${p.organizationId}` : `${bucket}/AWSLogs/${p.account}`;
}

function projectionProperties(o: ResolvedOptions): [string, string][] {
  const p = o.partitioning;
  if (p.layout === 'manual') return [];
  const timestamp: [string, string][] = [
    ['projection.timestamp.type', 'date'],
    ['projection.timestamp.format', 'yyyy/MM/dd'],
    ['projection.timestamp.interval', '1'],
    ['projection.timestamp.interval.unit', 'DAYS'],
    ['projection.timestamp.range', `${o.projectionStart},NOW`],
  ];
  const prefix = logsPrefix(o.bucket, p);
  switch (p.layout) {
    case 'single-region':
      return [['projection.enabled', 'true'], ...timestamp, ['storage.location.template', `${prefix}/CloudTrail/${p.region}/\${timestamp}`]];
    case 'multi-region':
      return [
        ['projection.enabled', 'true'],
        ['projection.region.type', 'enum'],
        ['projection.region.values', p.regions.join(',')],
        ...timestamp,
        ['storage.location.template', `${prefix}/CloudTrail/\${region}/\${timestamp}`],
      ];
    case 'organization':
      return [
        ['projection.enabled', 'true'],
        ...(p.accounts === 'injected'
          ? ([['projection.account.type', 'injected']] as [string, string][])
          : ([['projection.account.type', 'enum'], ['projection.account.values', p.accounts.join(',')]] as [string, string][])),
        ['projection.region.type', 'enum'],
        ['projection.region.values', p.regions.join(',')],
        ...timestamp,
        ['storage.location.template', `${prefix}/\${account}/CloudTrail/\${region}/\${timestamp}`],
      ];
  }
}

function location(o: ResolvedOptions): string {
  const p = o.partitioning;
  const prefix = logsPrefix(o.bucket, p);
  if (p.layout === 'single-region') return `${prefix}/CloudTrail/${p.region}/`;
  if (p.layout === 'organization') return `${prefix}/`;
  return `${prefix}/CloudTrail/`;
}

export function cloudtrailTableDdl(schema: TableSchema, o: ResolvedOptions): TableDdl {
  const columns: DdlColumn[] = schema.columns.map((c) => ({ name: c.name, type: athenaTypeString(c.type) }));
  return {
    database: o.schema,
    table: o.table,
    columns,
    partitionedBy: partitionColumns(o.partitioning).map((name) => ({ name, type: 'string' })),
    rowFormatSerde: JSON_SERDE,
    inputFormat: CLOUDTRAIL_INPUT_FORMAT,
    outputFormat: TEXT_OUTPUT_FORMAT,
    location: location(o),
    tblProperties: projectionProperties(o),
  };
}

const LAYOUT_DESCRIPTIONS: Record<Partitioning['layout'], string> = {
  'single-region': 'CloudTrail table for one account and one region, with partition projection on the day (no MSCK REPAIR needed).',
  'multi-region': 'CloudTrail table for one account and all its regions, with partition projection on region and day (no MSCK REPAIR needed).',
  organization: 'CloudTrail table for an organization trail, with partition projection on account, region and day (no MSCK REPAIR needed).',
  manual: 'CloudTrail table with manual partitions (region, year, month, day): add each with ALTER TABLE ... ADD PARTITION.',
};

export function cloudtrailTableFile(schema: TableSchema, o: ResolvedOptions): AthenaFile {
  return {
    kind: 'create-table',
    name: `${o.table}.create-table`,
    description: LAYOUT_DESCRIPTIONS[o.partitioning.layout],
    ddl: cloudtrailTableDdl(schema, o),
  };
}
