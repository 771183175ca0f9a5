/** Security dashboards: CIS monitoring, detections, identity and access activity. */
import type { DashboardDef } from '../../generator/vocabulary/dashboard.js';
import type { ResolvedOptions } from '../options.js';

export function securityDashboards(_o: ResolvedOptions): DashboardDef[] {
  return [];
}
