/**
 * The main explore over CloudTrail events, with the resources and the per-actor facts joined.
 *
 * Every query carries a date filter (always_filter on Event Date, default 7 days) and
 * sql_always_where turns that filter into a predicate on the partition column(s), so Athena reads
 * only the days asked for. See partition-predicate.ts for why the upper bound is one day after
 * the last day (CloudTrail partitions by delivery time).
 */
import { explore, join, type JoinDef } from '../../generator/vocabulary/explore.js';
import { fieldRef, sql } from '../../generator/vocabulary/sql.js';
import type { PartitionColumn, ResolvedOptions } from '../options.js';
import { accountIsInjected, EVENT_DATE_FILTER_FIELD, partitionPredicate } from './partition-predicate.js';

/** The explore's sql_always_where: the partition predicate over `cloudtrail_logs.partition_*`. */
export function cloudtrailLogsPartitionWhere(o: ResolvedOptions) {
  return partitionPredicate(o.partitioning, (c: PartitionColumn) => fieldRef(`partition_${c}`, 'cloudtrail_logs'));
}

export const DEFAULT_DATE_FILTER = '7 days';

export function cloudtrailLogsExplore(o: ResolvedOptions, extraJoins: readonly JoinDef[] = []) {
  const injected = accountIsInjected(o.partitioning);
  const defaultAccount = o.partitioning.layout === 'organization' ? (o.partitioning.defaultAccount ?? '') : '';
  return explore({
    name: 'cloudtrail_logs',
    label: 'CloudTrail Events',
    groupLabel: 'AWS CloudTrail',
    description:
      'Every CloudTrail event: who did what, where from, and whether it failed. Queries always carry an Event Date filter ' +
      `(default ${DEFAULT_DATE_FILTER}), which also limits the S3 partitions Athena reads: from the first day to one day after the last, ` +
      'because CloudTrail files events under the day it delivered them.' +
      (injected ? ' Athena also requires an Account (partition) filter on every query of this organization table.' : ''),
    alwaysFilter: {
      [EVENT_DATE_FILTER_FIELD]: DEFAULT_DATE_FILTER,
      ...(injected ? { 'cloudtrail_logs.partition_account': defaultAccount } : {}),
    },
    sqlAlwaysWhere: cloudtrailLogsPartitionWhere(o),
    // Row-level security (option rowLevelSecurity): each user sees only the accounts of their user attribute.
    ...(o.rowLevelSecurity ? { accessFilters: [{ field: 'cloudtrail_logs.recipient_account_id', userAttribute: o.rowLevelSecurity.userAttribute }] } : {}),
    joins: [
      join({
        name: 'cloudtrail_resources',
        type: 'left_outer',
        relationship: 'one_to_many',
        sqlOn: sql`${fieldRef('event_id', 'cloudtrail_logs')} = ${fieldRef('event_id', 'cloudtrail_resources')}`,
        viewLabel: 'CloudTrail Resources',
      }),
      join({
        name: 'actor_login_facts',
        type: 'left_outer',
        relationship: 'many_to_one',
        sqlOn: sql`${fieldRef('actor', 'cloudtrail_logs')} = ${fieldRef('actor', 'actor_login_facts')}`,
        viewLabel: 'Actor Login Facts',
      }),
      join({
        name: 'actor_ip_facts',
        type: 'left_outer',
        relationship: 'many_to_one',
        sqlOn: sql`${fieldRef('actor', 'cloudtrail_logs')} = ${fieldRef('actor', 'actor_ip_facts')}`,
        viewLabel: 'Actor IP Facts',
      }),
      ...extraJoins,
    ],
  });
}
