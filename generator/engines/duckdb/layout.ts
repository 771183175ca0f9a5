/**
 * Where CloudTrail puts its log files in S3, and the partition columns that the Athena table
 * variants derive from that path. One regular expression serves both the TypeScript loader and
 * the DuckDB SQL (it uses only syntax that JavaScript and RE2 read the same way).
 */

/** Partition columns, as the Athena DDL variants name them (all VARCHAR, as in Athena). */
export const PARTITION_COLUMNS = ['timestamp', 'region', 'account', 'year', 'month', 'day'] as const;
export type PartitionColumn = (typeof PARTITION_COLUMNS)[number];

/**
 * `…/AWSLogs/[o-orgid/]<account>/CloudTrail/<region>/<yyyy>/<mm>/<dd>/<file>`.
 * Groups: 1 account, 2 region, 3 `yyyy/MM/dd`, 4 year, 5 month, 6 day. Paths use `/`.
 */
export const S3_LOG_PATH_PATTERN =
  '/AWSLogs/(?:o-[a-z0-9]+/)?([0-9]{12})/CloudTrail/([^/]+)/(([0-9]{4})/([0-9]{2})/([0-9]{2}))/[^/]+$';

/** Capture group of each partition column in S3_LOG_PATH_PATTERN. */
export const S3_PARTITION_GROUP: Readonly<Record<PartitionColumn, number>> = {
  account: 1,
  region: 2,
  timestamp: 3,
  year: 4,
  month: 5,
  day: 6,
};

/** CloudTrail prefixes under AWSLogs/<account>/ that hold other things than event logs. */
export const NON_EVENT_PREFIXES = ['CloudTrail-Digest', 'CloudTrail-Insight'] as const;

export type PartitionValues = Readonly<Record<PartitionColumn, string>>;

const s3PathRegex = new RegExp(S3_LOG_PATH_PATTERN);

/** The partition values of a file in the S3 delivery layout, or undefined for any other path. */
export function s3Partitions(path: string): PartitionValues | undefined {
  const match = s3PathRegex.exec(toSlashes(path));
  if (!match) return undefined;
  const group = (column: PartitionColumn): string => match[S3_PARTITION_GROUP[column]] ?? '';
  return {
    timestamp: group('timestamp'),
    region: group('region'),
    account: group('account'),
    year: group('year'),
    month: group('month'),
    day: group('day'),
  };
}

/** DuckDB and the regex both want `/`; Windows paths come with `\`. */
export function toSlashes(path: string): string {
  return path.replaceAll('\\', '/');
}
