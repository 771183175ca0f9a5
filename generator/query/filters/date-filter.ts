import type { FilterASTNode } from '@looker/filter-expressions';
import { unsupported, type FilterContext } from './errors.js';
import {
  DATE_UNITS, addUnits, formatPartitionDay, formatTimestamp, isValidCalendar, truncate, utc, type DateUnit,
} from './date-math.js';
import { listTerms, parseOrThrow } from './parse.js';
import { operand, or } from './sql-text.js';

/** A half-open interval [start, end); `null` is an open end. */
export interface DateRange {
  start: Date | null;
  end: Date | null;
}

/** One comma-separated term of a date filter, resolved against `now`. */
type DateTerm =
  | { kind: 'range'; range: DateRange }
  | { kind: 'null'; isNull: boolean }
  | { kind: 'any' };

/** Looker date filter → Trino predicate on a `timestamp with time zone` (or UTC `timestamp`) expression. */
export function dateFilterToSql(ctx: FilterContext, fieldSql: string, now: Date): string {
  const field = operand(fieldSql);
  const terms = dateTerms(ctx, now);
  if (terms.some((t) => t.kind === 'any')) return 'TRUE';
  // The date grammar has no negation, so every term is positive and the list is an OR.
  return or(terms.map((t) => dateTermToSql(t, field)));
}

/**
 * The [start, end) a date filter selects, for Liquid's `{% date_start %}` / `{% date_end %}` and for
 * partition pruning. No filter, NULL and NOT NULL are unbounded (NULL rows live in any partition);
 * a comma list gives the smallest single range covering all its terms.
 */
export function dateFilterRange(expression: string, now: Date, where?: string): DateRange {
  const ctx: FilterContext = { expression, type: 'date', where };
  const ranges = dateTerms(ctx, now).map((t): DateRange => (t.kind === 'range' ? t.range : { start: null, end: null }));
  return envelope(ranges);
}

/** The first and last `yyyy/MM/dd` days a range touches (inclusive); null when either end is open. */
export function partitionDayRange(range: DateRange): { first: string; last: string } | null {
  if (range.start === null || range.end === null) return null;
  // `end` is exclusive: the last instant inside the range is one millisecond before it.
  return { first: formatPartitionDay(range.start), last: formatPartitionDay(new Date(range.end.getTime() - 1)) };
}

function envelope(ranges: DateRange[]): DateRange {
  const starts = ranges.map((r) => r.start);
  const ends = ranges.map((r) => r.end);
  return {
    start: starts.includes(null) ? null : new Date(Math.min(...starts.map((d) => d!.getTime()))),
    end: ends.includes(null) ? null : new Date(Math.max(...ends.map((d) => d!.getTime()))),
  };
}

function dateTerms(ctx: FilterContext, now: Date): DateTerm[] {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw unsupported(ctx, '`now` is not a valid Date');
  }
  // Looker documents `-NULL` for dates; the JS grammar only knows `NOT NULL`, which means the same.
  const expression = /^\s*-NULL\s*$/i.test(ctx.expression) ? 'NOT NULL' : ctx.expression;
  const ast = parseOrThrow('date', { ...ctx, expression });
  return listTerms(ast).map((node) => resolveTerm(ctx, node, now));
}

function dateTermToSql(term: DateTerm, field: string): string {
  switch (term.kind) {
    case 'null':
      return term.isNull ? `${field} IS NULL` : `${field} IS NOT NULL`;
    case 'any':
      return 'TRUE';
    case 'range':
      return rangeToSql(term.range, field);
  }
}

/**
 * Literal bounds keep the predicate sargable and engine-neutral. `TIMESTAMP '… UTC'` is a
 * `timestamp with time zone` literal in Trino (independent of the session zone); DuckDB reads it
 * as a UTC `TIMESTAMP` and compares it with TIMESTAMPTZ in the session zone, which the shim sets to UTC.
 */
function rangeToSql(range: DateRange, field: string): string {
  const parts: string[] = [];
  if (range.start) parts.push(`${field} >= ${timestampLiteral(range.start)}`);
  if (range.end) parts.push(`${field} < ${timestampLiteral(range.end)}`);
  if (parts.length === 0) return 'TRUE';
  return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
}

export function timestampLiteral(d: Date): string {
  return `TIMESTAMP '${formatTimestamp(d)} UTC'`;
}

