/**
 * Every reference resolves: `${…}` in SQL, drill fields, sets, measure filters, explores
 * (joins, sql_on, filters, fields) and dashboards (tile fields, pivots, sorts, filters, listen,
 * dashboard filters). A typo names the place, the bad reference and the closest name.
 */
import { refsOf, type Sql } from '../../vocabulary/sql.js';
import { fieldNamesOf } from '../../vocabulary/fields.js';
import { baseViewOf, joinedViewOf, type ExploreDef } from '../../vocabulary/explore.js';
import type { DashboardDef, QueryTile } from '../../vocabulary/dashboard.js';
import type { FieldIR, ProjectIR, ViewIR } from '../../ir/project-ir.js';
import { FieldIndex, splitQualified } from '../../ir/field-index.js';
import { ExploreScope } from '../../ir/explore-scope.js';
import { didYouMean, type Diagnostic } from '../diagnostics.js';
import { fieldSqlParams } from './structure.js';
import { isTimeframeProblem, missingTimeframe, UNKNOWN_TIMEFRAME_RULE } from './timeframes.js';
import { fieldPath, viewFile, explorePath, exploreFile, tilePath, dashboardFile } from '../paths.js';

const RULE = 'unknown-reference';
/** The fix for every unknown reference, unless a finding has a sharper one. */
const DEFAULT_HINT = 'fix the name, or define what it names';

/** A reference to a timeframe a group lacks gets its own rule id; every other miss is unknown-reference. */
const ruleOf = (message: string): string => (isTimeframeProblem(message) ? UNKNOWN_TIMEFRAME_RULE : RULE);

export function checkReferences(project: ProjectIR): Diagnostic[] {
  const index = new FieldIndex(project);
  return [
    ...project.views.flatMap((v) => checkView(v, index)),
    ...project.explores.flatMap((e) => checkExplore(e, index)),
    ...project.dashboards.flatMap((d) => checkDashboard(d, project, index)),
  ];
}

// ---- views ----

function checkView(v: ViewIR, index: FieldIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const base of v.extends ?? []) {
    if (!index.view(base)) out.push(viewDiag(v, `extends unknown view "${base}"`));
  }
  for (const f of v.ownFields) out.push(...checkField(v, f, index));
  for (const [setName, names] of Object.entries(v.sets)) {
    for (const name of names) {
      const problem = fieldProblem(v.name, name, index);
      if (problem) out.push({ ...viewDiag(v, `set "${setName}" lists ${problem}`), hint: 'list fields of this view, or view.field' });
    }
  }
  out.push(...checkDrillFields(v, undefined, v.drillFields ?? [], index));
  return out;
}

function checkField(v: ViewIR, f: FieldIR, index: FieldIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [param, value] of fieldSqlParams(f)) out.push(...checkSql(v, f, param, value, index));
  if ('filters' in f && f.filters) {
    for (const name of Object.keys(f.filters)) {
      const problem = fieldProblem(v.name, name, index);
      if (problem) out.push(fieldDiag(v, f, `filters on ${problem}`, 'filter on a dimension of this view'));
    }
  }
  // A list measure without list_field (JS config) is missing-parameter's finding.
  if (f.kind === 'measure' && f.type === 'list' && typeof f.listField === 'string') {
    const problem = fieldProblem(v.name, f.listField, index);
    if (problem) out.push(fieldDiag(v, f, `list_field is ${problem}`, 'name a dimension of this view'));
  }
  if ('orderByField' in f && f.orderByField) {
    const problem = fieldProblem(v.name, f.orderByField, index);
    if (problem) out.push(fieldDiag(v, f, `order_by_field is ${problem}`));
  }
  if ('drillFields' in f && f.drillFields) out.push(...checkDrillFields(v, f, f.drillFields, index));
  return out;
}

function checkSql(v: ViewIR, f: FieldIR, param: string, value: Sql, index: FieldIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ref of refsOf(value)) {
    const target = ref.view ?? v.name;
    if (ref.view !== undefined && ref.field === 'SQL_TABLE_NAME' && index.view(ref.view)) continue;
    const problem = fieldProblem(target, ref.view === undefined ? ref.field : `${ref.view}.${ref.field}`, index);
    if (problem) {
      const written = ref.view === undefined ? `\${${ref.field}}` : `\${${ref.view}.${ref.field}}`;
      out.push(fieldDiag(v, f, `${param} references ${written}, but ${problem}`, 'reference a field that exists, or define it first'));
    }
  }
  return out;
}

