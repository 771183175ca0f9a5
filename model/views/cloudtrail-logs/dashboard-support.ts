/**
 * Fields the operations dashboards (the 2017 block's five, rebuilt) need beyond the core fields.
 */
import type { CoreBuilder } from '../cloudtrail-logs.view.js';

export function dashboardSupportFields(_v: CoreBuilder) {
  return {};
}
