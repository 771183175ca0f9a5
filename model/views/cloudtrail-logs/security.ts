/**
 * Security content: CIS AWS Foundations monitoring controls and common CloudTrail detections.
 *
 * - CIS (security/cis.ts): one yes/no per monitoring control 4.1–4.15 with the benchmark's metric
 *   filter as SQL, `cis_control` (the first control an event matches, in benchmark order),
 *   `cis_controls_all`, a count per control and a total.
 * - Detections (security/detections.ts): one yes/no per detection with a severity,
 *   `detection_name` / `detection_severity` (the highest-severity match, then by name),
 *   `is_detection`, `detections_all` and the `detections` counts.
 * - Identity activity: first/last event time, key kinds, cross-account and secret-read counts
 *   the Identity & Access Activity and Detections dashboards use.
 *
 * Composite fields repeat the conditions as SQL (they never reference a yesno dimension), so
 * every field's SQL is self-contained.
 */
import type { Dimension, Measure } from '../../../generator/vocabulary/fields.js';
import type { CoreBuilder } from '../cloudtrail-logs.view.js';
import type { ResolvedOptions } from '../../options.js';
import { lit } from './sql-text.js';
import { allMatches, anyOf, firstMatch } from './security/conditions.js';
import { CIS_CONTROLS, cisLabel, cisMeasureName, cisNumbers, type CisName } from './security/cis.js';
import {
  bucketNameOf, detections, severityRank, SEVERITIES, type Detection, type DetectionName, type Severity,
} from './security/detections.js';

const CIS_GROUP = 'CIS AWS Foundations';
const DETECTION_GROUP = 'Detections';
const IDENTITY_GROUP = 'Identity Activity';

/** Columns of a CIS or detection drill (also the latest-events tables of the dashboards). */
export const CIS_DRILL = [
  'event_time_time', 'cis_control', 'actor', 'actor_type', 'source_ip_address', 'aws_region', 'event_name', 'error_code', 'event_id',
] as const;
export const DETECTION_DRILL = [
  'event_time_time', 'detection_severity', 'detection_name', 'actor', 'actor_type', 'source_ip_address', 'aws_region', 'event_name', 'error_code', 'event_id',
] as const;

/** The detections of a block with these options, in `detection_name` order. */
export function blockDetections(o: ResolvedOptions): ReturnType<typeof detections> {
  return detections({ allowedRegions: o.detections.allowedRegions, trailBucket: bucketNameOf(o.bucket) });
}

export function securityFields(v: CoreBuilder, o: ResolvedOptions) {
  return { ...cisFields(v), ...detectionFields(v, blockDetections(o)), ...identityActivityFields(v) };
}

function cisFields(v: CoreBuilder) {
  const f = v.fields;
  const dims = {} as Record<CisName, Dimension>;
  const counts = {} as Record<`${CisName}_count`, Measure>;
  for (const c of CIS_CONTROLS) {
    dims[c.name] = v.dimension({
      type: 'yesno',
      sql: c.condition(f),
      label: `CIS ${c.id} ${c.title}`,
      groupLabel: CIS_GROUP,
      description: `${cisNumbers(c)}, ${c.title}. Metric filter: ${c.filterText}.`,
    });
    counts[cisMeasureName(c)] = v.measure({
      type: 'count',
      label: `CIS ${c.id} ${c.title} (events)`,
      groupLabel: CIS_GROUP,
      valueFormatName: 'decimal_0',
      drillFields: CIS_DRILL,
      // 4.1 implies an errorCode; naming is_error keeps "an error" defined once (every error measure filters on it).
      filters: c.id === '4.1' ? { is_error: 'Yes', [c.name]: 'Yes' } : { [c.name]: 'Yes' },
      description: `Events matching ${cisNumbers(c)}, ${c.title}: ${c.filterText}.`,
    });
  }
  const branches = CIS_CONTROLS.map((c) => ({ when: c.condition(f), then: cisLabel(c) }));
  return {
    ...dims,
    is_cis_monitored_event: v.dimension({
      type: 'yesno',
      sql: anyOf(CIS_CONTROLS.map((c) => c.condition(f))),
      label: 'Matches a CIS Monitoring Control',
      groupLabel: CIS_GROUP,
      description: 'The event matches at least one CIS AWS Foundations monitoring control 4.1–4.15 (v6.0: 5.1–5.15).',
    }),
    cis_control: v.dimension({
      type: 'string',
      sql: firstMatch(branches),
      label: 'CIS Control',
      groupLabel: CIS_GROUP,
      orderByField: 'cis_control_sort',
      description:
        "The CIS AWS Foundations monitoring control the event matches, as number (v1.4–v5.0; v6.0 adds 1 to the section: 4.3 is 5.3) and title, e.g. '4.3 Root account usage'. " +
        'When several match (a denied StopLogging is 4.1 and 4.5; an Organizations CreatePolicy is 4.4 and 4.15), the lowest control number wins; ' +
        'CIS Controls (all) lists every match. Empty when none matches.',
    }),
    cis_control_sort: v.dimension({
      type: 'number',
      sql: v.sqlText(`CASE\n${CIS_CONTROLS.map((c, i) => `  WHEN \${cis_control} = ${lit(cisLabel(c))} THEN ${i + 1}`).join('\n')}\nEND`),
      hidden: true,
      label: 'CIS Control Order',
      groupLabel: CIS_GROUP,
      description: 'Sorts CIS Control numerically (4.2 before 4.10).',
    }),
    cis_controls_all: v.dimension({
      type: 'string',
      sql: allMatches(CIS_CONTROLS.map((c) => ({ when: c.condition(f), then: c.id }))),
      label: 'CIS Controls (all)',
      groupLabel: CIS_GROUP,
      description: "Every CIS monitoring control the event matches, comma-separated in benchmark order (e.g. '4.1, 4.5'). Empty when none matches.",
    }),
    ...counts,
    cis_event_count: v.measure({
      type: 'count',
      label: 'CIS Monitored Events',
      groupLabel: CIS_GROUP,
      valueFormatName: 'decimal_0',
      drillFields: CIS_DRILL,
      filters: { is_cis_monitored_event: 'Yes' },
      description: 'Events matching at least one CIS AWS Foundations monitoring control (each event counted once, however many it matches).',
    }),
  };
}