function resolveTerm(ctx: FilterContext, node: FilterASTNode, now: Date): DateTerm {
  const range = (start: Date | null, end: Date | null): DateTerm => ({ kind: 'range', range: { start, end } });
  switch (node.type) {
    case 'anyvalue':
      return { kind: 'any' };
    case 'null':
      return { kind: 'null', isNull: true };
    case 'notnull':
      return { kind: 'null', isNull: false };
    case 'past':
      return pastTerm(ctx, node, now);
    case 'pastAgo': {
      // `3 days ago`: the whole day three days back.
      const { n, unit } = interval(ctx, node);
      const start = addUnits(truncate(now, unit), unit, -n);
      return range(start, addUnits(start, unit, 1));
    }
    case 'from now': {
      // `3 days from now`: the whole day three days ahead.
      const { n, unit } = interval(ctx, node);
      const start = addUnits(truncate(now, unit), unit, n);
      return range(start, addUnits(start, unit, 1));
    }
    case 'relative':
      return relativeTerm(ctx, node, now);
    case 'this':
    case 'next':
    case 'last': {
      const unit = unitOf(ctx, node['unit']);
      const start = addUnits(truncate(now, unit), unit, { this: 0, next: 1, last: -1 }[node.type]);
      return range(start, addUnits(start, unit, 1));
    }
    case 'day':
      return dayKeywordTerm(ctx, node, now);
    case 'on': {
      // A date selects its day; a date with hh:mm its minute; with hh:mm:ss its second.
      const { date, precision } = datetime(ctx, node['date']);
      return range(date, addUnits(date, precision, 1));
    }
    case 'range':
      return range(datetime(ctx, node['start']).date, datetime(ctx, node['end']).date);
    case 'rangeInterval': {
      const start = datetime(ctx, node['start']).date;
      const { n, unit } = interval(ctx, node['end']);
      return range(start, addUnits(start, unit, n));
    }
    case 'monthInterval': {
      const start = calendarStart(ctx, node['year'], node['month']);
      const { n, unit } = interval(ctx, node['end']);
      return range(start, addUnits(start, unit, n));
    }
    case 'year': {
      const start = calendarStart(ctx, node['year'], '01');
      return range(start, addUnits(start, 'year', 1));
    }
    case 'month': {
      const start = calendarStart(ctx, node['year'], node['month']);
      return range(start, addUnits(start, 'month', 1));
    }
    case 'quarter': {
      const q = Number(node['quarter']?.['quarter']);
      if (![1, 2, 3, 4].includes(q)) throw unsupported(ctx, `quarter ${JSON.stringify(node['quarter'])} is not 1–4`);
      const start = calendarStart(ctx, node['year'], String((q - 1) * 3 + 1));
      return range(start, addUnits(start, 'quarter', 1));
    }
    case 'before':
    case 'after':
      return beforeAfterTerm(ctx, node, now);
    case 'before_this':
    case 'before_next':
    case 'before_last':
    case 'after_this':
    case 'after_next':
    case 'after_last': {
      // `before this week` = before the start of this week; `after last month` = on/after the start of last month.
      const [side, which] = node.type.split('_') as ['before' | 'after', 'this' | 'next' | 'last'];
      const unit = unitOf(ctx, node['unit']);
      const anchor = addUnits(truncate(now, unit), unit, { this: 0, next: 1, last: -1 }[which]);
      return side === 'before' ? range(null, anchor) : range(anchor, null);
    }
    default:
      throw unsupported(ctx, unsupportedReason(String(node.type)));
  }
}

/** Why a parsed-but-unsupported node is refused, so the message helps the author rewrite the filter. */
function unsupportedReason(type: string): string {
  const reasons: Record<string, string> = {
    lastInterval: '"last N units" is ambiguous in Looker; write "N units" (includes the current one) or "N units ago for N units" (complete ones)',
    dayInterval: '"<day> for N days" loses its starting day in the grammar; write "YYYY-MM-DD for N days" or "N days ago for N days"',
    fiscalYear: 'fiscal periods depend on the model\'s fiscal_month_offset, which filters do not know',
    fiscalQuarter: 'fiscal periods depend on the model\'s fiscal_month_offset, which filters do not know',
    thisRange: '"this <unit> to <unit>" ranges are not supported',
    user_attribute: 'user attributes are resolved by Looker at query time and cannot be compiled',
  };
  return reasons[type] ?? `date filter node type "${type}" is not supported`;
}

/**
 * `7 days` = the current day and the 6 before it (Looker counts the current, partial unit);
 * `7 days ago for 7 days` (which the grammar folds into `past` with `complete`) = the 7 complete days before today.
 */
function pastTerm(ctx: FilterContext, node: FilterASTNode, now: Date): DateTerm {
  const { n, unit } = interval(ctx, node);
  const current = truncate(now, unit);
  const range: DateRange = node['complete'] === true
    ? { start: addUnits(current, unit, -n), end: current }
    : { start: addUnits(current, unit, -(n - 1)), end: addUnits(current, unit, 1) };
  return { kind: 'range', range };
}

