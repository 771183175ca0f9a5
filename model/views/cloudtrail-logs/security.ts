/**
 * Security content: CIS AWS Foundations monitoring controls and common CloudTrail detections.
 */
import type { CoreBuilder } from '../cloudtrail-logs.view.js';
import type { ResolvedOptions } from '../../options.js';

export function securityFields(_v: CoreBuilder, _o: ResolvedOptions) {
  return {};
}
