/**
 * Field SQL for one query: Liquid rendered, `@{CONSTANT}`s and `${…}` substituted, time frames
 * and aggregates applied. Prints Athena (Trino) SQL only; DuckDB's differences are the shim's job.
 */
import { parseSubstitutions, sqlToLookml, type Sql } from '../vocabulary/sql.js';
import type { Measure, TimeDimensionGroup } from '../vocabulary/fields.js';
import type { Timeframe } from '../vocabulary/lookml-values.js';
import type { FieldIR, ViewIR } from '../ir/project-ir.js';
import type { ExploreScope } from '../ir/explore-scope.js';
import type { ResolvedField } from '../ir/field-index.js';
import { renderLiquid, type LiquidQueryContext } from './liquid.js';
import { durationSql, timeframeFilterKind, timeframeSql } from './timeframes.js';
import { filterToSql, type FilterFieldType } from './filters/index.js';
import { QueryCompileError } from './request.js';
import { paren } from './sql-text.js';

/** `@{NAME}` → the manifest constant's value. */
export function substituteConstants(text: string, constants: Readonly<Record<string, string>>, where?: string): string {
  return text.replace(/@\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
    const value = constants[name];
    if (value === undefined) throw new QueryCompileError(`unknown constant @{${name}}`, where);
    return value;
  });
}

export interface ResolverEnv {
  readonly scope: ExploreScope;
  readonly constants: Readonly<Record<string, string>>;
  readonly liquid: LiquidQueryContext;
  /** Aliases whose rows a one-to-many join multiplies in this query. */
  readonly fannedOut: ReadonlySet<string>;
  /** Table expression of an alias in FROM (name, or CTE name for derived tables). */
  readonly tableOf: (alias: string) => string;
  readonly where?: string;
}

export class SqlResolver {
  private readonly stack: string[] = [];

  constructor(private readonly env: ResolverEnv) {}

  /** Resolves `alias.field` (with expanded time frame names) or throws naming it. */
  field(qualified: string): ResolvedField & { alias: string } {
    const found = this.env.scope.resolve(qualified);
    if (!found) throw new QueryCompileError(`"${qualified}" is not a field of explore ${this.env.scope.explore.name}`, this.env.where, qualified);
    return found;
  }

  /** The SQL a `${ref}` stands for inside other SQL (yesno stays a boolean; time frames expanded). */
  reference(alias: string, r: ResolvedField): string {
    const f = r.field;
    if (f.kind === 'measure') return this.measure(alias, f);
    if (f.kind === 'dimension_group') return this.groupPart(alias, f, r.timeframe!);
    if (f.kind === 'dimension') {
      if (f.type === 'location') return this.location(alias, f);
      return this.dimensionCore(alias, f);
    }
    if (f.kind === 'filter' && f.sql) return this.text(alias, f.sql, f);
    throw new QueryCompileError(`${alias}.${f.name} (${f.kind}) cannot be used as SQL`, this.env.where, `${alias}.${f.name}`);
  }

  /** What a selected dimension outputs (yesno as 'Yes'/'No', like Looker). */
  selectDimension(alias: string, r: ResolvedField): string {
    const f = r.field;
    if (f.kind === 'dimension' && f.type === 'yesno') return `CASE WHEN ${this.reference(alias, r)} THEN 'Yes' ELSE 'No' END`;
    if (f.kind === 'dimension' && f.type === 'tier') return tierSql(this.reference(alias, r), f.tiers);
    return this.reference(alias, r);
  }

  /** The raw SQL of a field (for dimensions, not wrapped for output). */
  private dimensionCore(alias: string, f: Extract<FieldIR, { kind: 'dimension' }> & { sql: Sql }): string {
    return this.guard(alias, f, () => paren(this.text(alias, f.sql, f)));
  }

  private location(alias: string, f: Extract<FieldIR, { kind: 'dimension'; type: 'location' }>): string {
    return this.guard(alias, f, () => {
      const lat = this.text(alias, f.sqlLatitude, f);
      const lon = this.text(alias, f.sqlLongitude, f);
      return `CONCAT(CAST(${paren(lat)} AS VARCHAR), ',', CAST(${paren(lon)} AS VARCHAR))`;
    });
  }

  /** The raw timestamp of a time group. */
  raw(alias: string, f: TimeDimensionGroup & FieldIR): string {
    return this.guard(alias, f, () => paren(this.text(alias, f.sql, f)));
  }

  private groupPart(alias: string, f: Extract<FieldIR, { kind: 'dimension_group' }>, part: string): string {
    if (f.type === 'time') return part === 'raw' ? this.raw(alias, f) : timeframeSql(part as Timeframe, this.raw(alias, f));
    return this.guard(alias, f, () => durationSql(part as never, this.text(alias, f.sqlStart, f), this.text(alias, f.sqlEnd, f)));
  }

  /** Aggregate SQL of a measure, with its `filters` inside the aggregate. */
  measure(alias: string, f: Measure & FieldIR): string {
    return this.guard(alias, f, () => this.aggregate(alias, f));
  }

