/** bisect() with a synthetic probe: exact query counts, the named failures, and the 2·k·⌈log2 n⌉ + 1 bound. */
import { describe, expect, it } from 'vitest';
import { bisect, type Probe } from '../../../../generator/validate/execute/bisect.js';

/** A probe that fails when the part holds a faulty item, and records every part it saw. */
function probeFor(faulty: ReadonlySet<number>) {
  const seen: number[][] = [];
  const probe: Probe<number> = async (part) => {
    seen.push([...part]);
    const bad = part.filter((i) => faulty.has(i));
    return bad.length === 0 ? { ok: true } : { ok: false, error: new Error(`bad: ${bad.join(',')}`) };
  };
  return { probe, seen };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const bound = (k: number, n: number): number => 2 * k * Math.ceil(Math.log2(n)) + 1;

describe('bisect', () => {
  it('k=0: one query for the whole set, no failures', async () => {
    const { probe, seen } = probeFor(new Set());
    const r = await bisect(range(8), probe);
    expect(r).toEqual({ failures: [], queries: 1 });
    expect(seen).toEqual([range(8)]);
  });

  it('k=1 among 8: 1 + 2 per level = 7 queries (exactly the bound), and the item named with its own error', async () => {
    const { probe, seen } = probeFor(new Set([5]));
    const r = await bisect(range(8), probe);
    expect(r.queries).toBe(7);
    expect(r.queries).toBe(bound(1, 8));
    expect(r.failures.map((f) => f.item)).toEqual([5]);
    expect((r.failures[0]!.error as Error).message).toBe('bad: 5');
    // Depth first: the failing half is narrowed down before its sibling is probed.
    expect(seen).toEqual([range(8), [0, 1, 2, 3], [4, 5, 6, 7], [4, 5], [4], [5], [6, 7]]);
  });

  it('k=3 among 8 ({0, 3, 5}): 1 + 2 + 4 + 6 = 13 queries', async () => {
    const { probe } = probeFor(new Set([0, 3, 5]));
    const r = await bisect(range(8), probe);
    expect(r.failures.map((f) => f.item)).toEqual([0, 3, 5]);
    expect(r.queries).toBe(13);
    expect(r.queries).toBeLessThanOrEqual(bound(3, 8));
  });

  it('k=3 among 100, in every position pattern tried, stays within the bound', async () => {
    for (const faults of [[0, 1, 2], [0, 50, 99], [97, 98, 99], [13, 64, 65]]) {
      const { probe } = probeFor(new Set(faults));
      const r = await bisect(range(100), probe);
      expect(r.failures.map((f) => f.item)).toEqual(faults);
      expect(r.queries, String(faults)).toBeLessThanOrEqual(bound(3, 100));
    }
  });

  it('edge cases: an empty set sends nothing; a single failing item one query', async () => {
    expect(await bisect([], probeFor(new Set()).probe)).toEqual({ failures: [], queries: 0 });
    const r = await bisect([7], probeFor(new Set([7])).probe);
    expect(r.queries).toBe(1);
    expect(r.failures.map((f) => f.item)).toEqual([7]);
  });

  it('an odd-sized set splits with the larger half first', async () => {
    const { probe, seen } = probeFor(new Set([4]));
    await bisect(range(5), probe);
    expect(seen.slice(0, 3)).toEqual([range(5), [0, 1, 2], [3, 4]]);
  });

  it('a failure that needs two items together is reported as a combination, not dropped', async () => {
    // Fails only when 1 and 6 are in the same part: every half of [0..7] passes on its own.
    const probe = async (part: readonly number[]) =>
      part.includes(1) && part.includes(6) ? { ok: false as const, error: new Error('1+6') } : { ok: true as const };
    const r = await bisect(range(8), probe);
    expect(r.queries).toBe(3);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]!.combination).toEqual(range(8));
    expect((r.failures[0]!.error as Error).message).toBe('1+6');
  });
});
