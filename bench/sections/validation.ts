/**
 * Validation cost in queries: the clean block should cost one query per explore (all fields at
 * once) plus one per tile; with k broken dimensions among the n fields of an explore, bisection
 * promises at most 2·k·⌈log2 n⌉ + 1 queries for that explore. Faults are added with
 * `block.extendView`, which appends them (they end up next to each other), and also spread
 * evenly through the view, which is the costlier case for bisection.
 */
import { compileBlock } from '../../generator/compile.js';
import { openDuckDb } from '../../generator/cli/engine-factory.js';
import type { Engine, QueryResult, RunOptions } from '../../generator/engines/engine.js';
import { FieldIndex } from '../../generator/ir/field-index.js';
import type { ProjectIR } from '../../generator/ir/project-ir.js';
import { exploreTargets, runValidation } from '../../generator/validate/execute/run-validation.js';
import { Block } from '../../generator/vocabulary/block.js';
import { dimension } from '../../generator/vocabulary/fields.js';
import { sqlText } from '../../generator/vocabulary/sql.js';
import { benchBlock } from '../bench-block.js';
import { round } from '../stats.js';

/** Real S3-layout deliveries (see test/fixtures/cloudtrail/PROVENANCE.md): small, so queries are cheap. */
export const VALIDATION_DATA = new URL('../../test/fixtures/cloudtrail/invictus-ir-aws_dataset/', import.meta.url).pathname;
export const VALIDATION_NOW = new Date('2023-07-11T00:00:00Z');
const FAULT_VIEW = 'cloudtrail_logs';

/**
 * Counts the queries each phase sends: runValidation reports progress before each explore
 * ("explore X: n fields") and each tile, and the engine sees every query it then sends.
 */
class CountingEngine implements Engine {
  readonly name: Engine['name'];
  phase = '';
  readonly counts = new Map<string, number>();

  constructor(private readonly inner: Engine) {
    this.name = inner.name;
  }

  private count(): void {
    this.counts.set(this.phase, (this.counts.get(this.phase) ?? 0) + 1);
  }

  async run(sql: string, options?: RunOptions): Promise<QueryResult> {
    this.count();
    return this.inner.run(sql, options);
  }

  async explain(sql: string, options?: RunOptions): Promise<void> {
    this.count();
    return this.inner.explain(sql, options);
  }

  async close(): Promise<void> {
    return this.inner.close();
  }
}

export interface ValidationRun {
  readonly queries: number;
  readonly failures: number;
  /** Explore name → queries sent for its fields. */
  readonly explore_queries: Readonly<Record<string, number>>;
  readonly tile_queries: number;
}

async function validate(project: ProjectIR, engine: Engine, grammar: ((sql: string) => string | undefined) | undefined): Promise<ValidationRun> {
  const counting = new CountingEngine(engine);
  const report = await runValidation({
    project, engine: counting, now: VALIDATION_NOW, ...(grammar ? { grammar } : {}),
    onProgress: (m) => {
      const explore = /^explore (\S+):/.exec(m);
      counting.phase = explore ? `explore:${explore[1]}` : 'tiles';
    },
  });
  const exploreQueries: Record<string, number> = {};
  for (const [phase, n] of counting.counts) if (phase.startsWith('explore:')) exploreQueries[phase.slice(8)] = n;
  return { queries: report.queries, failures: report.failures.length, explore_queries: exploreQueries, tile_queries: counting.counts.get('tiles') ?? 0 };
}

/** Adds k dimensions reading a column that does not exist (a Binder error on any engine). */
export function withFaults(block: Block, k: number): Block {
  return block.extendView(FAULT_VIEW, () => {
    const added: Record<string, ReturnType<typeof dimension>> = {};
    for (let i = 1; i <= k; i++) {
      added[`bench_fault_${i}`] = dimension({ type: 'string', sql: sqlText(`\${TABLE}.bench_no_such_column_${i}`), description: 'Injected fault.' });
    }
    return added;
  });
}

/** Moves the injected faults from the end of the view to evenly spaced positions. */
export function spreadFaults(block: Block): Block {
  const views = block.content.views.map((v) => {
    if (v.name !== FAULT_VIEW) return v;
    const entries = Object.entries(v.fields);
    const faults = entries.filter(([n]) => n.startsWith('bench_fault_'));
    const rest = entries.filter(([n]) => !n.startsWith('bench_fault_'));
    faults.forEach((f, i) => rest.splice(Math.round(((i + 1) * rest.length) / (faults.length + 1)) + i, 0, f));
    return { ...v, fields: Object.freeze(Object.fromEntries(rest)) };
  });
  return Block.of({ ...block.content, views });
}

export interface FaultRun {
  readonly k: number;
  readonly placement: 'appended' | 'spread';
  readonly explore: string;
  /** Fields (dimensions with time frames expanded, and measures) the explore offers. */
  readonly n: number;
  readonly queries: number;
  readonly bound: number;
  readonly within_bound: boolean;
  /** Failures beyond those of the clean block: the faults bisection named. */
  readonly faults_named: number;
}

export interface ValidationResults {
  readonly data: string;
  /** Whether each query was also grammar-checked (as the CLI does). */
  readonly grammar: boolean;
  readonly explores: number;
  readonly tiles: number;
  readonly clean: ValidationRun;
  readonly queries_per_clean_explore: number;
  readonly faults: readonly FaultRun[];
}

const bound = (k: number, n: number): number => 2 * k * Math.ceil(Math.log2(n)) + 1;

export async function runValidationBench(log: (m: string) => void, o: { ks: readonly number[]; grammar: boolean }): Promise<ValidationResults> {
  const grammarIssue = o.grammar ? (await import('../../generator/validate/sql/grammar-issue.js')).grammarIssue : undefined;
  const ks = o.ks;
  const block = benchBlock();
  const clean = await compileBlock(block);
  const engine = await openDuckDb(block, { cwd: process.cwd(), data: VALIDATION_DATA });
  try {
    log('validation: clean block');
    const cleanRun = await validate(clean.ir, engine, grammarIssue);
    const explores = clean.ir.explores.length;
    const tiles = clean.ir.dashboards.reduce((n, d) => n + d.elements.filter((e) => e.kind === 'query').length, 0);
    const faults: FaultRun[] = [];
    for (const k of ks) {
      for (const placement of ['appended', 'spread'] as const) {
        log(`validation: k = ${k} faults, ${placement}`);
        const faulty = placement === 'spread' ? spreadFaults(withFaults(block, k)) : withFaults(block, k);
        const ir = (await compileBlock(faulty)).ir;
        const run = await validate(ir, engine, grammarIssue);
        const explore = ir.explores.find((e) => e.name === FAULT_VIEW) ?? ir.explores[0]!;
        const n = exploreTargets(explore, new FieldIndex(ir)).length;
        const queries = run.explore_queries[explore.name] ?? 0;
        faults.push({ k, placement, explore: explore.name, n, queries, bound: bound(k, n), within_bound: queries <= bound(k, n), faults_named: run.failures - cleanRun.failures });
      }
    }
    const exploreQueries = Object.values(cleanRun.explore_queries).reduce((a, b) => a + b, 0);
    return {
      data: 'test/fixtures/cloudtrail/invictus-ir-aws_dataset',
      grammar: o.grammar,
      explores,
      tiles,
      clean: cleanRun,
      queries_per_clean_explore: explores > 0 ? round(exploreQueries / explores, 3) : 0,
      faults,
    };
  } finally {
    await engine.close();
  }
}
