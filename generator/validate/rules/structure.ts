/**
 * Structural rules: names are valid LookML identifiers and unique, and SQL fragments can stand in
 * a LookML `;;` block.
 */
import { isSql, sqlToLookml, type Sql } from '../../vocabulary/sql.js';
import { fieldNamesOf } from '../../vocabulary/fields.js';
import { identifierProblem, sqlBlockProblem } from '../../render/escape.js';
import type { FieldIR, ProjectIR, ViewIR } from '../../ir/project-ir.js';
import type { Diagnostic } from '../diagnostics.js';
import { dashboardFile, exploreFile, explorePath, fieldPath, viewFile } from '../paths.js';

export function checkIdentifiers(project: ProjectIR): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (name: string, where: string, file: string, origin?: string): void => {
    const problem = identifierProblem(name);
    if (problem) out.push({ rule: 'invalid-identifier', severity: 'error', where, message: problem, file, ...(origin ? { origin } : {}), hint: 'use snake_case' });
  };
  check(project.model.name, `model ${project.model.name}`, `${project.model.name}.model.lkml`);
  for (const v of project.views) {
    check(v.name, `view ${v.name}`, viewFile(v.name), v.origin);
    for (const f of v.ownFields) check(f.name, fieldPath(v.name, f.name), viewFile(v.name), f.origin);
  }
  for (const e of project.explores) {
    check(e.name, explorePath(e.name), exploreFile(e.name), e.origin);
    for (const j of e.joins ?? []) check(j.name, `${explorePath(e.name)} / join ${j.name}`, exploreFile(e.name), j.origin);
  }
  for (const d of project.dashboards) {
    check(d.name, `dashboard ${d.name}`, dashboardFile(d.name), d.origin);
    for (const el of d.elements) check(el.name, `dashboard ${d.name} / element ${el.name}`, dashboardFile(d.name), el.origin);
  }
  return out;
}

export function checkDuplicates(project: ProjectIR): Diagnostic[] {
  const out: Diagnostic[] = [];
  const dup = (kind: string, names: readonly string[], where: string, file: string): void => {
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n)) out.push({ rule: 'duplicate-name', severity: 'error', where, message: `${kind} "${n}" is defined more than once`, file, hint: `rename or remove one ${kind}` });
      seen.add(n);
    }
  };
  dup('view', project.views.map((v) => v.name), 'project', 'views/');
  dup('explore', project.explores.map((e) => e.name), 'project', 'explores/');
  dup('dashboard', project.dashboards.map((d) => d.name), 'project', 'dashboards/');
  for (const v of project.views) {
    // Expanded names collide too: a dimension `event_time_date` and a time group `event_time` with `date`.
    dup('field', v.fields.flatMap((f) => fieldNamesOf(f.name, f)), `view ${v.name}`, viewFile(v.name));
  }
  for (const e of project.explores) dup('join', (e.joins ?? []).map((j) => j.name), explorePath(e.name), exploreFile(e.name));
  for (const d of project.dashboards) {
    dup('element', d.elements.map((el) => el.name), `dashboard ${d.name}`, dashboardFile(d.name));
    dup('filter', d.filters.map((f) => f.name), `dashboard ${d.name}`, dashboardFile(d.name));
  }
  return out;
}

/** Every SQL parameter of the project with its place. */
export function* sqlFragments(project: ProjectIR): Generator<{ where: string; param: string; sql: Sql; file: string; origin?: string; field?: FieldIR; view?: ViewIR }> {
  for (const v of project.views) {
    if (v.source.kind === 'derived' && isSql(v.source.sql)) yield { where: `view ${v.name}`, param: 'derived_table.sql', sql: v.source.sql, file: viewFile(v.name), view: v, ...(v.origin ? { origin: v.origin } : {}) };
    for (const f of v.ownFields) {
      for (const [param, s] of fieldSqlParams(f)) {
        yield { where: fieldPath(v.name, f.name), param, sql: s, file: viewFile(v.name), field: f, view: v, ...(f.origin ? { origin: f.origin } : {}) };
      }
    }
  }
  for (const e of project.explores) {
    if (isSql(e.sqlAlwaysWhere)) yield { where: explorePath(e.name), param: 'sql_always_where', sql: e.sqlAlwaysWhere, file: exploreFile(e.name), ...(e.origin ? { origin: e.origin } : {}) };
    for (const j of e.joins ?? []) {
      if (isSql(j.sqlOn)) yield { where: `${explorePath(e.name)} / join ${j.name}`, param: 'sql_on', sql: j.sqlOn, file: exploreFile(e.name), ...(j.origin ? { origin: j.origin } : {}) };
    }
  }
}

export function fieldSqlParams(f: FieldIR): [string, Sql][] {
  const all: [string, Sql | undefined][] = [
    ['sql', 'sql' in f ? f.sql : undefined],
    ['sql_latitude', 'sqlLatitude' in f ? f.sqlLatitude : undefined],
    ['sql_longitude', 'sqlLongitude' in f ? f.sqlLongitude : undefined],
    ['sql_start', 'sqlStart' in f ? f.sqlStart : undefined],
    ['sql_end', 'sqlEnd' in f ? f.sqlEnd : undefined],
    ['sql_distinct_key', 'sqlDistinctKey' in f ? f.sqlDistinctKey : undefined],
  ];
  // Only real Sql values: a JS config's plain string is reported by missing-parameter, not crashed on.
  return all.filter((p): p is [string, Sql] => isSql(p[1]));
}

export function checkSqlTerminators(project: ProjectIR): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const frag of sqlFragments(project)) {
    const problem = sqlBlockProblem(sqlToLookml(frag.sql));
    if (problem) {
      out.push({
        rule: 'sql-terminator', severity: 'error', where: frag.where, message: `${frag.param} ${problem}`, file: frag.file,
        ...(frag.origin ? { origin: frag.origin } : {}), hint: 'remove the trailing ";" or split the statement',
      });
    }
  }
  return out;
}
