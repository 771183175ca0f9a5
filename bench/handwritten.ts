/**
 * Hand-written Athena SQL answering the same questions as the bench's reference tiles, as a
 * performance-aware analyst would write it: partition bounds on `timestamp` (the start day to one
 * day after the end, because CloudTrail files events under the delivery day), and the event-time
 * range compared as ISO text, which CloudTrail's uniform `yyyy-MM-ddTHH:mm:ssZ` allows, instead
 * of parsing every timestamp.
 *
 * The "last 7 days" range is computed here independently of the query compiler (Looker: today
 * and the 6 days before, in UTC), so matching rows also cross-check the generated filter.
 */

export interface Range {
  /** Inclusive start, UTC midnight. */
  readonly start: Date;
  /** Exclusive end, UTC midnight. */
  readonly end: Date;
}

const DAY = 86_400_000;

/** Looker's `N days`: the current day and the N − 1 before it. */
export function lastDays(now: Date, n: number): Range {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { start: new Date(today - (n - 1) * DAY), end: new Date(today + DAY) };
}

const isoZ = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const slashDay = (d: Date): string => d.toISOString().slice(0, 10).replace(/-/g, '/');

/**
 * `idiomatic`: event time compared and grouped as ISO text. `athena-functions`: the same query
 * with the time functions the generated SQL uses (from_iso8601_timestamp, date_format), to tell
 * the cost of those functions on the engine apart from the shape of the generated SQL.
 */
export type HandwrittenStyle = 'idiomatic' | 'athena-functions';

const TS = (d: Date): string => `TIMESTAMP '${d.toISOString().slice(0, 19).replace('T', ' ')} UTC'`;

/** The WHERE every hand-written query shares: partitions as literals, then the exact event-time range. */
function rangeWhere(r: Range, style: HandwrittenStyle): string {
  const lastPartition = new Date(r.end.getTime() - 1000 + DAY);
  const time = style === 'idiomatic'
    ? `AND eventtime >= '${isoZ(r.start)}' AND eventtime < '${isoZ(r.end)}'`
    : `AND from_iso8601_timestamp(eventtime) >= ${TS(r.start)} AND from_iso8601_timestamp(eventtime) < ${TS(r.end)}`;
  return [`"timestamp" BETWEEN '${slashDay(r.start)}' AND '${slashDay(lastPartition)}'`, time].join('\n  ');
}

/** Reference tile name → hand-written SQL over `table` for `range`. */
export function handwrittenSql(tile: string, table: string, r: Range, style: HandwrittenStyle = 'idiomatic'): string | undefined {
  const where = rangeWhere(r, style);
  const day = style === 'idiomatic' ? 'substr(eventtime, 1, 10)' : "date_format(from_iso8601_timestamp(eventtime), '%Y-%m-%d')";
  switch (tile) {
    case 'events_per_day':
      return `SELECT ${day} AS day, count(*) AS events\nFROM ${table}\nWHERE ${where}\nGROUP BY 1\nORDER BY 1\nLIMIT 500`;
    case 'top_event_names':
      return `SELECT eventname, count(*) AS events\nFROM ${table}\nWHERE ${where}\nGROUP BY 1\nORDER BY 2 DESC\nLIMIT 10`;
    case 'errors_by_code':
      return `SELECT errorcode, count(*) AS events\nFROM ${table}\nWHERE ${where}\n  AND errorcode IS NOT NULL\nGROUP BY 1\nORDER BY 2 DESC\nLIMIT 10`;
    case 'console_login_ips':
      return `SELECT sourceipaddress, count(*) AS events\nFROM ${table}\nWHERE ${where}\n  AND eventname = 'ConsoleLogin'\nGROUP BY 1\nORDER BY 2 DESC\nLIMIT 20`;
    case 'identity_by_region':
      return `SELECT useridentity.type, awsregion, count(*) AS events\nFROM ${table}\nWHERE ${where}\nGROUP BY 1, 2\nORDER BY 3 DESC\nLIMIT 100`;
    default:
      return undefined;
  }
}

type Row = Readonly<Record<string, unknown>>;

/** Rows as positional value lists (column names differ between the two queries). */
function positional(rows: readonly Row[]): string[] {
  return rows.map((r) => JSON.stringify(Object.values(r)));
}

export type RowMatch = 'same' | 'same_set' | 'tie_at_limit' | 'different';

const sortedEqual = (a: readonly string[], b: readonly string[]): boolean => {
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
};

/**
 * `same`: identical rows in identical order. `same_set`: the same rows in another order (ties in
 * ORDER BY may be broken differently). `tie_at_limit`: the rows differ only among those sharing
 * the last row's sort value (the last column, a count), which a LIMIT may cut either way.
 * Anything else is a real difference.
 */
export function compareRows(a: readonly Row[], b: readonly Row[]): RowMatch {
  const pa = positional(a);
  const pb = positional(b);
  if (pa.length === pb.length && pa.every((x, i) => x === pb[i])) return 'same';
  if (sortedEqual(pa, pb)) return 'same_set';
  // A LIMIT that cuts through rows tied on the sort key may keep different tied rows. The sort
  // key is not known here, so any column works: the rows above the last row's value of that
  // column must be the same set.
  if (a.length === b.length && a.length > 0) {
    // Positional: the two queries name their columns differently.
    const lastA = Object.values(a[a.length - 1]!);
    const lastB = Object.values(b[b.length - 1]!);
    for (let i = 0; i < lastA.length; i++) {
      const boundary = lastA[i];
      if (boundary !== lastB[i]) continue;
      const above = (rows: readonly Row[]) => positional(rows.filter((r) => Object.values(r)[i] !== boundary));
      const kept = above(a);
      if (kept.length < a.length && sortedEqual(kept, above(b))) return 'tie_at_limit';
    }
  }
  return 'different';
}
