/**
 * The `cloudtrail_logs` view: one dimension per column and struct leaf, the event time, the
 * partition columns (hidden; the explores filter on them), then the derived fields, one file per
 * subject under cloudtrail-logs/: identity (actor), errors, console login, request identifiers,
 * network, classification, and the measures.
 */
import { view, type ViewBuilder } from '../../generator/vocabulary/view.js';
import { partitionColumns, type PartitionColumn, type ResolvedOptions } from '../options.js';
import { accountIsInjected } from '../explores/partition-predicate.js';
import { schemaDimensions } from './schema-dimensions.js';
import { identityFields } from './cloudtrail-logs/identity.js';
import { errorFields } from './cloudtrail-logs/errors.js';
import { consoleLoginFields } from './cloudtrail-logs/console-login.js';
import { requestIdentifierFields } from './cloudtrail-logs/request-identifiers.js';
import { networkFields } from './cloudtrail-logs/network.js';
import { classificationFields } from './cloudtrail-logs/classification.js';
import { ERROR_DETAIL, EVENT_DETAIL, LOGIN_DETAIL, measureFields } from './cloudtrail-logs/measures.js';
import { dashboardSupportFields } from './cloudtrail-logs/dashboard-support.js';
import { securityFields } from './cloudtrail-logs/security.js';

export const EVENT_TIMEFRAMES = [
  'raw', 'time', 'minute15', 'minute30', 'hour', 'date', 'week', 'month', 'year', 'hour_of_day', 'day_of_week', 'month_name',
] as const;

/**
 * `sql_table_name` built from the manifest constants, so users override them in Looker. Quoted:
 * Athena's own database is called `default`, a reserved word in SQL.
 */
export const CLOUDTRAIL_TABLE_SQL = '"@{CLOUDTRAIL_SCHEMA}"."@{CLOUDTRAIL_TABLE}"';

const DELIVERY_NOTE =
  ' CloudTrail partitions by delivery time, so an event can sit in the next day\'s partition; filter on Event Date instead (the explore turns it into a partition filter).';

const PARTITION_DESCRIPTIONS: Record<PartitionColumn, string> = {
  timestamp: 'Partition day of the log file (yyyy/MM/dd), the day CloudTrail delivered it.' + DELIVERY_NOTE,
  region: 'Partition region of the log file (from the S3 path).',
  account: 'Partition account of the log file (from the S3 path of an organization trail).',
  year: 'Partition year of the log file (yyyy).' + DELIVERY_NOTE,
  month: 'Partition month of the log file (MM).' + DELIVERY_NOTE,
  day: 'Partition day of month of the log file (dd).' + DELIVERY_NOTE,
};

const INJECTED_ACCOUNT_DESCRIPTION =
  'Account of the organization trail the events belong to (the account partition). The table projects this partition as "injected", ' +
  'so Athena refuses any query without an equality filter on it: every query of the explore carries this filter; pick one account (or several, comma-separated).';

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
        description:
          'When the request was completed (UTC). Filtering on Event Date also limits the partitions Athena reads ' +
          '(from the first day to one day after the last, because CloudTrail partitions by delivery time).',
        groupLabel: 'Event',
        label: 'Event',
      }),
      ...partitionDimensions(v, partitions, accountIsInjected(o.partitioning)),
    }));
}

type PartitionName = 'partition_timestamp' | 'partition_region' | 'partition_account' | 'partition_year' | 'partition_month' | 'partition_day';

function partitionDimensions<N extends string>(v: ViewBuilder<N>, partitions: readonly PartitionColumn[], injectedAccount: boolean) {
  const out: Partial<Record<PartitionName, ReturnType<typeof v.dimension>>> = {};
  for (const p of partitions) {
    // The injected account carries an always_filter, so users must see it to change it.
    const visible = p === 'account' && injectedAccount;
    out[`partition_${p}` as PartitionName] = v.dimension({
      type: 'string',
      sql: v.sqlText(`\${TABLE}."${p}"`),
      description: visible ? INJECTED_ACCOUNT_DESCRIPTION : PARTITION_DESCRIPTIONS[p],
      groupLabel: 'Partition',
      ...(visible ? { label: 'Account (partition)' } : { hidden: true }),
    });
  }
  return out;
}

/** The view through the general-purpose fields; dashboard and security fields build on it. */
export function coreFields(o: ResolvedOptions) {
  return cloudtrailLogsBase(o)
    .add(identityFields)
    .add(errorFields)
    .add(consoleLoginFields)
    .add(requestIdentifierFields)
    .add(networkFields)
    .add(classificationFields)
    .add(measureFields)
    .set('event_detail', EVENT_DETAIL)
    .set('error_detail', ERROR_DETAIL)
    .set('login_detail', LOGIN_DETAIL);
}

/** The builder the dashboard-support and security field files receive (typed `v.fields`). */
export type CoreBuilder = ReturnType<typeof coreFields>;

export function cloudtrailLogsFields(o: ResolvedOptions) {
  return coreFields(o).add(dashboardSupportFields).add((v) => securityFields(v, o));
}

export function cloudtrailLogsView(o: ResolvedOptions) {
  return cloudtrailLogsFields(o).build();
}
