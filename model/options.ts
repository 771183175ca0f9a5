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
      /**
       * With `accounts: 'injected'`, Athena refuses any query without an equality filter on
       * `account`, so the explore carries an always_filter on it; this is its default value.
       * Without it the filter starts empty and users must pick an account before running.
       */
      readonly defaultAccount?: string;
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
  /**
   * MaxMind GeoLite2 City lookup of `sourceipaddress` (IPv4). Off by default: without it nothing
   * in the block mentions geolocation. With it, the athena/ folder gains the two CSV table DDLs
   * and the explore joins a `geoip_city` view giving country, city and a map location.
   */
  readonly geolocation?: GeolocationOptions;
  /**
   * `json` (default) queries the CloudTrail JSON table directly. `parquet` points the block (the
   * CLOUDTRAIL_TABLE constant) at a Parquet copy made by the generated CTAS / INSERT INTO scripts;
   * views, explores and dashboards stay the same because the copy keeps columns and partitions.
   */
  readonly storage?: 'json' | 'parquet';
  /** Name of the Parquet table (default `<table>_parquet`). */
  readonly parquetTable?: string;
  /** Empty S3 folder the CTAS writes the Parquet files to (default `<bucket>/parquet/<parquetTable>/`). */
  readonly parquetLocation?: string;
  /**
   * Row-level security: the explore gains an access_filter on the recipient account ID
   * (`cloudtrail_logs.recipient_account_id`) tied to a Looker user attribute, so each user sees
   * only the accounts the attribute lists. Off by default.
   */
  readonly rowLevelSecurity?: RowLevelSecurityOptions;
  /** Settings of the security detections. */
  readonly detections?: DetectionOptions;
}

export interface RowLevelSecurityOptions {
  /** The Looker user attribute holding the account IDs a user may see (default `aws_account_ids`). */
  readonly userAttribute?: string;
}

export interface DetectionOptions {
  /**
   * Regions where API calls are expected. Events in any other region fire the "API call in an
   * unexpected region" detection. Default: none configured, and that detection flags nothing.
   * Include us-east-1 when you use global services (IAM, the global STS endpoint, console sign-in).
   */
  readonly allowedRegions?: readonly string[];
}

export interface GeolocationOptions {
  /** Athena database of the GeoLite2 tables (default: the CloudTrail schema). */
  readonly database?: string;
  /** Table over `GeoLite2-City-Blocks-IPv4.csv` (default `geolite2_city_blocks_ipv4`). */
  readonly cityBlocksTable?: string;
  /** Table over `GeoLite2-City-Locations-en.csv` (default `geolite2_city_locations_en`). */
  readonly cityLocationsTable?: string;
  /** S3 folder holding one sub-folder per CSV (default `<bucket>/geolite2`). */
  readonly location?: string;
}

export interface ResolvedGeolocation {
  readonly database: string;
  readonly cityBlocksTable: string;
  readonly cityLocationsTable: string;
  readonly location: string;
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
  readonly geolocation: ResolvedGeolocation | undefined;
  readonly storage: 'json' | 'parquet';
  readonly parquetTable: string;
  readonly parquetLocation: string;
  readonly rowLevelSecurity: { readonly userAttribute: string } | undefined;
  readonly detections: { readonly allowedRegions: readonly string[] };
}

/** The user attribute of the row-level-security access filter when the option names none. */
export const DEFAULT_RLS_USER_ATTRIBUTE = 'aws_account_ids';

/** Regions enabled by default in every account (used when a layout needs a region list). */
export const DEFAULT_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-north-1',
  'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2',
] as const;

export function resolveOptions(o: CloudtrailBlockOptions = {}): ResolvedOptions {
  const schema = o.schema ?? 'default';
  const table = o.table ?? 'cloudtrail_logs';
  const bucket = (o.bucket ?? 's3://CHANGE-ME-cloudtrail-bucket').replace(/\/+$/, '');
  const parquetTable = o.parquetTable ?? `${table}_parquet`;
  const geo = o.geolocation;
  return {
    connection: o.connection ?? 'athena',
    schema,
    table,
    bucket,
    partitioning: o.partitioning ?? { layout: 'multi-region', account: '111122223333', regions: DEFAULT_REGIONS },
    projectionStart: o.projectionStart ?? '2020/01/01',
    projectName: o.projectName ?? 'cloudtrail_lookml',
    modelName: o.modelName ?? 'cloudtrail',
    geolocation: geo === undefined
      ? undefined
      : {
          database: geo.database ?? schema,
          cityBlocksTable: geo.cityBlocksTable ?? 'geolite2_city_blocks_ipv4',
          cityLocationsTable: geo.cityLocationsTable ?? 'geolite2_city_locations_en',
          location: (geo.location ?? `${bucket}/geolite2`).replace(/\/+$/, ''),
        },
    storage: o.storage ?? 'json',
    parquetTable,
    parquetLocation: withTrailingSlash(o.parquetLocation ?? `${bucket}/parquet/${parquetTable}/`),
    rowLevelSecurity: o.rowLevelSecurity === undefined ? undefined : { userAttribute: o.rowLevelSecurity.userAttribute ?? DEFAULT_RLS_USER_ATTRIBUTE },
    detections: { allowedRegions: [...(o.detections?.allowedRegions ?? [])] },
  };
}

function withTrailingSlash(s: string): string {
  return s.endsWith('/') ? s : `${s}/`;
}

/** The Athena table the views read: the JSON table, or its Parquet copy. */
export function queriedTable(o: ResolvedOptions): string {
  return o.storage === 'parquet' ? o.parquetTable : o.table;
}

/** A partition column of the CloudTrail table (text, from the S3 path). */
export type PartitionColumn = 'timestamp' | 'region' | 'account' | 'year' | 'month' | 'day';

/** The partition columns a layout gives the table, in DDL order. */
export function partitionColumns(p: Partitioning): readonly PartitionColumn[] {
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
