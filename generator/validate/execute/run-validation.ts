/**
 * Execution validation, Spectacles-style but without a Looker instance: per explore one query
 * with every dimension and measure, executed (a bad cast only shows when rows are read); on
 * failure, halves until each failing field is named; then every dashboard tile's full query.
 * Every SQL text is also grammar-checked as Trino SQL before it is sent.
 */
import type { ProjectIR } from '../../ir/project-ir.js';
import { EngineQueryError, type Engine } from '../../engines/engine.js';
import { FieldIndex } from '../../ir/field-index.js';
import { ExploreScope } from '../../ir/explore-scope.js';
import { fieldNamesOf } from '../../vocabulary/fields.js';
import type { ExploreDef } from '../../vocabulary/explore.js';
import type { QueryTile } from '../../vocabulary/dashboard.js';
import { QueryCompiler, QueryCompileError, tileQuery, tileWhere, type QueryRequest } from '../../query/index.js';
import { bisect } from './bisect.js';
import type { Failure, ValidationReport } from './report.js';

export interface ExecuteOptions {
  readonly project: ProjectIR;
  readonly engine: Engine;
  readonly now: Date;
  /** Checks SQL text before it is sent; returns a message when it is not valid Trino. */
  readonly grammar?: (sql: string) => string | undefined;
  readonly userAttributes?: Readonly<Record<string, string>>;
  /** Engine queries run one plan per explore (`explain`) or read the rows (`run`). */
  readonly mode?: 'run' | 'explain';
  readonly onProgress?: (message: string) => void;
  /** Aborting stops the queries in flight (Athena: StopQueryExecution). */
  readonly signal?: AbortSignal;
  /** Queries in flight at once (explores and tiles run side by side; the engine may bound it further). */
  readonly parallelism?: number;
}

interface FieldTarget {
  readonly name: string;
  readonly kind: 'dimension' | 'measure';
  readonly origin?: string;
}

export async function runValidation(o: ExecuteOptions): Promise<ValidationReport> {
  const compiler = new QueryCompiler(o.project);
  const index = new FieldIndex(o.project);
  const failures: Failure[] = [];
  let queries = 0;
  let dimensions = 0;
  let measures = 0;
  let tiles = 0;

  const send = async (request: QueryRequest): Promise<{ ok: true } | { ok: false; error: unknown }> => {
    let sql: string | undefined;
    try {
      sql = compiler.compile(request).sql;
      const grammarProblem = o.grammar?.(sql);
      if (grammarProblem) return { ok: false, error: new SqlFailure(`Trino grammar: ${grammarProblem}`, sql) };
      queries++;
      const options = o.signal ? { signal: o.signal } : {};
      if (o.mode === 'explain') await o.engine.explain(sql, options);
      else await o.engine.run(sql, options);
      return { ok: true };
    } catch (error) {
      if (o.signal?.aborted) throw error;
      return { ok: false, error: sql && !(error as { sql?: string }).sql ? Object.assign(error as object, { sql }) : error };
    }
  };

  const exploreFailures = await inParallel(o.project.explores, o.parallelism ?? 4, async (e) => {
    const found: Failure[] = [];
    const targets = exploreTargets(e, index);
    dimensions += targets.filter((t) => t.kind === 'dimension').length;
    measures += targets.filter((t) => t.kind === 'measure').length;
    o.onProgress?.(`explore ${e.name}: ${targets.length} fields`);
    // Field checks read every row (a bad cast only fails on a row that has it), so the explore's
    // always_filter defaults are lifted by filtering their fields on "any value".
    const anyValue = Object.fromEntries(Object.keys(e.alwaysFilter ?? {}).map((k) => [k, '']));
    const probe = (part: readonly FieldTarget[]) =>
      send({ explore: e.name, fields: part.map((t) => t.name), filters: anyValue, now: o.now, where: `explore ${e.name}`, probe: true, ...userAttrs(o) });
    const result = await bisect(targets, probe);
    for (const f of result.failures) {
      if (!f.combination) found.push(fieldFailure(e, f.item, f.error));
      else found.push({ ...fieldFailure(e, f.item, f.error), field: f.combination.map((t) => t.name).join(', '), message: `these ${f.combination.length} fields fail together but each half passes alone: ${messageOf(f.error)}` });
    }
    return found;
  });
  failures.push(...exploreFailures.flat());

  const tileList = o.project.dashboards.flatMap((d) => d.elements.filter((t): t is QueryTile => t.kind === 'query').map((t) => ({ d, t })));
  tiles = tileList.length;
  const tileFailures = await inParallel(tileList, o.parallelism ?? 4, async ({ d, t }): Promise<Failure[]> => {
    o.onProgress?.(`${tileWhere(d, t)}`);
    let request: QueryRequest;
    try {
      request = tileQuery(d, t, { now: o.now, ...userAttrs(o) });
    } catch (error) {
      return [{ kind: 'tile', dashboard: d.name, tile: t.title, message: messageOf(error), ...(t.origin ? { origin: t.origin } : {}) }];
    }
    const r = await send(request);
    return r.ok ? [] : [{ kind: 'tile', dashboard: d.name, tile: t.title, explore: t.explore, ...errorDetail(r.error), ...(t.origin ? { origin: t.origin } : {}) }];
  });
  failures.push(...tileFailures.flat());

  return {
    ok: failures.length === 0,
    engine: o.engine.name,
    checked: { explores: o.project.explores.length, dimensions, measures, tiles },
    queries,
    failures,
  };
}

