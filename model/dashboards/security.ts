/** Security dashboards: CIS monitoring, detections, identity and access activity. */
import type { DashboardDef } from '../../generator/vocabulary/dashboard.js';
import type { ResolvedOptions } from '../options.js';
import { cisMonitoringDashboard } from './security/cis-monitoring.dashboard.js';
import { detectionsDashboard } from './security/detections.dashboard.js';
import { identityAccessDashboard } from './security/identity-access.dashboard.js';

export function securityDashboards(o: ResolvedOptions): DashboardDef[] {
  return [cisMonitoringDashboard(), detectionsDashboard(o), identityAccessDashboard()];
}
