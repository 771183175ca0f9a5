/**
 * UTC calendar arithmetic for date filters. Looker evaluates relative dates in the query time
 * zone; this block queries in UTC (CloudTrail timestamps are UTC and Athena's session zone is UTC).
 */

export type DateUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

export const DATE_UNITS: ReadonlySet<string> = new Set<DateUnit>([
  'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year',
]);

const MS: Partial<Record<DateUnit, number>> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** A UTC instant from calendar parts; `setUTCFullYear` avoids Date.UTC's 0–99 → 1900s quirk. */
export function utc(year: number, month: number, day = 1, hour = 0, minute = 0, second = 0): Date {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d;
}

/** True when the parts name a real calendar instant (rejects 2024-02-30, which Date would roll over). */
export function isValidCalendar(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): boolean {
  const d = utc(year, month, day, hour, minute, second);
  return (
    d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day &&
    d.getUTCHours() === hour && d.getUTCMinutes() === minute && d.getUTCSeconds() === second
  );
}

/** Start of the unit containing `d`. Weeks start on Monday, Looker's default `week_start_day`. */
export function truncate(d: Date, unit: DateUnit): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  switch (unit) {
    case 'second':
    case 'minute':
    case 'hour':
    case 'day':
      return new Date(Math.floor(d.getTime() / MS[unit]!) * MS[unit]!);
    case 'week': {
      const day = truncate(d, 'day');
      const daysSinceMonday = (day.getUTCDay() + 6) % 7;
      return addUnits(day, 'day', -daysSinceMonday);
    }
    case 'month':
      return utc(y, m);
    case 'quarter':
      return utc(y, m - ((m - 1) % 3));
    case 'year':
      return utc(y, 1);
  }
}

/**
 * `d` plus `n` units. Calendar units clamp the day to the target month's length, as Trino's
 * `date_add('month', 1, DATE '2024-01-31')` = 2024-02-29 does, instead of rolling over.
 */
export function addUnits(d: Date, unit: DateUnit, n: number): Date {
  switch (unit) {
    case 'second':
    case 'minute':
    case 'hour':
    case 'day':
      return new Date(d.getTime() + n * MS[unit]!);
    case 'week':
      return addUnits(d, 'day', 7 * n);
    case 'month':
      return addMonths(d, n);
    case 'quarter':
      return addMonths(d, 3 * n);
    case 'year':
      return addMonths(d, 12 * n);
  }
}

function addMonths(d: Date, n: number): Date {
  const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  const lastDay = utc(year, month + 1, 0).getUTCDate();
  const r = utc(year, month, Math.min(d.getUTCDate(), lastDay));
  r.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
  return r;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS[.fff]` in UTC. */
export function formatTimestamp(d: Date): string {
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const ms = d.getUTCMilliseconds();
  return ms === 0 ? `${date} ${time}` : `${date} ${time}.${pad(ms, 3)}`;
}

/** `yyyy/MM/dd` in UTC: the format of CloudTrail's projected `"timestamp"` partition column. */
export function formatPartitionDay(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
}
