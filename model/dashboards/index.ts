/** Every dashboard of the block: the operations dashboards and the security dashboards. */
import type { DashboardDef } from '../../generator/vocabulary/dashboard.js';
import type { ResolvedOptions } from '../options.js';
import { operationsDashboards } from './operations.js';
import { securityDashboards } from './security.js';

export function blockDashboards(o: ResolvedOptions): DashboardDef[] {
  return [...operationsDashboards(o), ...securityDashboards(o)];
}
