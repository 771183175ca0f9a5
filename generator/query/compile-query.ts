/**
 * Explore + fields + filters + sorts + pivots + limit → the Athena SQL Looker would run, with
 * Looker's semantics: joins only when a field needs them, always_filter defaults, measures with
 * their filters inside the aggregate, Liquid, Looker filter expressions, quoted `view.field`
 * column aliases.
 */
import type { ProjectIR } from '../ir/project-ir.js';
import { FieldIndex, type ResolvedField } from '../ir/field-index.js';
import { ExploreScope } from '../ir/explore-scope.js';
import type { ExploreDef } from '../vocabulary/explore.js';
import { sqlText } from '../vocabulary/sql.js';
import type { FieldIR } from '../ir/project-ir.js';
import { filterToSql } from './filters/index.js';
import type { LiquidQueryContext } from './liquid.js';
import { aliasesIn, aliasesOfSql, aliasesReached, fannedOutAliases, joinsNeeded } from './plan.js';
import { SqlResolver, substituteConstants } from './resolve-sql.js';
import { paren } from './sql-text.js';
import { DEFAULT_LIMIT, MAX_LIMIT, QueryCompileError, type CompiledQuery, type OutputColumn, type QueryRequest } from './request.js';

const JOIN_KEYWORDS = { left_outer: 'LEFT JOIN', inner: 'INNER JOIN', full_outer: 'FULL OUTER JOIN', cross: 'CROSS JOIN' } as const;

/** Reusable per project: indexes built once, then one `compile` per query. */
export class QueryCompiler {
  private readonly index: FieldIndex;
  private readonly constants: Record<string, string>;

  constructor(private readonly project: ProjectIR) {
    this.index = new FieldIndex(project);
    this.constants = Object.fromEntries(Object.entries(project.manifest.constants).map(([k, c]) => [k, c.value]));
  }

  explore(name: string, where?: string): ExploreDef {
    const e = this.project.explores.find((x) => x.name === name);
    if (!e) throw new QueryCompileError(`explore "${name}" does not exist (explores: ${this.project.explores.map((x) => x.name).join(', ')})`, where);
    return e;
  }

  compile(request: QueryRequest): CompiledQuery {
    const where = request.where;
    const scope = new ExploreScope(this.explore(request.explore, where), this.index);
    const filters = effectiveFilters(scope.explore, request.filters ?? {});
    const selected = unique([...request.fields, ...(request.pivots ?? [])]);
    if (selected.length === 0) throw new QueryCompileError('a query needs at least one field', where);

    const named = [...selected, ...Object.keys(filters), ...(request.sorts ?? []).map(sortField), ...(scope.explore.accessFilters ?? []).map((a) => a.field)];
    const wanted = new Set([
      ...aliasesIn(named),
      ...aliasesOfSql(scope.explore.sqlAlwaysWhere),
      // Joins the SQL of those fields reaches through ${view.field} references.
      ...aliasesReached(scope, named, [scope.explore.sqlAlwaysWhere]),
    ]);
    const joins = joinsNeeded(scope, wanted);
    const resolver = new SqlResolver({
      scope,
      constants: this.constants,
      liquid: this.liquidContext(scope, filters, request),
      fannedOut: fannedOutAliases(scope, joins),
      tableOf: (alias) => this.tableOf(scope, alias, where),
      ...(where ? { where } : {}),
    });

    const columns = selected.map((name) => outputColumn(name, resolver.field(name), where));
    const selectItems = columns.map((c) => {
      const r = resolver.field(c.name);
      const expr = c.kind === 'measure' ? resolver.reference(r.alias, r) : resolver.selectDimension(r.alias, r);
      // A field check evaluates each dimension on every row without grouping by it (see QueryRequest.probe).
      return `${request.probe && c.kind === 'dimension' ? `COUNT(${expr})` : expr} AS ${quoteAlias(c.name)}`;
    });
    const { whereParts, havingParts } = this.conditions(scope, resolver, filters, request);
    const dimensionPositions = request.probe ? [] : columns.flatMap((c, i) => (c.kind === 'dimension' ? [i + 1] : []));

    const sql = [
      ...this.withClause(scope, resolver, [scope.baseAlias, ...joins]),
      'SELECT',
      selectItems.map((s) => `    ${s}`).join(',\n'),
      `FROM ${this.tableOf(scope, scope.baseAlias, where)} AS ${scope.baseAlias}`,
      ...joins.map((alias) => this.joinClause(scope, resolver, alias)),
      ...(whereParts.length ? ['WHERE', `    ${whereParts.map(paren).join('\n    AND ')}`] : []),
      ...(dimensionPositions.length ? ['GROUP BY', `    ${dimensionPositions.join(', ')}`] : []),
      ...(havingParts.length ? ['HAVING', `    ${havingParts.map(paren).join('\n    AND ')}`] : []),
      ...(request.probe ? [] : ['ORDER BY', `    ${orderBy(columns, request.sorts, where)}`, `LIMIT ${limitOf(request.limit, where)}`]),
    ].join('\n');
    return { sql, columns, aliases: [scope.baseAlias, ...joins] };
  }