  private aggregate(alias: string, f: Measure & FieldIR): string {
    const condition = 'filters' in f && f.filters ? this.measureCondition(alias, f.filters, f) : undefined;
    const when = (expr: string): string => (condition ? `CASE WHEN ${condition} THEN ${expr} END` : expr);
    const fanned = this.env.fannedOut.has(alias);
    switch (f.type) {
      case 'count':
        // A joined view's rows repeat (and a LEFT JOIN adds NULL rows): count its distinct keys, as Looker does.
        if (fanned || alias !== this.env.scope.baseAlias) return `COUNT(DISTINCT ${when(this.primaryKey(alias, f))})`;
        return condition ? `COUNT(CASE WHEN ${condition} THEN 1 END)` : 'COUNT(*)';
      case 'count_distinct':
        return `COUNT(DISTINCT ${when(this.text(alias, f.sql, f))})`;
      case 'number':
        return paren(this.text(alias, f.sql, f));
      case 'list':
        return `ARRAY_JOIN(ARRAY_SORT(ARRAY_AGG(DISTINCT ${when(this.reference(alias, this.field(`${alias}.${f.listField}`)))})), ', ')`;
      default:
        if (fanned && (f.type === 'sum' || f.type === 'average')) return this.symmetric(alias, f, when(this.text(alias, f.sql, f)));
        // Repeated rows do not change a minimum or a maximum.
        if (fanned && f.type !== 'min' && f.type !== 'max') {
          throw new QueryCompileError(`measure ${alias}.${f.name} (${f.type}) would be inflated by a one-to-many join in this query; Looker cannot de-duplicate a ${f.type} either (use a sum or average, or query it without that join)`, this.env.where, `${alias}.${f.name}`);
        }
        return simpleAggregate(f, when(this.text(alias, f.sql, f)));
    }
  }

  /**
   * Symmetric aggregates (Looker's technique for fanned-out views): each row's value is offset by a
   * large number derived from a hash of its primary key, so SUM(DISTINCT …) adds each key's value
   * once; subtracting the SUM(DISTINCT offset) leaves the true sum. Values are scaled to 6 decimals.
   */
  private symmetric(alias: string, f: Measure & FieldIR, value: string): string {
    const key = this.primaryKey(alias, f);
    const offset = `CAST(FROM_BASE(SUBSTR(TO_HEX(MD5(TO_UTF8(CAST(${key} AS VARCHAR)))), 1, 15), 16) AS DECIMAL(38, 0)) * CAST(1000000000000000000 AS DECIMAL(38, 0))`;
    const scaled = `CAST(FLOOR(COALESCE(${value}, 0) * 1000000) AS DECIMAL(38, 0))`;
    const sum = `(CAST(SUM(DISTINCT ${scaled} + ${offset}) - SUM(DISTINCT ${offset}) AS DOUBLE) / 1000000)`;
    if (f.type === 'sum') return `COALESCE(${sum}, 0)`;
    return `(${sum} / NULLIF(COUNT(DISTINCT CASE WHEN ${value} IS NOT NULL THEN ${key} END), 0))`;
  }

  private measureCondition(alias: string, filters: Readonly<Record<string, string>>, owner: FieldIR): string {
    const parts = Object.entries(filters).map(([name, expression]) => {
      const qualified = name.includes('.') ? name : `${alias}.${name}`;
      const target = this.field(qualified);
      const { type, sql } = this.filterTarget(target.alias, target);
      return filterToSql({ expression, type, sql, now: this.env.liquid.now, where: `${this.env.where ?? ''} measure ${alias}.${owner.name}`.trim() });
    });
    return parts.length === 1 ? parts[0]! : `(${parts.join(' AND ')})`;
  }

  /** How a filter on a field is applied: the grammar and the SQL it compares. */
  filterTarget(alias: string, r: ResolvedField): { type: FilterFieldType; sql: string; having: boolean } {
    const f = r.field;
    if (f.kind === 'measure') return { type: f.type === 'list' ? 'string' : 'number', sql: this.measure(alias, f), having: true };
    if (f.kind === 'dimension_group') {
      if (f.type === 'duration') return { type: 'number', sql: this.groupPart(alias, f, r.timeframe!), having: false };
      const kind = timeframeFilterKind(r.timeframe as Timeframe);
      if (kind === 'date') return { type: 'date', sql: this.raw(alias, f), having: false };
      if (kind === 'yesno') return { type: 'yesno', sql: `${this.raw(alias, f)} IS NOT NULL`, having: false };
      return { type: kind, sql: this.groupPart(alias, f, r.timeframe!), having: false };
    }
    if (f.kind === 'dimension') {
      if (f.type === 'location') throw new QueryCompileError(`filters on location field ${alias}.${f.name} are not supported`, this.env.where, `${alias}.${f.name}`);
      const type: FilterFieldType = f.type === 'number' ? 'number' : f.type === 'yesno' ? 'yesno' : 'string';
      return { type, sql: f.type === 'tier' ? this.selectDimension(alias, r) : this.reference(alias, r), having: false };
    }
    if (f.kind === 'filter') {
      const type: FilterFieldType = f.type === 'date' || f.type === 'date_time' ? 'date' : f.type;
      return { type, sql: f.sql ? this.text(alias, f.sql, f) : 'NULL', having: false };
    }
    throw new QueryCompileError(`parameter ${alias}.${f.name} cannot be filtered on; it only feeds Liquid`, this.env.where, `${alias}.${f.name}`);
  }

