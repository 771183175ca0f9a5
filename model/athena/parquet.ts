/**
 * The columnar path: Athena SQL that copies the CloudTrail JSON table into a partitioned Parquet
 * table (Snappy), which Athena scans at a fraction of the bytes. The CTAS creates the table in
 * the Glue catalog itself (no separate DDL): same columns, same partition columns and values, so
 * the block's views, explores, partition predicate and dashboards work unchanged on it
 * (`storage: 'parquet'` points the CLOUDTRAIL_TABLE constant at it).
 *
 * Partitions are registered by the CTAS and each INSERT INTO as they write them (no projection).
 * Athena writes at most 100 partitions per CTAS or INSERT INTO, so both load one day at a time
 * (one partition per region of that day; per account and region for organization trails, where
 * they also take one account).
 */
import type { TableSchema } from '../../generator/schema/column.js';
import type { AthenaFile } from '../../generator/vocabulary/project.js';
import { partitionColumns, type PartitionColumn, type Partitioning, type ResolvedOptions } from '../options.js';

const q = (name: string): string => `"${name}"`;

/** Placeholders, replaced by hand (or by a scheduler) before running; text, so the SQL stays valid. */
export const PARQUET_PLACEHOLDERS = {
  day: ':day',
  year: ':year',
  month: ':month',
  dayOfMonth: ':dd',
  account: ':account',
} as const;

/** The WHERE selecting one day (and one account for organization trails) of the JSON table. */
export function oneDayWhere(p: Partitioning): string {
  const P = PARQUET_PLACEHOLDERS;
  if (p.layout === 'manual') return `"year" = '${P.year}' AND "month" = '${P.month}' AND "day" = '${P.dayOfMonth}'`;
  const day = `"timestamp" = '${P.day}'`;
  return p.layout === 'organization' ? `${day} AND "account" = '${P.account}'` : day;
}

function selectList(schema: TableSchema, partitions: readonly PartitionColumn[]): string {
  // Partition columns must come last, in partitioned_by order.
  return [...schema.columns.map((c) => q(c.name.toLowerCase())), ...partitions.map(q)].map((c) => `  ${c}`).join(',\n');
}

const PLACEHOLDER_HELP: Record<Partitioning['layout'], string> = {
  'single-region': "Replace ':day' with a partition day such as 2024/05/01.",
  'multi-region': "Replace ':day' with a partition day such as 2024/05/01.",
  organization: "Replace ':day' with a partition day such as 2024/05/01 and ':account' with an account ID (one account and day stay under 100 partitions).",
  manual: "Replace ':year', ':month' and ':dd' with a partition day such as 2024, 05, 01.",
};

export function parquetFiles(schema: TableSchema, o: ResolvedOptions): AthenaFile[] {
  const partitions = partitionColumns(o.partitioning);
  const source = `${o.schema}.${o.table}`;
  const target = `${o.schema}.${o.parquetTable}`;
  const where = oneDayWhere(o.partitioning);
  const help = PLACEHOLDER_HELP[o.partitioning.layout];
  const ctas = [
    `CREATE TABLE ${target}`,
    'WITH (',
    "  format = 'PARQUET',",
    "  parquet_compression = 'SNAPPY',",
    `  external_location = '${o.parquetLocation}',`,
    `  partitioned_by = ARRAY[${partitions.map((p) => `'${p}'`).join(', ')}]`,
    ') AS',
    'SELECT',
    selectList(schema, partitions),
    `FROM ${source}`,
    `WHERE ${where}`,
  ].join('\n');
  const insert = [`INSERT INTO ${target}`, 'SELECT', selectList(schema, partitions), `FROM ${source}`, `WHERE ${where}`].join('\n');
  return [
    {
      kind: 'script',
      name: `${o.parquetTable}.ctas`,
      description:
        `First load: creates the Parquet table ${target} (Snappy, partitioned by ${partitions.join(', ')}) at ${o.parquetLocation}, which must be empty, ` +
        `from ONE day of ${source}; Athena writes at most 100 partitions per statement, so load further days with the INSERT INTO script. ${help}`,
      statements: [ctas],
    },
    {
      kind: 'script',
      name: `${o.parquetTable}.insert-day`,
      description:
        `Daily load: appends one day of ${source} to ${target} (run once per day and per placeholder value, after that day's logs are delivered; ` +
        `running it twice for a day duplicates that day). ${help}`,
      statements: [insert],
    },
  ];
}