/** `3 days ago for 2 days` / `3 days from now for 2 days`: start at the unit boundary, then run for the length. */
function relativeTerm(ctx: FilterContext, node: FilterASTNode, now: Date): DateTerm {
  const from = interval(ctx, node['startInterval']);
  const length = interval(ctx, node['endInterval']);
  const direction = node['intervalType'] === 'ago' ? -1 : node['intervalType'] === 'from now' ? 1 : 0;
  if (direction === 0) throw unsupported(ctx, `relative interval type ${JSON.stringify(node['intervalType'])}`);
  const start = addUnits(truncate(now, from.unit), from.unit, direction * from.n);
  return { kind: 'range', range: { start, end: addUnits(start, length.unit, length.n) } };
}

function dayKeywordTerm(ctx: FilterContext, node: FilterASTNode, now: Date): DateTerm {
  const offsets: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1 };
  const offset = offsets[String(node['day'])];
  if (offset === undefined) {
    // Looker's meaning of a bare weekday (the last one? this week's?) is undocumented.
    throw unsupported(ctx, `day-of-week filters ("${String(node['day'])}") are not supported`);
  }
  const start = addUnits(truncate(now, 'day'), 'day', offset);
  return { kind: 'range', range: { start, end: addUnits(start, 'day', 1) } };
}

/** `before 2024-01-01` = strictly before it; `after 2024-01-01` = on or after it (Looker's "is on or after"). */
function beforeAfterTerm(ctx: FilterContext, node: FilterASTNode, now: Date): DateTerm {
  let anchor: Date;
  if (node['range'] === 'absolute') {
    anchor = datetime(ctx, node['date']).date;
  } else if (node['range'] === 'relative') {
    // `before 3 days ago`: before the start of the day three days back (relative anchors are unit boundaries).
    const { n, unit } = interval(ctx, node);
    anchor = addUnits(truncate(now, unit), unit, node['fromnow'] === true ? n : -n);
  } else {
    throw unsupported(ctx, `before/after range ${JSON.stringify(node['range'])}`);
  }
  const range: DateRange = node.type === 'before' ? { start: null, end: anchor } : { start: anchor, end: null };
  return { kind: 'range', range };
}

function interval(ctx: FilterContext, node: unknown): { n: number; unit: DateUnit } {
  const value = (node as { value?: unknown } | undefined)?.value;
  const n = typeof value === 'bigint' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw unsupported(ctx, `interval count ${JSON.stringify(String(value))} is not a non-negative integer`);
  }
  return { n, unit: unitOf(ctx, (node as { unit?: unknown }).unit) };
}

function unitOf(ctx: FilterContext, unit: unknown): DateUnit {
  const u = String(unit).toLowerCase().replace(/s$/, '');
  if (!DATE_UNITS.has(u)) {
    const why = u.startsWith('fiscal') ? ' (fiscal periods depend on the model\'s fiscal_month_offset)' : '';
    throw unsupported(ctx, `date unit "${String(unit)}" is not supported${why}`);
  }
  return u as DateUnit;
}

/** The first instant of a year (and month), validated. */
function calendarStart(ctx: FilterContext, year: unknown, month: unknown): Date {
  return datetime(ctx, { year, month, day: '01' }).date;
}

/** A grammar DATETIME (`{year, month, day, hour?, minute?, second?}` as digit strings) → instant and precision. */
function datetime(ctx: FilterContext, parts: unknown): { date: Date; precision: DateUnit } {
  const p = (parts ?? {}) as Record<string, unknown>;
  const num = (v: unknown): number | undefined => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  const [year, month, day] = [num(p['year']), num(p['month']), num(p['day'])];
  const [hour, minute, second] = [num(p['hour']), num(p['minute']), num(p['second'])];
  if (year === undefined || month === undefined || day === undefined) {
    throw unsupported(ctx, `incomplete date ${JSON.stringify(parts)}`);
  }
  if (year < 1 || !isValidCalendar(year, month, day, hour ?? 0, minute ?? 0, second ?? 0)) {
    throw unsupported(ctx, `${formatParts(p)} is not a valid date`);
  }
  const precision: DateUnit = second !== undefined ? 'second' : minute !== undefined ? 'minute' : 'day';
  return { date: utc(year, month, day, hour ?? 0, minute ?? 0, second ?? 0), precision };
}

function formatParts(p: Record<string, unknown>): string {
  const date = [p['year'], p['month'], p['day']].join('-');
  return p['hour'] === undefined ? date : `${date} ${String(p['hour'])}:${String(p['minute'])}`;
}
