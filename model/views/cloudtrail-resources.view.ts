/**
 * `cloudtrail_resources`: the `resources` array of each event, one row per resource. A derived
 * table in the form Athena (Trino) accepts: UNNEST of an array of ROWs expands into one column
 * per field, so the alias names all three (`r(arn, accountid, type)`). It reads only the days the
 * dashboard date filter asks for (see explores/partition-predicate.ts). Joined one_to_many on the
 * event ID.
 */
import { view } from '../../generator/vocabulary/view.js';
import { sqlText } from '../../generator/vocabulary/sql.js';
import type { ResolvedOptions } from '../options.js';
import { derivedTablePartitionWhere } from '../explores/partition-predicate.js';
import { CLOUDTRAIL_TABLE_SQL } from './cloudtrail-logs.view.js';

const GROUP = 'Resource';

export function resourcesDerivedSql(o: ResolvedOptions): string {
  return [
    'SELECT',
    '  t.eventid AS event_id,',
    '  r.arn AS arn,',
    '  r.accountid AS account_id,',
    '  r.type AS resource_type',
    `FROM ${CLOUDTRAIL_TABLE_SQL} AS t`,
    'CROSS JOIN UNNEST(t.resources) AS r(arn, accountid, type)',
    `WHERE ${derivedTablePartitionWhere(o.partitioning, 't').replace(/\n/g, '\n  ')}`,
  ].join('\n');
}

export function cloudtrailResourcesView(o: ResolvedOptions) {
  return view('cloudtrail_resources', {
    source: { kind: 'derived', sql: sqlText(resourcesDerivedSql(o)) },
    label: 'CloudTrail Resources',
    description: 'One row per resource an event names (the resources array: ARN, owning account, type).',
  })
    .add((v) => ({
      event_id: v.dimension({
        type: 'string', hidden: true, sql: v.sql`${v.table}.event_id`, label: 'Event ID', groupLabel: GROUP,
        description: 'The event naming the resource (joins to CloudTrail Events).',
      }),
      resource_arn: v.dimension({
        type: 'string', sql: v.sql`${v.table}.arn`, label: 'Resource ARN', groupLabel: GROUP,
        description: 'ARN of a resource used in the event.', alias: ['arn'],
      }),
      resource_account_id: v.dimension({
        type: 'string', sql: v.sql`${v.table}.account_id`, label: 'Resource Account ID', groupLabel: GROUP,
        description: 'Account that owns the resource.',
      }),
      resource_type: v.dimension({
        type: 'string', sql: v.sql`${v.table}.resource_type`, label: 'Resource Type', groupLabel: GROUP,
        description: 'CloudFormation-style resource type, for example AWS::IAM::Role or AWS::S3::Object.',
      }),
    }))
    .add((v) => ({
      resource_key: v.dimension({
        type: 'string',
        primaryKey: true,
        hidden: true,
        sql: v.sql`concat(${v.fields.event_id}, '|', COALESCE(${v.fields.resource_arn}, ''), '|', COALESCE(${v.fields.resource_type}, ''))`,
        groupLabel: GROUP,
        description: 'Event ID, ARN and type: unique per row.',
      }),
      resource_service: v.dimension({
        type: 'string', sql: v.sql`split_part(${v.fields.resource_type}, '::', 2)`, label: 'Resource Service', groupLabel: GROUP,
        description: 'Service part of the resource type (IAM for AWS::IAM::Role).',
      }),
      resource_name: v.dimension({
        type: 'string', sql: v.sql`NULLIF(regexp_extract(${v.fields.resource_arn}, '[:/]([^:/]+)$', 1), '')`, label: 'Resource Name', groupLabel: GROUP,
        description: 'Last part of the ARN: the bucket, role, key or instance name or ID.',
      }),
      count: v.measure({
        type: 'count', label: 'Resource References', groupLabel: 'Counts', valueFormatName: 'decimal_0',
        description: 'Number of (event, resource) pairs.', drillFields: ['resource_type', 'resource_arn', 'count'],
      }),
      resource_count: v.measure({
        type: 'count_distinct', sql: v.sql`${v.fields.resource_arn}`, label: 'Distinct Resources', groupLabel: 'Counts', valueFormatName: 'decimal_0',
        description: 'Distinct resource ARNs named by the events.', drillFields: ['resource_type', 'resource_arn', 'count'],
      }),
    }))
    .build();
}
