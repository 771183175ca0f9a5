/** The seeded PRNG the benchmarks use (mulberry32), so fuzz tests are reproducible too. */
export { mulberry32 } from '../../bench/stats.js';

export const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
