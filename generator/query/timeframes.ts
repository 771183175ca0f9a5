/**
 * Dimension-group timeframes as Looker renders them for Presto/Trino/Athena (UTC, weeks start on
 * Monday). Every expression also runs on DuckDB through the compatibility shim.
 */
import type { DurationInterval, Timeframe } from '../vocabulary/lookml-values.js';
import { paren } from './sql-text.js';

/** Minutes/hours buckets: truncate to the unit, then step back to the bucket start. */
function bucket(unit: 'minute' | 'hour', size: number, x: string, format: string): string {
  const part = unit === 'minute' ? 'MINUTE' : 'HOUR';
  return `DATE_FORMAT(DATE_ADD('${unit}', -MOD(${part}(${x}), ${size}), DATE_TRUNC('${unit}', ${x})), '${format}')`;
}

const MONDAY_WEEK_START = (x: string): string =>
  `DATE_TRUNC('DAY', DATE_ADD('day', (0 - MOD((DAY_OF_WEEK(${x}) % 7) - 1 + 7, 7)), ${x}))`;

const RENDER: Readonly<Record<Timeframe, (x: string) => string>> = {
  raw: (x) => x,
  time: (x) => `DATE_FORMAT(${x}, '%Y-%m-%d %H:%i:%s')`,
  time_of_day: (x) => `DATE_FORMAT(${x}, '%H:%i')`,
  date: (x) => `DATE_FORMAT(${x}, '%Y-%m-%d')`,
  week: (x) => `DATE_FORMAT(${MONDAY_WEEK_START(x)}, '%Y-%m-%d')`,
  month: (x) => `DATE_FORMAT(${x}, '%Y-%m')`,
  quarter: (x) => `DATE_FORMAT(DATE_TRUNC('QUARTER', ${x}), '%Y-%m')`,
  year: (x) => `YEAR(${x})`,
  hour: (x) => `DATE_FORMAT(${x}, '%Y-%m-%d %H')`,
  hour2: (x) => bucket('hour', 2, x, '%Y-%m-%d %H'),
  hour3: (x) => bucket('hour', 3, x, '%Y-%m-%d %H'),
  hour4: (x) => bucket('hour', 4, x, '%Y-%m-%d %H'),
  hour6: (x) => bucket('hour', 6, x, '%Y-%m-%d %H'),
  hour8: (x) => bucket('hour', 8, x, '%Y-%m-%d %H'),
  hour12: (x) => bucket('hour', 12, x, '%Y-%m-%d %H'),
  hour_of_day: (x) => `HOUR(${x})`,
  minute: (x) => `DATE_FORMAT(${x}, '%Y-%m-%d %H:%i')`,
  minute2: (x) => bucket('minute', 2, x, '%Y-%m-%d %H:%i'),
  minute3: (x) => bucket('minute', 3, x, '%Y-%m-%d %H:%i'),
  minute4: (x) => bucket('minute', 4, x, '%Y-%m-%d %H:%i'),
  minute5: (x) => bucket('minute', 5, x, '%Y-%m-%d %H:%i'),
  minute6: (x) => bucket('minute', 6, x, '%Y-%m-%d %H:%i'),
  minute10: (x) => bucket('minute', 10, x, '%Y-%m-%d %H:%i'),
  minute12: (x) => bucket('minute', 12, x, '%Y-%m-%d %H:%i'),
  minute15: (x) => bucket('minute', 15, x, '%Y-%m-%d %H:%i'),
  minute20: (x) => bucket('minute', 20, x, '%Y-%m-%d %H:%i'),
  minute30: (x) => bucket('minute', 30, x, '%Y-%m-%d %H:%i'),
  second: (x) => `DATE_FORMAT(${x}, '%Y-%m-%d %H:%i:%s')`,
  millisecond: (x) => `DATE_FORMAT(${x}, '%Y-%m-%d %H:%i:%s.%f')`,
  microsecond: (x) => `DATE_FORMAT(${x}, '%Y-%m-%d %H:%i:%s.%f')`,
  day_of_week: (x) => `DATE_FORMAT(${x}, '%W')`,
  day_of_week_index: (x) => `MOD((DAY_OF_WEEK(${x}) % 7) - 1 + 7, 7)`,
  day_of_month: (x) => `DAY_OF_MONTH(${x})`,
  day_of_year: (x) => `DAY_OF_YEAR(${x})`,
  week_of_year: (x) => `WEEK_OF_YEAR(${x})`,
  month_name: (x) => `DATE_FORMAT(${x}, '%M')`,
  month_num: (x) => `MONTH(${x})`,
  quarter_of_year: (x) => `QUARTER(${x})`,
  yesno: (x) => `CASE WHEN ${x} IS NOT NULL THEN 'Yes' ELSE 'No' END`,
};

export function timeframeSql(timeframe: Timeframe, raw: string): string {
  return RENDER[timeframe](paren(raw));
}

/**
 * How a filter on a timeframe applies: date-like frames filter the raw timestamp by range (as
 * Looker does, so "7 days" on event_date is sargable); the others compare the frame's value.
 */
export function timeframeFilterKind(t: Timeframe): 'date' | 'number' | 'string' | 'yesno' {
  if (NUMBER_FRAMES.has(t)) return 'number';
  if (t === 'day_of_week' || t === 'month_name' || t === 'time_of_day') return 'string';
  if (t === 'yesno') return 'yesno';
  return 'date';
}

const NUMBER_FRAMES: ReadonlySet<Timeframe> = new Set<Timeframe>([
  'hour_of_day', 'day_of_week_index', 'day_of_month', 'day_of_year', 'week_of_year', 'month_num', 'quarter_of_year',
]);

export function durationSql(interval: DurationInterval, start: string, end: string): string {
  return `DATE_DIFF('${interval}', ${paren(start)}, ${paren(end)})`;
}
