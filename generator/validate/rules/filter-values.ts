/**
 * Every Looker filter expression the block writes (measure `filters`, always_filter,
 * conditionally_filter, tile filters, dashboard filter defaults) parses in the grammar of the
 * field it filters. The query compiler's translator is the parser: an expression it refuses
 * (`yes` on a number, `Maybe` on a yesno, `7 dayz` on a date) fails here with its reason, before
 * any dashboard loads.
 */
import { filterToSql, UnsupportedFilterError } from '../../query/filters/index.js';
import { ExploreScope } from '../../ir/explore-scope.js';
import { FieldIndex, splitQualified, type ResolvedField } from '../../ir/field-index.js';
import type { ProjectIR } from '../../ir/project-ir.js';
import type { Diagnostic } from '../diagnostics.js';
import { filterCategory, type FilterCategory } from './field-facts.js';
import { dashboardError, exploreError, fieldError, tileError } from './finding.js';
import { expectedCategory } from './dashboards.js';

const RULE = 'filter-expression';
/** Relative dates need an instant; any fixed one parses the same way. */
const PARSE_NOW = new Date('2024-01-01T00:00:00Z');

/** Why `expression` does not parse as a filter of `category`, or undefined. */
export function filterExpressionProblem(expression: unknown, category: FilterCategory | undefined): string | undefined {
  if (typeof expression !== 'string') return `the value ${String(expression)} is not a string`;
  if (category === undefined || category === 'parameter' || category === 'location') return undefined;
  try {
    filterToSql({ expression, type: category, sql: 'x', now: PARSE_NOW });
    return undefined;
  } catch (error) {
    if (error instanceof UnsupportedFilterError) return `"${expression}" is not a valid ${category} filter: ${error.reason}`;
    // Any other failure of the translator is still this expression's problem, reported in place.
    return `"${expression}" could not be read as a ${category} filter: ${(error as Error)?.message ?? String(error)}`;
  }
}

const HINT = 'write the value in Looker filter syntax for the field type (e.g. "7 days", ">10", "Yes", "-NULL", "%text%")';

/** Measure `filters:` values, in the grammar of the dimension each names. */
export function checkMeasureFilterValues(project: ProjectIR): Diagnostic[] {
  const index = new FieldIndex(project);
  return project.views.flatMap((v) =>
    v.ownFields.flatMap((f) => {
      if (f.kind !== 'measure' || !('filters' in f) || !f.filters) return [];
      return Object.entries(f.filters).flatMap(([name, expression]) => {
        const q = splitQualified(name);
        const target: ResolvedField | undefined = q ? index.field(q.view, q.field) : index.field(v.name, name);
        const problem = target && filterExpressionProblem(expression, filterCategory(target));
        return problem ? [fieldError(RULE, v, f, `filters on ${name}: ${problem}`, HINT)] : [];
      });
    }),
  );
}

/** always_filter and conditionally_filter values of explores. */
export function checkExploreFilterValues(project: ProjectIR): Diagnostic[] {
  const index = new FieldIndex(project);
  return project.explores.flatMap((e) => {
    const scope = new ExploreScope(e, index);
    const entries: [string, Readonly<Record<string, string>> | undefined][] = [
      ['always_filter', e.alwaysFilter], ['conditionally_filter', e.conditionallyFilter?.filters],
    ];
    return entries.flatMap(([param, filters]) =>
      Object.entries(filters ?? {}).flatMap(([name, expression]) => {
        const target = scope.resolve(name);
        const problem = target && filterExpressionProblem(expression, filterCategory(target));
        return problem ? [exploreError(RULE, e, `${param} on ${name}: ${problem}`, HINT)] : [];
      }),
    );
  });
}

/** Tile `filters` values and dashboard filter `default_value`s. */
export function checkDashboardFilterValues(project: ProjectIR): Diagnostic[] {
  const index = new FieldIndex(project);
  const explores = new Map(project.explores.map((e) => [e.name, e] as const));
  return project.dashboards.flatMap((d) => [
    ...d.filters.flatMap((f) => {
      if (f.defaultValue === undefined) return [];
      const problem = filterExpressionProblem(f.defaultValue, expectedCategory(f, project, index));
      return problem ? [dashboardError(RULE, d, `default_value: ${problem}`, HINT, f.name)] : [];
    }),
    ...d.elements.flatMap((t) => {
      const e = t.kind === 'query' ? explores.get(t.explore) : undefined;
      if (t.kind !== 'query' || !e) return [];
      const scope = new ExploreScope(e, index);
      return Object.entries(t.filters ?? {}).flatMap(([name, expression]) => {
        const target = scope.resolve(name);
        const problem = target && filterExpressionProblem(expression, filterCategory(target));
        return problem ? [tileError(RULE, d, t, `filters on ${name}: ${problem}`, HINT)] : [];
      });
    }),
  ]);
}
