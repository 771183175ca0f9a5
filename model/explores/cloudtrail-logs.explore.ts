/** The main explore over CloudTrail events. */
import { explore } from '../../generator/vocabulary/explore.js';

export function cloudtrailLogsExplore() {
  return explore({
    name: 'cloudtrail_logs',
    label: 'CloudTrail Events',
    groupLabel: 'AWS CloudTrail',
    description: 'Every CloudTrail event: who did what, where from, and whether it failed.',
  });
}