  private primaryKey(alias: string, owner: FieldIR): string {
    const view = this.env.scope.aliases.get(alias);
    const pk = this.viewOf(view).fields.find((f) => f.kind === 'dimension' && 'primaryKey' in f && f.primaryKey);
    if (!pk) {
      const why = this.env.fannedOut.has(alias) ? 'is fanned out by a one-to-many join' : 'counts a joined view';
      throw new QueryCompileError(`measure ${alias}.${owner.name} ${why} and view ${view} has no primary_key`, this.env.where, `${alias}.${owner.name}`);
    }
    return this.reference(alias, { field: pk });
  }

  private viewOf(name: string | undefined): ViewIR {
    const v = name === undefined ? undefined : this.env.scope.viewIr(name);
    if (!v) throw new QueryCompileError(`unknown view ${name}`, this.env.where);
    return v;
  }

  /** LookML SQL text → Athena SQL: Liquid, constants, then `${…}` references. */
  text(alias: string, value: Sql, owner: FieldIR): string {
    const lookml = renderLiquid(substituteConstants(sqlToLookml(value), this.env.constants, this.env.where), this.env.liquid);
    return parseSubstitutions(lookml)
      .map((chunk) => {
        if (typeof chunk === 'string') return chunk;
        if (chunk.kind === 'table-ref') return alias;
        return this.substitute(alias, chunk.view, chunk.field, owner);
      })
      .join('');
  }

  private substitute(alias: string, view: string | undefined, field: string, owner: FieldIR): string {
    if (view !== undefined && field === 'SQL_TABLE_NAME') return this.env.tableOf(this.aliasOfView(view, owner));
    const targetAlias = view === undefined ? alias : this.aliasOfView(view, owner);
    const r = this.field(`${targetAlias}.${field}`);
    if (r.field.kind === 'measure' && owner.kind !== 'measure') {
      throw new QueryCompileError(`${owner.kind} ${alias}.${owner.name} references measure ${targetAlias}.${field}; only measures may`, this.env.where, `${alias}.${owner.name}`);
    }
    return this.reference(targetAlias, r);
  }

  /** `${view.field}` names a view; in an explore the view is reached through its alias. */
  private aliasOfView(view: string, owner: FieldIR): string {
    if (this.env.scope.aliases.has(view)) return view;
    for (const [alias, v] of this.env.scope.aliases) if (v === view) return alias;
    throw new QueryCompileError(`\${${view}.…} in ${owner.view}.${owner.name}: view ${view} is not part of explore ${this.env.scope.explore.name}`, this.env.where);
  }

  /** Cycle guard: a field whose SQL reaches itself is an error, not a stack overflow. */
  private guard(alias: string, f: FieldIR, make: () => string): string {
    const key = `${alias}.${f.name}`;
    if (this.stack.includes(key)) throw new QueryCompileError(`circular reference: ${[...this.stack, key].join(' → ')}`, this.env.where, key);
    this.stack.push(key);
    try {
      return make();
    } finally {
      this.stack.pop();
    }
  }
}

function simpleAggregate(f: Measure, expr: string): string {
  switch (f.type) {
    case 'sum':
    case 'sum_distinct':
      return `COALESCE(SUM(${expr}), 0)`;
    case 'average':
    case 'average_distinct':
      return `AVG(${expr})`;
    case 'min':
      return `MIN(${expr})`;
    case 'max':
      return `MAX(${expr})`;
    case 'median':
      return `APPROX_PERCENTILE(${expr}, 0.5)`;
    case 'percentile':
      return `APPROX_PERCENTILE(${expr}, ${f.percentile / 100})`;
    default:
      throw new Error(`unhandled measure type ${f.type}`);
  }
}

/** Looker's `tier` buckets as text labels ordered by their lower bound. */
function tierSql(expr: string, tiers: readonly number[]): string {
  const sorted = [...tiers].sort((a, b) => a - b);
  const whens = sorted.map((t, i) => {
    const label = i === 0 ? `Below ${t}` : `${sorted[i - 1]} to ${t - 1}`;
    return `WHEN ${expr} < ${t} THEN '${label}'`;
  });
  return `CASE WHEN ${expr} IS NULL THEN 'Undefined' ${whens.join(' ')} ELSE '${sorted[sorted.length - 1]} or Above' END`;
}