  private liquidContext(scope: ExploreScope, filters: Record<string, string>, request: QueryRequest): LiquidQueryContext {
    const parameters: Record<string, { value: string; type: string }> = {};
    for (const [alias, viewName] of scope.aliases) {
      for (const f of this.index.view(viewName)?.fields ?? []) {
        if (f.kind !== 'parameter') continue;
        const value = filters[`${alias}.${f.name}`] ?? f.defaultValue;
        if (value !== undefined) parameters[`${alias}.${f.name}`] = { value, type: f.type };
      }
    }
    return {
      filters,
      parameters,
      userAttributes: request.userAttributes ?? {},
      now: request.now,
      ...(request.where ? { where: request.where } : {}),
      filterTypeOf: (name) => {
        const r = scope.resolve(name);
        if (!r) return undefined;
        if (r.field.kind === 'dimension_group') return r.field.type === 'time' ? 'date' : 'number';
        if (r.field.kind === 'filter') return r.field.type === 'date' || r.field.type === 'date_time' ? 'date' : r.field.type;
        if (r.field.kind === 'dimension') return r.field.type === 'number' ? 'number' : r.field.type === 'yesno' ? 'yesno' : 'string';
        return 'number';
      },
    };
  }

  private conditions(scope: ExploreScope, resolver: SqlResolver, filters: Record<string, string>, request: QueryRequest) {
    const whereParts: string[] = [];
    const havingParts: string[] = [];
    if (scope.explore.sqlAlwaysWhere) {
      whereParts.push(resolver.text(scope.baseAlias, scope.explore.sqlAlwaysWhere, pseudoField('sql_always_where', scope.explore.name)));
    }
    for (const af of scope.explore.accessFilters ?? []) {
      const value = request.userAttributes?.[af.userAttribute];
      if (value === undefined) {
        throw new QueryCompileError(`explore ${scope.explore.name} has an access_filter on ${af.field} tied to user attribute "${af.userAttribute}"; give its value (--user-attribute ${af.userAttribute}=…)`, request.where);
      }
      const r = resolver.field(af.field);
      const target = resolver.filterTarget(r.alias, r);
      whereParts.push(filterToSql({ expression: value, type: target.type, sql: target.sql, now: request.now, ...(request.where ? { where: request.where } : {}) }));
    }
    for (const [name, expression] of Object.entries(filters)) {
      const r = resolver.field(name);
      if (r.field.kind === 'parameter' || (r.field.kind === 'filter' && !r.field.sql)) continue; // feed Liquid only
      if (r.field.kind === 'filter' && r.field.sql) {
        // A templated filter's sql is itself the condition ({% condition %} renders the expression).
        if (expression !== '') whereParts.push(resolver.text(r.alias, r.field.sql, r.field).trim());
        continue;
      }
      const target = resolver.filterTarget(r.alias, r);
      const predicate = filterToSql({ expression, type: target.type, sql: target.sql, now: request.now, where: `${request.where ?? 'query'} / filter ${name}` });
      if (predicate === 'TRUE') continue;
      (target.having ? havingParts : whereParts).push(predicate);
    }
    return { whereParts, havingParts };
  }

