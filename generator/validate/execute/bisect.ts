/**
 * Finds the failing items of a set with few queries: test the whole set; when it fails, split it
 * in halves and test each, down to single items. With k failing items among n this sends at most
 * 2·k·⌈log2 n⌉ + 1 queries.
 */

export type Probe<T> = (items: readonly T[]) => Promise<{ ok: true } | { ok: false; error: unknown }>;

export interface BisectResult<T> {
  /** Each failing item with the error of the query that named it alone. */
  readonly failures: readonly { readonly item: T; readonly error: unknown }[];
  readonly queries: number;
}

export async function bisect<T>(items: readonly T[], probe: Probe<T>): Promise<BisectResult<T>> {
  let queries = 0;
  const failures: { item: T; error: unknown }[] = [];
  const visit = async (part: readonly T[], known?: unknown): Promise<void> => {
    if (part.length === 0) return;
    let error = known;
    if (error === undefined) {
      queries++;
      const r = await probe(part);
      if (r.ok) return;
      error = r.error;
    }
    if (part.length === 1) {
      failures.push({ item: part[0]!, error });
      return;
    }
    const mid = Math.ceil(part.length / 2);
    await visit(part.slice(0, mid));
    await visit(part.slice(mid));
  };
  await visit(items);
  return { failures, queries };
}