function detectionFields(v: CoreBuilder, list: readonly (Detection & { readonly name: DetectionName })[]) {
  const f = v.fields;
  const dims = {} as Record<DetectionName, Dimension>;
  for (const d of list) {
    dims[d.name] = v.dimension({
      type: 'yesno',
      sql: d.condition(f),
      label: d.title,
      groupLabel: DETECTION_GROUP,
      description: `Detection, severity ${d.severity}: ${d.description} (${d.source})`,
    });
  }
  const severityCounts = {} as Record<`${Severity}_detections`, Measure>;
  for (const s of SEVERITIES) {
    severityCounts[`${s}_detections`] = v.measure({
      type: 'count',
      label: `Detections: ${s[0]!.toUpperCase()}${s.slice(1)}`,
      groupLabel: DETECTION_GROUP,
      valueFormatName: 'decimal_0',
      drillFields: DETECTION_DRILL,
      filters: { detection_severity: s },
      description: `Events whose highest-severity detection is ${s}.`,
    });
  }
  return {
    ...dims,
    is_detection: v.dimension({
      type: 'yesno',
      sql: anyOf(list.map((d) => d.condition(f))),
      label: 'Is Detection',
      groupLabel: DETECTION_GROUP,
      description: `The event matches at least one of the ${list.length} detections (see Detection Name).`,
    }),
    detection_name: v.dimension({
      type: 'string',
      sql: firstMatch(list.map((d) => ({ when: d.condition(f), then: d.title }))),
      label: 'Detection Name',
      groupLabel: DETECTION_GROUP,
      description:
        'The detection the event matches. When several match, the highest severity wins (critical, high, medium, low), then the name in alphabetical order; ' +
        'Detections (all) lists every match. Empty when none matches.',
    }),
    detection_severity: v.dimension({
      type: 'string',
      sql: firstMatch(list.map((d) => ({ when: d.condition(f), then: d.severity }))),
      label: 'Detection Severity',
      groupLabel: DETECTION_GROUP,
      orderByField: 'detection_severity_rank',
      description: 'Severity of Detection Name: critical, high, medium or low (the highest of the detections the event matches). Empty when none matches.',
    }),
    detection_severity_rank: v.dimension({
      type: 'number',
      sql: v.sqlText(`CASE \${detection_severity}\n${SEVERITIES.map((s) => `  WHEN ${lit(s)} THEN ${severityRank(s)}`).join('\n')}\nEND`),
      label: 'Detection Severity Rank',
      groupLabel: DETECTION_GROUP,
      description: 'Detection Severity as a number for sorting: 1 critical, 2 high, 3 medium, 4 low.',
    }),
    detections_all: v.dimension({
      type: 'string',
      sql: allMatches(list.map((d) => ({ when: d.condition(f), then: d.title }))),
      label: 'Detections (all)',
      groupLabel: DETECTION_GROUP,
      description: 'Every detection the event matches, comma-separated, highest severity first. Empty when none matches.',
    }),
    detections: v.measure({
      type: 'count',
      label: 'Detections',
      groupLabel: DETECTION_GROUP,
      valueFormatName: 'decimal_0',
      drillFields: DETECTION_DRILL,
      filters: { is_detection: 'Yes' },
      description: 'Events that match at least one detection (each event counted once).',
    }),
    ...severityCounts,
  };
}