function checkDrillFields(v: ViewIR, f: FieldIR | undefined, names: readonly string[], index: FieldIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const name of names) {
    if (name.endsWith('*')) {
      const setName = name.slice(0, -1);
      const [setView, set] = setName.includes('.') ? setName.split('.') as [string, string] : [v.name, setName];
      if (!index.view(setView)?.sets[set]) {
        const message = `drill_fields names set "${setName}", which does not exist`;
        out.push(f ? fieldDiag(v, f, message, 'declare the set on the view') : viewDiag(v, message));
      }
      continue;
    }
    const problem = fieldProblem(v.name, name, index);
    if (problem) out.push(f ? fieldDiag(v, f, `drill_fields lists ${problem}`) : viewDiag(v, `drill_fields lists ${problem}`));
  }
  return out;
}

/**
 * Why `name` (a field of `viewName`, or `view.field`) does not resolve, or undefined when it does.
 * The text reads as the end of a sentence: `"event_nam", which is not a field of view x (did you mean …)`.
 */
function fieldProblem(viewName: string, name: string, index: FieldIndex): string | undefined {
  const q = splitQualified(name);
  const view = q?.view ?? viewName;
  const field = q?.field ?? name;
  if (!index.view(view)) return `"${name}": there is no view "${view}"`;
  if (index.field(view, field)) return undefined;
  // A dimension_group's own name is not a field; point at its expanded names, not a look-alike.
  const group = index.view(view)!.fields.find((f) => f.name === field && f.kind === 'dimension_group');
  if (group) return `"${name}", which is a dimension_group of view ${view}: reference one of ${fieldNamesOf(group.name, group).join(', ')}`;
  const timeframe = missingTimeframe(index.view(view), field);
  if (timeframe) return `"${name}": ${timeframe}`;
  return `"${name}", which is not a field of view ${view}${didYouMean(field, index.names(view))}`;
}

function fieldDiag(v: ViewIR, f: FieldIR, message: string, hint = DEFAULT_HINT): Diagnostic {
  return { rule: ruleOf(message), severity: 'error', where: fieldPath(v.name, f.name), message, origin: f.origin, file: viewFile(v.name), hint };
}

function viewDiag(v: ViewIR, message: string): Diagnostic {
  return { rule: ruleOf(message), severity: 'error', where: `view ${v.name}`, message, origin: v.origin, file: viewFile(v.name), hint: DEFAULT_HINT };
}

// ---- explores ----

function checkExplore(e: ExploreDef, index: FieldIndex): Diagnostic[] {
  const diag = (message: string, hint = DEFAULT_HINT): Diagnostic => ({
    rule: ruleOf(message), severity: 'error', where: explorePath(e.name), message, origin: e.origin, file: exploreFile(e.name), hint,
  });
  const out: Diagnostic[] = [];
  if (!index.view(baseViewOf(e))) return [diag(`its base view "${baseViewOf(e)}" does not exist`)];
  for (const j of e.joins ?? []) {
    if (!index.view(joinedViewOf(j))) out.push(diag(`join ${j.name} uses view "${joinedViewOf(j)}", which does not exist`));
  }
  const scope = new ExploreScope(e, index);
  const checkName = (what: string, name: string): void => {
    if (scope.resolve(name)) return;
    const timeframe = timeframeInScope(scope, name);
    out.push(timeframe
      ? diag(`${what} "${name}", but ${timeframe}`, 'reference a timeframe the group has, or add it to its timeframes')
      : diag(`${what} "${name}" is not a field of this explore${didYouMean(name, scope.allNames())}`, 'use alias.field of the explore or a joined view'));
  };
  for (const j of e.joins ?? []) {
    for (const ref of j.sqlOn ? refsOf(j.sqlOn) : []) {
      if (ref.view === undefined) out.push(diag(`join ${j.name} sql_on uses \${${ref.field}} without a view name`, 'write ${view.field} in sql_on'));
      else checkName(`join ${j.name} sql_on references`, `${ref.view}.${ref.field}`);
    }
  }
  for (const ref of e.sqlAlwaysWhere ? refsOf(e.sqlAlwaysWhere) : []) {
    checkName('sql_always_where references', ref.view === undefined ? ref.field : `${ref.view}.${ref.field}`);
  }
  for (const name of Object.keys(e.alwaysFilter ?? {})) checkName('always_filter field', name);
  for (const name of Object.keys(e.conditionallyFilter?.filters ?? {})) checkName('conditionally_filter field', name);
  for (const name of e.conditionallyFilter?.unless ?? []) checkName('conditionally_filter unless', name);
  for (const af of e.accessFilters ?? []) checkName('access_filter field', af.field);
  for (const name of e.fields ?? []) {
    const bare = name.replace(/^-/, '');
    if (bare === 'ALL_FIELDS*' || bare.endsWith('*')) continue;
    checkName('fields lists', bare);
  }
  return out;
}

