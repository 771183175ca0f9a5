/**
 * Detections: the events that match one of the block's detections, by severity and by name over
 * time, the latest ones (drill to the events), and the two detections that need aggregation
 * (secrets read in bulk, console brute force) as measure tiles with a HAVING-style filter.
 */
import { dashboard, textTile, type DashboardDef } from '../../../generator/vocabulary/dashboard.js';
import type { ResolvedOptions } from '../../options.js';
import { blockDetections } from '../../views/cloudtrail-logs/security.js';
import { AGGREGATE_DETECTIONS, SEVERITIES } from '../../views/cloudtrail-logs/security/detections.js';
import { commonFilters, NAVY, SEVERITY_COLORS, singleValue, listen, tile, EXPLORE, type Ref } from './common.js';

const cap = (s: string): string => `${s[0]!.toUpperCase()}${s.slice(1)}`;

export function detectionsDashboard(o: ResolvedOptions): DashboardDef {
  const list = blockDetections(o);
  const regions = o.detections.allowedRegions;
  const regionNote = regions.length > 0
    ? `Expected regions: ${regions.join(', ')} (option detections.allowedRegions); calls elsewhere fire "API call in an unexpected region".`
    : '"API call in an unexpected region" flags nothing: no allow list is configured (option detections.allowedRegions).';
  const { secretsBulkRead: secrets, consoleBruteForce: brute } = AGGREGATE_DETECTIONS;
  return dashboard({
    name: 'detections',
    title: 'CloudTrail Detections',
    description:
      `${list.length} common CloudTrail detections (after Sigma, Elastic and Panther) with a severity each, plus two that need aggregation: ` +
      'what fired, how severe, when, by whom and from where.',
    refresh: '15 minutes',
    crossfilterEnabled: true,
    filters: commonFilters('7 days'),
    elements: [
      textTile({
        name: 'about', titleText: 'Detections',
        bodyText:
          `Each event is checked against ${list.length} detections; an event matching several is shown under the most severe (then by name), ` +
        'and "Detections (all)" lists every match. Detections fire on attempts too: the Error Code column tells whether the call was denied. ' +
        `${regionNote} The last two tables are aggregate detections (a count per actor or IP and hour, kept above a threshold).`,
        ...{ row: 0, col: 0, width: 24, height: 3 },
      }),
      tile(singleValue('detections_total', 'Detections', 'cloudtrail_logs.detections', { row: 3, col: 0, width: 4 }, { color: NAVY })),
      ...SEVERITIES.map((s, i) =>
        tile(singleValue(`detections_${s}`, cap(s), `cloudtrail_logs.${s}_detections` as Ref, { row: 3, col: 4 + i * 5, width: 5 }, { color: SEVERITY_COLORS[s] }))),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'by_severity_over_time', title: 'Detections per day, by severity', type: 'looker_column',
        fields: ['cloudtrail_logs.event_time_date', 'cloudtrail_logs.detection_severity', 'cloudtrail_logs.detections'],
        pivots: ['cloudtrail_logs.detection_severity'], fillFields: ['cloudtrail_logs.event_time_date'],
        filters: { 'cloudtrail_logs.is_detection': 'Yes' },
        sorts: ['cloudtrail_logs.event_time_date desc', 'cloudtrail_logs.detection_severity asc'], limit: 500,
        row: 6, col: 0, width: 12, height: 8,
        vis: { stacking: 'normal', show_view_names: false, series_colors: Object.fromEntries(SEVERITIES.map((s) => [s, SEVERITY_COLORS[s]])) },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'by_name', title: 'Detections by name', type: 'looker_bar',
        fields: ['cloudtrail_logs.detection_name', 'cloudtrail_logs.detections'],
        filters: { 'cloudtrail_logs.is_detection': 'Yes' },
        sorts: ['cloudtrail_logs.detections desc'], limit: 50,
        row: 6, col: 12, width: 12, height: 8,
        vis: { show_view_names: false, series_colors: { 'cloudtrail_logs.detections': NAVY } },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'by_name_over_time', title: 'Detections per day, by name', type: 'looker_column',
        fields: ['cloudtrail_logs.event_time_date', 'cloudtrail_logs.detection_name', 'cloudtrail_logs.detections'],
        pivots: ['cloudtrail_logs.detection_name'], fillFields: ['cloudtrail_logs.event_time_date'],
        filters: { 'cloudtrail_logs.is_detection': 'Yes' },
        sorts: ['cloudtrail_logs.event_time_date desc', 'cloudtrail_logs.detection_name asc'], limit: 500,
        row: 14, col: 0, width: 24, height: 8,
        vis: { stacking: 'normal', show_view_names: false, legend_position: 'right' },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'latest', title: 'Latest detections', type: 'looker_grid',
        fields: [
          'cloudtrail_logs.event_time_time', 'cloudtrail_logs.detection_severity', 'cloudtrail_logs.detection_name', 'cloudtrail_logs.actor',
          'cloudtrail_logs.actor_type', 'cloudtrail_logs.source_ip_address', 'cloudtrail_logs.aws_region', 'cloudtrail_logs.event_name',
          'cloudtrail_logs.error_code', 'cloudtrail_logs.detections_all', 'cloudtrail_logs.recipient_account_id', 'cloudtrail_logs.event_id',
        ],
        filters: { 'cloudtrail_logs.is_detection': 'Yes' },
        sorts: ['cloudtrail_logs.event_time_time desc'], limit: 500,
        row: 22, col: 0, width: 24, height: 10,
        vis: { show_view_names: false, show_row_numbers: false },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'secrets_bulk_read', title: `${secrets.title} (${secrets.threshold}+ per actor and hour)`, type: 'looker_grid',
        fields: ['cloudtrail_logs.event_time_hour', 'cloudtrail_logs.actor', 'cloudtrail_logs.secret_value_reads', 'cloudtrail_logs.secrets_read', 'cloudtrail_logs.source_ip_count'],
        filters: { 'cloudtrail_logs.secret_value_reads': `>=${secrets.threshold}` },
        sorts: ['cloudtrail_logs.secret_value_reads desc'], limit: 100,
        noteText: `Severity ${secrets.severity}. ${secrets.description}`, noteState: 'collapsed', noteDisplay: 'hover',
        row: 32, col: 0, width: 12, height: 7,
        vis: { show_view_names: false },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'console_brute_force', title: `${brute.title} (${brute.threshold}+ failures per IP and hour)`, type: 'looker_grid',
        fields: ['cloudtrail_logs.event_time_hour', 'cloudtrail_logs.source_ip_address', 'cloudtrail_logs.console_login_failure_count', 'cloudtrail_logs.actor_count'],
        filters: { 'cloudtrail_logs.console_login_failure_count': `>=${brute.threshold}` },
        sorts: ['cloudtrail_logs.console_login_failure_count desc'], limit: 100,
        noteText: `Severity ${brute.severity}. ${brute.description}`, noteState: 'collapsed', noteDisplay: 'hover',
        row: 32, col: 12, width: 12, height: 7,
        vis: { show_view_names: false },
      }),
    ],
  });
}
