/**
 * EC2 Security Group Modifications: which security groups changed, how, by whom and when, for
 * the "alarm fired, what changed?" investigation of the 2017 block. Groups are matched on the
 * Security Group ID extracted from the request (the 2017 dashboard filtered the raw
 * requestparameters JSON with LIKE '%sg%', which also matches "msg", and did not restrict the
 * events to security group calls).
 */
import { dashboard, textTile, type DashboardDef } from '../../../generator/vocabulary/dashboard.js';
import { CIS_EVENT_CONTROLS } from '../../views/cloudtrail-logs/classification.js';
import { commonFilters, EXPLORE, LISTEN_COMMON, securityGroupFilters, tile } from './common.js';

/**
 * The CIS list of security group API calls (Is Security Group Change) plus
 * ModifyNetworkInterfaceAttribute, the call that replaces the groups attached to an interface
 * (it also changes other interface attributes, which the Network Interface filter then shows).
 */
export const SECURITY_GROUP_EVENTS = [
  ...(CIS_EVENT_CONTROLS.find((c) => c.name === 'is_security_group_change')?.events ?? []),
  'ModifyNetworkInterfaceAttribute',
] as const;

export function ec2SecurityGroupModificationsDashboard(): DashboardDef {
  return dashboard({
    name: 'ec2_security_group_modifications',
    title: 'EC2 Security Group Modifications',
    description: 'Security group creations, deletions and rule changes, and network interface changes (including the groups attached).',
    filters: [...commonFilters(), ...securityGroupFilters()],
    elements: [
      textTile({
        name: 'how_do_i_identify_security_modifications',
        titleText: 'How Do I Identify Security Modifications?',
        bodyText:
          'A CloudWatch alarm reports high CPU on an EC2 instance. Was its exposure changed just before, for example a new security group ' +
          'or a new ingress rule open to the internet? Take the instance\'s network interface ID (eni-…) and its security group IDs (sg-…) ' +
          'from the EC2 console (instance, Networking and Security tabs).',
        row: 0, col: 0, width: 12, height: 8,
      }),
      textTile({
        name: 'what_does_the_below_query_tell_me',
        titleText: 'What Does the Below Query Tell Me?',
        bodyText:
          'Every security group creation, deletion and rule change (authorize or revoke, ingress or egress), and every change to a ' +
          'network interface\'s attributes, including the groups attached to it, in the date range: who made it, from where, and the first rule\'s CIDR and port. ' +
          'Set Date to the hours before the alarm, then Security Group to one group ID (sg-…) to see its rule changes, ' +
          'or Network Interface to the instance\'s interface ID (eni-…) to see which groups were attached to it. ' +
          'Set one or the other: rule changes name the group, not the interface.',
        row: 0, col: 12, width: 12, height: 8,
      }),
      tile({
        name: 'security_group_modifications',
        title: 'Security Group Modifications',
        type: 'looker_grid',
        explore: EXPLORE,
        fields: [
          'cloudtrail_logs.event_time_time', 'cloudtrail_logs.security_group_id', 'cloudtrail_logs.event_name', 'cloudtrail_logs.actor',
          'cloudtrail_logs.source_ip_address', 'cloudtrail_logs.network_interface_id', 'cloudtrail_logs.ingress_cidr',
          'cloudtrail_logs.ingress_from_port', 'cloudtrail_logs.error_code', 'cloudtrail_logs.count',
        ],
        filters: { 'cloudtrail_logs.event_name': SECURITY_GROUP_EVENTS.join(',') },
        sorts: ['cloudtrail_logs.event_time_time desc'],
        limit: 500,
        listen: {
          ...LISTEN_COMMON,
          'Security Group': 'cloudtrail_logs.security_group_id',
          'Network Interface': 'cloudtrail_logs.network_interface_id',
        },
        noteText:
          'One row per change, newest first, failed attempts included (Error Code set). The 2017 tile matched "sg" anywhere in the request, ' +
          'had no time column and sorted on a field that no longer existed.',
        noteDisplay: 'above',
        vis: { show_row_numbers: false, truncate_column_names: false },
        row: 8, col: 0, width: 24, height: 10,
      }),
    ],
  });
}