// ---- dashboards ----

function checkDashboard(d: DashboardDef, project: ProjectIR, index: FieldIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  const filterNames = new Set(d.filters.map((f) => f.name));
  const explores = new Map(project.explores.map((e) => [e.name, e] as const));
  for (const filter of d.filters) {
    const where = `dashboard ${d.name} / filter ${filter.name}`;
    const diag = (message: string): Diagnostic => ({ rule: ruleOf(message), severity: 'error', where, message, origin: d.origin, file: dashboardFile(d.name), hint: DEFAULT_HINT });
    for (const other of filter.listensToFilters ?? []) {
      if (!filterNames.has(other)) out.push(diag(`listens_to_filters names "${other}", which is not a filter of this dashboard${didYouMean(other, filterNames)}`));
    }
    if (filter.explore === undefined) continue;
    const e = explores.get(filter.explore);
    if (!e) { out.push(diag(`explore "${filter.explore}" does not exist${didYouMean(filter.explore, explores.keys())}`)); continue; }
    const scope = new ExploreScope(e, index);
    if (filter.field !== undefined && !scope.resolve(filter.field)) {
      const timeframe = timeframeInScope(scope, filter.field);
      out.push(diag(timeframe ? `field "${filter.field}": ${timeframe}` : `field "${filter.field}" is not in explore ${e.name}${didYouMean(filter.field, scope.allNames())}`));
    }
  }
  for (const tile of d.elements) if (tile.kind === 'query') out.push(...checkTile(d, tile, explores, filterNames, index));
  return out;
}

function checkTile(
  d: DashboardDef, tile: QueryTile, explores: ReadonlyMap<string, ExploreDef>, filterNames: ReadonlySet<string>, index: FieldIndex,
): Diagnostic[] {
  const diag = (message: string, hint = 'use view.field names of the tile\'s explore (joins by their join name)'): Diagnostic => ({
    rule: ruleOf(message), severity: 'error', where: tilePath(d.name, tile.title), message, origin: tile.origin, file: dashboardFile(d.name), hint,
  });
  const e = explores.get(tile.explore);
  if (!e) return [diag(`explore "${tile.explore}" does not exist${didYouMean(tile.explore, explores.keys())}`)];
  const scope = new ExploreScope(e, index);
  const out: Diagnostic[] = [];
  const checkName = (what: string, name: string): void => {
    if (scope.resolve(name)) return;
    const timeframe = timeframeInScope(scope, name);
    out.push(timeframe
      ? diag(`${what} "${name}", but ${timeframe}`, 'use a timeframe the group has, or add it to its timeframes')
      : diag(`${what} "${name}", which is not in explore ${e.name}${didYouMean(name, scope.allNames())}`));
  };
  for (const f of tile.fields) checkName('fields lists', f);
  for (const f of tile.pivots ?? []) checkName('pivots lists', f);
  for (const f of tile.fillFields ?? []) checkName('fill_fields lists', f);
  for (const f of tile.hiddenFields ?? []) checkName('hidden_fields lists', f);
  for (const s of tile.sorts ?? []) checkName('sorts on', s.replace(/\s+(asc|desc)$/i, ''));
  for (const f of Object.keys(tile.filters ?? {})) checkName('filters on', f);
  for (const [filter, field] of Object.entries(tile.listen ?? {})) {
    if (!filterNames.has(filter)) out.push(diag(`listen names dashboard filter "${filter}", which does not exist${didYouMean(filter, filterNames)}`));
    checkName(`listen maps filter ${filter} to`, field);
  }
  return out;
}

/** For `alias.group_timeframe` in an explore: why the group lacks that timeframe, if it is one. */
function timeframeInScope(scope: ExploreScope, name: string): string | undefined {
  const parts = splitQualified(name);
  const viewName = parts && scope.aliases.get(parts.view);
  return parts && viewName !== undefined ? missingTimeframe(scope.viewIr(viewName), parts.field) : undefined;
}