function identityActivityFields(v: CoreBuilder) {
  const f = v.fields;
  const activity = ['actor', 'actor_type', 'access_key_id', 'source_ip_address', 'event_name', 'count'];
  return {
    is_secret_value_read: v.dimension({
      type: 'yesno',
      sql: v.sql`${f.event_source} = 'secretsmanager.amazonaws.com' AND ${f.event_name} IN ('GetSecretValue', 'BatchGetSecretValue')`,
      label: 'Is Secret Value Read',
      groupLabel: IDENTITY_GROUP,
      description: 'A Secrets Manager GetSecretValue or BatchGetSecretValue call (successful or not): the building block of the "secrets read in bulk" detection.',
    }),
    first_event_at: v.measure({
      type: 'min',
      sql: v.sql`${f.event_time_text}`,
      label: 'First Event Time',
      groupLabel: IDENTITY_GROUP,
      description: 'Earliest eventTime (UTC, ISO 8601 text) among the rows, e.g. when an access key or actor was first seen in the date range.',
    }),
    last_event_at: v.measure({
      type: 'max',
      sql: v.sql`${f.event_time_text}`,
      label: 'Last Event Time',
      groupLabel: IDENTITY_GROUP,
      description: 'Latest eventTime (UTC, ISO 8601 text) among the rows, e.g. when an access key or actor was last seen in the date range.',
    }),
    long_term_key_calls: v.measure({
      type: 'count', label: 'Calls with Long-term Keys', groupLabel: IDENTITY_GROUP, valueFormatName: 'decimal_0', drillFields: activity,
      filters: { is_long_term_key: 'Yes' }, description: 'Calls signed with a long-term IAM user access key (AKIA…), the kind that leaks.',
    }),
    temporary_key_calls: v.measure({
      type: 'count', label: 'Calls with Temporary Keys', groupLabel: IDENTITY_GROUP, valueFormatName: 'decimal_0', drillFields: activity,
      filters: { access_key_kind: 'Temporary (ASIA)' }, description: 'Calls signed with temporary STS credentials (ASIA…).',
    }),
    cross_account_calls: v.measure({
      type: 'count', label: 'Cross-account Calls', groupLabel: IDENTITY_GROUP, valueFormatName: 'decimal_0',
      drillFields: ['user_account_id', 'recipient_account_id', 'actor', 'event_name', 'count'],
      filters: { is_cross_account: 'Yes' }, description: 'Calls whose caller account (userIdentity.accountId) differs from the account that received the event (recipientAccountId).',
    }),
    role_assumptions: v.measure({
      type: 'count', label: 'Role Assumptions', groupLabel: IDENTITY_GROUP, valueFormatName: 'decimal_0',
      drillFields: ['event_time_time', 'actor', 'role_arn', 'role_session_name_requested', 'source_ip_address', 'error_code'],
      filters: { event_name: 'AssumeRole,AssumeRoleWithSAML,AssumeRoleWithWebIdentity' },
      description: 'STS AssumeRole, AssumeRoleWithSAML and AssumeRoleWithWebIdentity calls: one hop of a role chain (caller → Role ARN (requested)).',
    }),
    secret_value_reads: v.measure({
      type: 'count', label: 'Secret Value Reads', groupLabel: IDENTITY_GROUP, valueFormatName: 'decimal_0',
      drillFields: ['event_time_time', 'actor', 'secret_id', 'source_ip_address', 'error_code'],
      filters: { is_secret_value_read: 'Yes' }, description: 'Secrets Manager GetSecretValue and BatchGetSecretValue calls (successful or not).',
    }),
    secrets_read: v.measure({
      type: 'count_distinct', sql: v.sql`${f.secret_id}`, label: 'Distinct Secrets Read', groupLabel: IDENTITY_GROUP, valueFormatName: 'decimal_0',
      drillFields: ['event_time_time', 'actor', 'secret_id', 'source_ip_address', 'error_code'],
      filters: { is_secret_value_read: 'Yes' }, description: 'Distinct secrets (requestParameters.secretId) read with GetSecretValue.',
    }),
  };
}
