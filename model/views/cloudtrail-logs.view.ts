/**
 * The `cloudtrail_logs` view: one dimension per column and struct leaf, the event time, the
 * partition columns (hidden; the explores filter on them) and the core counts.
 */
import { view, type ViewBuilder } from '../../generator/vocabulary/view.js';
import { partitionColumns, type ResolvedOptions } from '../options.js';
import { schemaDimensions } from './schema-dimensions.js';

export const EVENT_TIMEFRAMES = [
  'raw', 'time', 'minute15', 'minute30', 'hour', 'date', 'week', 'month', 'year', 'hour_of_day', 'day_of_week', 'month_name',
] as const;

/** `sql_table_name` built from the manifest constants, so users override them in Looker. */
export const CLOUDTRAIL_TABLE_SQL = '@{CLOUDTRAIL_SCHEMA}.@{CLOUDTRAIL_TABLE}';

const PARTITION_DESCRIPTIONS: Record<string, string> = {
  timestamp: 'Partition day of the log file (yyyy/MM/dd). Filtering on it limits the S3 prefixes Athena reads.',
  region: 'Partition region of the log file (from the S3 path).',
  account: 'Partition account of the log file (from the S3 path of an organization trail).',
  year: 'Partition year of the log file (yyyy).',
  month: 'Partition month of the log file (MM).',
  day: 'Partition day of month of the log file (dd).',
};

export function cloudtrailLogsBase(o: ResolvedOptions) {
  const partitions = partitionColumns(o.partitioning);
  return view('cloudtrail_logs', {
    source: { kind: 'table', sqlTableName: CLOUDTRAIL_TABLE_SQL },
    label: 'CloudTrail Events',
    description: 'One row per CloudTrail event (management, data and network activity events).',
  })
    .add(() => schemaDimensions())
    .add((v) => ({
      event_time: v.dimensionGroup({
        type: 'time',
        timeframes: EVENT_TIMEFRAMES,
        // eventtime is ISO 8601 text; Trino's CAST(varchar AS timestamp) rejects the T/Z form.
        sql: v.sql`from_iso8601_timestamp(${v.fields.event_time_text})`,
        datatype: 'timestamp',
        description: 'When the request was completed (UTC).',
        groupLabel: 'Event',
        label: 'Event',
      }),
      ...partitionDimensions(v, partitions),
      count: v.measure({
        type: 'count',
        label: 'Events',
        description: 'Number of CloudTrail events.',
        groupLabel: 'Counts',
        drillFields: ['event_time_time', 'event_name', 'event_source', 'user_type', 'source_ip_address', 'error_code'],
      }),
    }));
}

type PartitionName = 'partition_timestamp' | 'partition_region' | 'partition_account' | 'partition_year' | 'partition_month' | 'partition_day';

function partitionDimensions<N extends string>(v: ViewBuilder<N>, partitions: readonly string[]) {
  const out: Partial<Record<PartitionName, ReturnType<typeof v.dimension>>> = {};
  for (const p of partitions) {
    out[`partition_${p}` as PartitionName] = v.dimension({
      type: 'string',
      sql: v.sqlText(`\${TABLE}."${p}"`),
      description: PARTITION_DESCRIPTIONS[p] ?? `Partition column ${p}.`,
      groupLabel: 'Partition',
      hidden: true,
    });
  }
  return out;
}

export function cloudtrailLogsView(o: ResolvedOptions) {
  return cloudtrailLogsBase(o).build();
}
