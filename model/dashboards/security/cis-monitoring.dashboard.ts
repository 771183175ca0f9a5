/**
 * CIS AWS Foundations Benchmark — monitoring: one count per metric-filter control 4.1–4.15
 * (v6.0: 5.1–5.15) over the date range, the daily trend per control, and the latest matching
 * events.
 */
import { dashboard, textTile, type DashboardDef } from '../../../generator/vocabulary/dashboard.js';
import { CIS_CONTROLS, cisMeasureName } from '../../views/cloudtrail-logs/security/cis.js';
import { commonFilters, NAVY, singleValue, listen, tile, EXPLORE, type Ref } from './common.js';

const WIDTH = 6;
const HEIGHT = 3;

export function cisMonitoringDashboard(): DashboardDef {
  const counts = CIS_CONTROLS.map((c, i) =>
    tile(singleValue(`cis_${c.id.replace('.', '_')}`, `${c.id} ${c.title}`, `cloudtrail_logs.${cisMeasureName(c)}` as Ref, {
      row: 4 + Math.floor(i / 4) * HEIGHT, col: (i % 4) * WIDTH, width: WIDTH, height: HEIGHT,
    }, { noteText: `v6.0: ${c.v6}${c.v12 ? ` · v1.2: ${c.v12}` : ''}. ${c.filterText}.` })),
  );
  const total = tile(singleValue('cis_total', 'All CIS monitored events', 'cloudtrail_logs.cis_event_count', {
    row: 4 + 3 * HEIGHT, col: 3 * WIDTH, width: WIDTH, height: HEIGHT,
  }, { noteText: 'Events matching at least one control, each counted once.', color: NAVY }));
  const below = 4 + 4 * HEIGHT;
  return dashboard({
    name: 'cis_aws_foundations_monitoring',
    title: 'CIS AWS Foundations Monitoring',
    description:
      'The CIS AWS Foundations Benchmark monitoring controls (v1.4–v5.0 section 4.1–4.15; v6.0 section 5.1–5.15): the events each metric filter would alarm on, per control, over time, and the latest ones.',
    refresh: '1 hour',
    crossfilterEnabled: true,
    filters: commonFilters('30 days'),
    elements: [
      textTile({
        name: 'about', titleText: 'CIS AWS Foundations Benchmark: monitoring controls',
        bodyText:
          'Each tile counts the events the benchmark\'s CloudWatch metric filter for that control would match, translated to SQL over CloudTrail. ' +
        'Numbers are those of v1.4–v5.0 (section 4); **v6.0 renumbers them 5.x** (4.3 is 5.3) and v1.2 used 3.x; hover a tile for its filter. ' +
        '4.2 uses the v3.0+ refinement (IAM users, successful sign-ins only). An event matching several controls is listed under the lowest number.',
        ...{ row: 0, col: 0, width: 24, height: 4 },
      }),
      ...counts,
      total,
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'cis_trend', title: 'CIS monitored events per day, by control', type: 'looker_column',
        fields: ['cloudtrail_logs.event_time_date', 'cloudtrail_logs.cis_control', 'cloudtrail_logs.cis_event_count'],
        pivots: ['cloudtrail_logs.cis_control'], fillFields: ['cloudtrail_logs.event_time_date'],
        filters: { 'cloudtrail_logs.cis_control': '-NULL' },
        sorts: ['cloudtrail_logs.event_time_date desc', 'cloudtrail_logs.cis_control asc'], limit: 500,
        row: below, col: 0, width: 24, height: 8,
        vis: { stacking: 'normal', show_view_names: false, x_axis_label: 'Day', y_axis_labels: ['Events'], legend_position: 'right' },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'cis_by_actor', title: 'Who triggers each control', type: 'looker_grid',
        fields: ['cloudtrail_logs.cis_control', 'cloudtrail_logs.actor', 'cloudtrail_logs.actor_type', 'cloudtrail_logs.cis_event_count', 'cloudtrail_logs.first_event_at', 'cloudtrail_logs.last_event_at'],
        filters: { 'cloudtrail_logs.cis_control': '-NULL' },
        sorts: ['cloudtrail_logs.cis_event_count desc'], limit: 100,
        row: below + 8, col: 0, width: 24, height: 7,
        vis: { show_view_names: false, show_row_numbers: false },
      }),
      tile({
        explore: EXPLORE, listen: listen(),
        name: 'cis_latest', title: 'Latest events matching a CIS control', type: 'looker_grid',
        fields: [
          'cloudtrail_logs.event_time_time', 'cloudtrail_logs.actor', 'cloudtrail_logs.source_ip_address', 'cloudtrail_logs.aws_region',
          'cloudtrail_logs.event_name', 'cloudtrail_logs.cis_control', 'cloudtrail_logs.cis_controls_all', 'cloudtrail_logs.error_code',
          'cloudtrail_logs.recipient_account_id', 'cloudtrail_logs.event_id',
        ],
        filters: { 'cloudtrail_logs.is_cis_monitored_event': 'Yes' },
        sorts: ['cloudtrail_logs.event_time_time desc'], limit: 500,
        row: below + 15, col: 0, width: 24, height: 10,
        vis: { show_view_names: false, show_row_numbers: false },
      }),
    ],
  });
}
