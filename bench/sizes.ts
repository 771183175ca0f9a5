/**
 * Benchmark sizes. `full` is what the issue asks for (1 M events, models up to 1,000 views);
 * `smoke` exercises every code path in seconds, so the unit test can keep the bench from rotting.
 */
export type SizeName = 'smoke' | 'full';

export interface Sizes {
  readonly name: SizeName;
  /** Views in each synthetic model (the ratio needs 100 and 1,000 in full). */
  readonly compileViews: readonly number[];
  readonly fieldsPerView: number;
  /** Runs per compile measurement (the median is reported). */
  readonly compileRuns: number;
  readonly events: number;
  readonly days: number;
  readonly regions: readonly string[];
  /** One log file per region per this many hours (CloudTrail itself delivers every ~5 min). */
  readonly hoursPerFile: number;
  /** Folder name under bench/.data/. */
  readonly dataName: string;
  /** Runs per query timing (median). */
  readonly queryRuns: number;
  /** Numbers of injected faults in the validation benchmark. */
  readonly faultKs: readonly number[];
  /** Check every query's Trino grammar, as the CLI does (dt-sql-parser: seconds per large query). */
  readonly grammar: boolean;
}

/** Regions of the generated trail: a home region with most activity, three others. */
const FOUR_REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'] as const;

export const SIZES: Readonly<Record<SizeName, Sizes>> = {
  smoke: {
    name: 'smoke',
    compileViews: [2, 4],
    fieldsPerView: 12,
    compileRuns: 3,
    events: 3_000,
    days: 10,
    regions: FOUR_REGIONS.slice(0, 2),
    hoursPerFile: 6,
    dataName: 'events-smoke',
    queryRuns: 1,
    faultKs: [1],
    grammar: false,
  },
  full: {
    name: 'full',
    compileViews: [10, 100, 1000],
    fieldsPerView: 50,
    compileRuns: 5,
    events: 1_000_000,
    days: 90,
    regions: FOUR_REGIONS,
    hoursPerFile: 1,
    dataName: 'events-1m',
    queryRuns: 3,
    faultKs: [1, 3],
    grammar: true,
  },
};