  private tableOf(scope: ExploreScope, alias: string, where?: string): string {
    const view = this.index.view(scope.aliases.get(alias) ?? '');
    if (!view) throw new QueryCompileError(`alias ${alias} has no view`, where);
    if (view.source.kind === 'table') return substituteConstants(view.source.sqlTableName, this.constants, where);
    if (view.source.kind === 'derived') return view.name;
    throw new QueryCompileError(`view ${view.name} has no table (it only exists to be extended)`, where);
  }

  /** Derived tables become CTEs named after their view (once each, in first-use order). */
  private withClause(scope: ExploreScope, resolver: SqlResolver, aliases: readonly string[]): string[] {
    const ctes: string[] = [];
    const seen = new Set<string>();
    for (const alias of aliases) {
      const view = this.index.view(scope.aliases.get(alias) ?? '');
      if (!view || view.source.kind !== 'derived' || seen.has(view.name)) continue;
      seen.add(view.name);
      const body = resolver.text(alias, view.source.sql, pseudoField('derived_table', view.name)).trim();
      ctes.push(`${view.name} AS (\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n)`);
    }
    return ctes.length ? [`WITH ${ctes.join(',\n')}`] : [];
  }

  private joinClause(scope: ExploreScope, resolver: SqlResolver, alias: string): string {
    const join = scope.join(alias)!;
    const keyword = JOIN_KEYWORDS[join.type ?? 'left_outer'];
    const table = `${keyword} ${this.tableOf(scope, alias)} AS ${alias}`;
    if ((join.type ?? 'left_outer') === 'cross') return table;
    const on = join.sqlOn ?? sqlText('1=1');
    return `${table} ON ${resolver.text(alias, on, pseudoField('sql_on', alias))}`;
  }
}

function outputColumn(name: string, r: ResolvedField, where?: string): OutputColumn {
  const f = r.field;
  if (f.kind === 'measure') return { name, kind: 'measure', type: f.type };
  if (f.kind === 'dimension_group') return { name, kind: 'dimension', type: r.timeframe ?? f.type };
  if (f.kind === 'dimension') return { name, kind: 'dimension', type: f.type };
  throw new QueryCompileError(`${name} is a ${f.kind}; only dimensions and measures can be selected`, where, name);
}

/** always_filter adds its default unless the query filters the field; conditionally_filter unless any `unless` field is filtered. */
function effectiveFilters(e: ExploreDef, requested: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...requested };
  for (const [name, value] of Object.entries(e.alwaysFilter ?? {})) if (!(name in out)) out[name] = value;
  const cf = e.conditionallyFilter;
  if (cf && !cf.unless.some((u) => u in requested) && !Object.keys(cf.filters).some((f) => f in requested)) {
    for (const [name, value] of Object.entries(cf.filters)) out[name] = value;
  }
  return out;
}

const sortField = (s: string): string => s.trim().replace(/\s+(asc|desc)$/i, '');
const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

/** Column aliases keep the `view.field` name Looker shows (double quotes: Trino identifiers). */
export const quoteAlias = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Explicit sorts by output position; else Looker's default: a time dimension desc, a measure desc, the first field. */
function orderBy(columns: readonly OutputColumn[], sorts: readonly string[] | undefined, where?: string): string {
  if (sorts && sorts.length > 0) {
    return sorts
      .map((s) => {
        const name = sortField(s);
        const pos = columns.findIndex((c) => c.name === name);
        if (pos < 0) throw new QueryCompileError(`sort on "${name}", which is not selected`, where, name);
        return `${pos + 1} ${/\sdesc$/i.test(s.trim()) ? 'DESC' : 'ASC'}`;
      })
      .join(', ');
  }
  const time = columns.findIndex((c) => c.kind === 'dimension' && ['time', 'date', 'week', 'month', 'year', 'hour', 'minute', 'minute15', 'minute30', 'raw', 'quarter'].includes(c.type));
  if (time >= 0) return `${time + 1} DESC`;
  const measure = columns.findIndex((c) => c.kind === 'measure');
  return measure >= 0 ? `${measure + 1} DESC` : '1 ASC';
}

function limitOf(limit: number | undefined, where?: string): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new QueryCompileError(`limit must be 1..${MAX_LIMIT}, got ${limit}`, where);
  return limit;
}

/** Explore-level SQL is resolved like a field's; this names it in errors. */
function pseudoField(name: string, view: string): FieldIR {
  return { kind: 'filter', type: 'string', name, view } as FieldIR;
}
