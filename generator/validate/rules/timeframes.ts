/**
 * A reference such as `event_time_quarter` to a dimension_group that lacks the timeframe is the
 * commonest time mistake; "not a field" would send the user hunting for a typo. This names the
 * group and lists what it does have.
 */
import { DURATION_INTERVALS, TIMEFRAMES } from '../../vocabulary/lookml-values.js';
import type { ViewIR } from '../../ir/project-ir.js';

const isTimeframe = (s: string): boolean => (TIMEFRAMES as readonly string[]).includes(s);
const isInterval = (s: string): boolean => (DURATION_INTERVALS as readonly string[]).includes(s);

/** The rule id of such findings (they are unknown references with a precise cause). */
export const UNKNOWN_TIMEFRAME_RULE = 'unknown-timeframe';

/**
 * Why `field` is not in `view` when it looks like a timeframe/interval of one of its groups:
 * `dimension_group event_time has no timeframe quarter (it has: raw, date, …)`. Undefined otherwise.
 */
export function missingTimeframe(view: ViewIR | undefined, field: string): string | undefined {
  if (!view || typeof field !== 'string') return undefined;
  // Longest group name first: `event_time_quarter` belongs to `event_time`, not to `event`.
  const groups = view.fields.filter((f) => f.kind === 'dimension_group').sort((a, b) => b.name.length - a.name.length);
  for (const g of groups) {
    if (g.kind !== 'dimension_group') continue;
    // Only a real timeframe counts: `event_time_dat` is a typo, best answered by "did you mean".
    const wanted = field.slice(g.name.length + 1);
    if (g.type === 'time' && Array.isArray(g.timeframes) && field.startsWith(`${g.name}_`) && isTimeframe(wanted)) {
      return `dimension_group ${g.name} has no timeframe ${wanted} (it has: ${g.timeframes.join(', ')})`;
    }
    const interval = field.slice(0, -(g.name.length + 2));
    if (g.type === 'duration' && Array.isArray(g.intervals) && field.endsWith(`s_${g.name}`) && isInterval(interval)) {
      return `dimension_group ${g.name} has no interval ${interval} (it has: ${g.intervals.join(', ')})`;
    }
  }
  return undefined;
}

/** True when a reference problem text came from missingTimeframe (so the finding gets its rule id). */
export function isTimeframeProblem(text: string): boolean {
  return / has no (timeframe|interval) /.test(text);
}
