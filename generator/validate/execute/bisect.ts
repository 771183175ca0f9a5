/**
 * Finds the failing items of a set with few queries: test the whole set; when it fails, split it
 * in halves and test each, down to single items. With k failing items among n this sends at most
 * 2·k·⌈log2 n⌉ + 1 queries. A part that fails while both its halves pass fails only in
 * combination; it is reported as such, never dropped.
 */

export type Probe<T> = (items: readonly T[]) => Promise<{ ok: true } | { ok: false; error: unknown }>;

export interface BisectFailure<T> {
  /** The failing item (the first of `combination` when the failure needs several). */
  readonly item: T;
  readonly error: unknown;
  /** Set when no single item fails alone: the smallest part found failing, whose halves each pass. */
  readonly combination?: readonly T[];
}

export interface BisectResult<T> {
  /** Each failing item with the error of the query that named it alone. */
  readonly failures: readonly BisectFailure<T>[];
  readonly queries: number;
}

export async function bisect<T>(items: readonly T[], probe: Probe<T>): Promise<BisectResult<T>> {
  let queries = 0;
  const failures: BisectFailure<T>[] = [];
  /** Visits a part already known to fail (with `error`), or tests it first; true when it failed. */
  const visit = async (part: readonly T[], known?: unknown): Promise<boolean> => {
    if (part.length === 0) return false;
    let error = known;
    if (error === undefined) {
      queries++;
      const r = await probe(part);
      if (r.ok) return false;
      error = r.error;
    }
    if (part.length === 1) {
      failures.push({ item: part[0]!, error });
      return true;
    }
    const mid = Math.ceil(part.length / 2);
    const left = await visit(part.slice(0, mid));
    const right = await visit(part.slice(mid));
    if (!left && !right) failures.push({ item: part[0]!, error, combination: part });
    return true;
  };
  await visit(items);
  return { failures, queries };
}
