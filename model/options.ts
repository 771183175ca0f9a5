/**
 * Options of the CloudTrail block: where the table lives, how it is partitioned, what the Looker
 * project and connection are called. Every option has a default, so `cloudtrailBlock()` works.
 */

/**
 * How the trail's S3 prefix is laid out, which decides the partition columns and projection:
 * - `single-region`: one account, one region (`…/AWSLogs/<account>/CloudTrail/<region>/<yyyy/MM/dd>`),
 *   projected partition `timestamp` only.
 * - `multi-region`: one account, every region it logs: partitions `region` (enum) and `timestamp`.
 * - `organization`: an organization trail (`…/AWSLogs/<o-id>/<account>/CloudTrail/<region>/…`):
 *   partitions `account` (enum of the listed accounts, or `injected` for large organizations:
 *   every query must then name the account), `region` and `timestamp`.
 * - `manual`: no projection; partitions `region`, `year`, `month`, `day` that you add with
 *   `ALTER TABLE … ADD PARTITION` (the AWS manual-partitioning DDL).
 */
export type Partitioning =
  | { readonly layout: 'single-region'; readonly account: string; readonly region: string }
  | { readonly layout: 'multi-region'; readonly account: string; readonly regions: readonly string[] }
  | {
      readonly layout: 'organization';
      readonly organizationId: string;
      readonly accounts: readonly string[] | 'injected';
      readonly regions: readonly string[];
    }
  | { readonly layout: 'manual'; readonly account: string };

export interface CloudtrailBlockOptions {
  /** Looker connection name; becomes the default of the CONNECTION_NAME constant. */
  readonly connection?: string;
  /** Athena database (Glue schema) holding the table. */
  readonly schema?: string;
  /** Athena table name. */
  readonly table?: string;
  /** The trail's bucket and optional prefix, without `AWSLogs/`: `s3://my-trail-bucket/prefix`. */
  readonly bucket?: string;
  readonly partitioning?: Partitioning;
  /** First day the projection covers, `yyyy/MM/dd`. */
  readonly projectionStart?: string;
  /** LookML project name (manifest) and model file name. */
  readonly projectName?: string;
  readonly modelName?: string;
}

export interface ResolvedOptions {
  readonly connection: string;
  readonly schema: string;
  readonly table: string;
  readonly bucket: string;
  readonly partitioning: Partitioning;
  readonly projectionStart: string;
  readonly projectName: string;
  readonly modelName: string;
}

/** Regions enabled by default in every account (used when a layout needs a region list). */
export const DEFAULT_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
] as const;

export function resolveOptions(o: CloudtrailBlockOptions = {}): ResolvedOptions {
  return {
    connection: o.connection ?? 'athena',
    schema: o.schema ?? 'default',
    table: o.table ?? 'cloudtrail_logs',
    bucket: (o.bucket ?? 's3://CHANGE-ME-cloudtrail-bucket').replace(/\/+$/, ''),
    partitioning: o.partitioning ?? { layout: 'multi-region', account: '111122223333', regions: DEFAULT_REGIONS },
    projectionStart: o.projectionStart ?? '2020/01/01',
    projectName: o.projectName ?? 'cloudtrail_lookml',
    modelName: o.modelName ?? 'cloudtrail',
  };
}

/** The partition columns a layout gives the table, in DDL order. */
export function partitionColumns(p: Partitioning): readonly string[] {
  switch (p.layout) {
    case 'single-region':
      return ['timestamp'];
    case 'multi-region':
      return ['region', 'timestamp'];
    case 'organization':
      return ['account', 'region', 'timestamp'];
    case 'manual':
      return ['region', 'year', 'month', 'day'];
  }
}
