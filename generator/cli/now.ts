/** `--now ISO`: the instant relative dates are computed from. */
import { UsageError } from './errors.js';

export function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--now must be an ISO date or time such as 2024-05-01T12:00:00Z, got "${value}"`);
  return d;
}