/** Maps items with at most `width` promises pending; results keep the input order. */
async function inParallel<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

const userAttrs = (o: ExecuteOptions) => (o.userAttributes ? { userAttributes: o.userAttributes } : {});

/** Every selectable field an explore offers: dimensions (time frames expanded) and measures of each alias. */
export function exploreTargets(e: ExploreDef, index: FieldIndex): FieldTarget[] {
  const scope = new ExploreScope(e, index);
  const out: FieldTarget[] = [];
  for (const [alias, viewName] of scope.aliases) {
    for (const f of index.view(viewName)?.fields ?? []) {
      if (f.kind === 'filter' || f.kind === 'parameter') continue;
      const kind = f.kind === 'measure' ? 'measure' : 'dimension';
      for (const n of fieldNamesOf(f.name, f)) out.push({ name: `${alias}.${n}`, kind, ...(f.origin ? { origin: f.origin } : {}) });
    }
  }
  return out;
}

/** An engine-independent failure carrying the SQL it concerns. */
class SqlFailure extends Error {
  constructor(message: string, readonly sql: string) {
    super(message);
  }
}

function fieldFailure(e: ExploreDef, t: FieldTarget, error: unknown): Failure {
  return { kind: 'field', explore: e.name, field: t.name, ...errorDetail(error), ...(t.origin ? { origin: t.origin } : {}) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function errorDetail(error: unknown): Pick<Failure, 'message' | 'sql' | 'excerpt' | 'engineError'> {
  const message = messageOf(error);
  const sql = (error as { sql?: string }).sql;
  if (!sql || error instanceof QueryCompileError) return { message };
  const engineError = engineErrorOf(error);
  return { message, sql, excerpt: excerptAround(sql, message), ...(engineError ? { engineError } : {}) };
}

/**
 * Athena's error category (SYSTEM/USER/OTHER), numeric type and query id: what a person looks up
 * in the Athena console or error reference. Only engines that report a category or a query id
 * (Athena) add it; DuckDB's message already says everything.
 */
function engineErrorOf(error: unknown): Failure['engineError'] {
  if (!(error instanceof EngineQueryError)) return undefined;
  const { category, type, queryId } = error.detail;
  if (category === undefined && queryId === undefined) return undefined;
  return { ...(category === undefined ? {} : { category }), ...(type === undefined ? {} : { type }), ...(queryId === undefined ? {} : { queryId }) };
}

/** A few lines of SQL around the position the engine names (`LINE 3:` or `line 3:14`), or the start. */
export function excerptAround(sql: string, message: string): string {
  const lines = sql.split('\n');
  const m = /line (\d+)(?::(\d+))?/i.exec(message);
  const at = m ? Math.min(Math.max(Number(m[1]) - 1, 0), lines.length - 1) : 0;
  const from = Math.max(0, at - 2);
  return lines.slice(from, at + 3).map((l, i) => `${String(from + i + 1).padStart(4)} | ${l}`).join('\n');
}
