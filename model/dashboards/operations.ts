/** The 2017 block's five operations dashboards, rebuilt on the current schema and fixed. */
import type { DashboardDef } from '../../generator/vocabulary/dashboard.js';
import type { ResolvedOptions } from '../options.js';
import { generalOperationsDashboard } from './operations/general-operations.dashboard.js';
import { errorOverviewDashboard } from './operations/error-overview.dashboard.js';
import { consoleLoginOverviewDashboard } from './operations/console-login-overview.dashboard.js';
import { ec2SecurityGroupModificationsDashboard } from './operations/ec2-security-group-modifications.dashboard.js';
import { operationalAccountActivityDashboard } from './operations/operational-account-activity.dashboard.js';

export function operationsDashboards(o: ResolvedOptions): DashboardDef[] {
  return [
    generalOperationsDashboard(),
    errorOverviewDashboard(),
    // The login map needs the GeoLite2 join; without the option the tile shows source IPs instead.
    consoleLoginOverviewDashboard({ geolocation: o.geolocation !== undefined }),
    ec2SecurityGroupModificationsDashboard(),
    operationalAccountActivityDashboard(),
  ];
}
