/**
 * Partition pruning: the dashboard date filter (on `cloudtrail_logs.event_time_date`) becomes a
 * predicate on the partition column(s), so Athena lists and reads only the days asked for.
 *
 * CloudTrail partitions by DELIVERY time, not event time. A log file lands under the day it was
 * delivered (about every 5 minutes, sometimes later), so an event at 23:58 can sit in the next
 * day's partition. Hence:
 * - lower bound: the day of `date_start` (an event is never delivered before it happens);
 * - upper bound: ONE DAY AFTER the end day, i.e. the day of (`date_end` − 1 s + 1 day), inclusive
 *   (`date_end` is exclusive; `date_end` − 1 s is the last instant asked for, its day the end day).
 * The event-time filter itself still applies, so results stay exact; the partition predicate only
 * decides which S3 prefixes are read (at most one extra day).
 *
 * Open ranges (`before 2024-05-01`, `after …`) render NULL for the open side; COALESCE turns that
 * into a bound every partition value passes ('0000/00/00' below, '9999/99/99' above). Both sides
 * are text compared with text: partition columns are strings in the table. The Liquid values are
 * wrapped in CAST(… AS TIMESTAMP) so a NULL is typed and a `TIMESTAMP '… UTC'` literal becomes a
 * plain timestamp in the filter's time zone.
 */
import { makeSql, type Sql, type SqlChunk } from '../../generator/vocabulary/sql.js';
import type { PartitionColumn, Partitioning } from '../options.js';

/** The field the dashboards' date filter targets; the predicate reads its Liquid range. */
export const EVENT_DATE_FILTER_FIELD = 'cloudtrail_logs.event_time_date';

/** The hidden partition dimensions of `cloudtrail_logs` (`partition_<column>`). */
export type PartitionDimensionName = `partition_${PartitionColumn}`;

/** How the predicate refers to a partition column: a field reference, or `t."timestamp"` text. */
export type ColumnSql = (column: PartitionColumn) => SqlChunk | Sql;

function start(field: string): string {
  return `CAST({% date_start ${field} %} AS TIMESTAMP)`;
}

/** One day after the end day: the day of (date_end − 1 second + 1 day). */
function endPlusOneDay(field: string): string {
  return `CAST({% date_end ${field} %} AS TIMESTAMP) - INTERVAL '1' SECOND + INTERVAL '1' DAY`;
}

function chunksOf(value: SqlChunk | Sql): readonly SqlChunk[] {
  return typeof value === 'object' && value.kind === 'sql' ? value.chunks : [value];
}

/** Builds Sql from text and column placeholders `{timestamp}`, `{year}`… */
function template(text: string, column: ColumnSql): Sql {
  const chunks: SqlChunk[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{(timestamp|region|account|year|month|day)\}/g)) {
    chunks.push(text.slice(last, m.index));
    chunks.push(...chunksOf(column(m[1] as PartitionColumn)));
    last = m.index + m[0].length;
  }
  chunks.push(text.slice(last));
  return makeSql(chunks);
}

/** The predicate text with `{column}` placeholders, per layout. */
export function partitionPredicateTemplate(p: Partitioning, field: string = EVENT_DATE_FILTER_FIELD): string {
  const from = start(field);
  const to = endPlusOneDay(field);
  if (p.layout === 'manual') {
    // Manual partitions (year/month/day as zero-padded text): the year bounds are plain
    // column-vs-constant comparisons Athena prunes on; the concatenation makes the day exact.
    const day = `concat({year}, '/', {month}, '/', {day})`;
    return [
      `{year} >= COALESCE(date_format(${from}, '%Y'), '0000')`,
      `AND {year} <= COALESCE(date_format(${to}, '%Y'), '9999')`,
      `AND ${day} >= COALESCE(date_format(${from}, '%Y/%m/%d'), '0000/00/00')`,
      `AND ${day} <= COALESCE(date_format(${to}, '%Y/%m/%d'), '9999/99/99')`,
    ].join('\n');
  }
  return [
    `{timestamp} >= COALESCE(date_format(${from}, '%Y/%m/%d'), '0000/00/00')`,
    `AND {timestamp} <= COALESCE(date_format(${to}, '%Y/%m/%d'), '9999/99/99')`,
  ].join('\n');
}

/** The partition predicate for a layout, with columns rendered by `column`. */
export function partitionPredicate(p: Partitioning, column: ColumnSql, field: string = EVENT_DATE_FILTER_FIELD): Sql {
  return template(partitionPredicateTemplate(p, field), column);
}

/** True when Athena needs an equality filter on `account` in every query (injected projection). */
export function accountIsInjected(p: Partitioning): boolean {
  return p.layout === 'organization' && p.accounts === 'injected';
}

/**
 * The WHERE of a derived table over the CloudTrail table aliased `alias`: the partition predicate,
 * plus (injected accounts) the account filter the explore's always_filter carries, repeated
 * through `{% condition %}` because Athena checks every table scan for it.
 */
export function derivedTablePartitionWhere(p: Partitioning, alias: string): string {
  const col = (c: PartitionColumn): string => `${alias}."${c}"`;
  const predicate = partitionPredicateTemplate(p).replace(/\{(timestamp|region|account|year|month|day)\}/g, (_, c: PartitionColumn) => col(c));
  if (!accountIsInjected(p)) return predicate;
  return `${predicate}\nAND {% condition cloudtrail_logs.partition_account %} ${col('account')} {% endcondition %}`;
}
