/**
 * Explores that Looker would accept but that give wrong numbers or cannot be opened: fan-out joins
 * over views with no primary key, explores and joins over abstract views, `extends` cycles, join
 * `fields` naming fields the joined view lacks.
 */
import { baseViewOf, joinedViewOf, type ExploreDef } from '../../vocabulary/explore.js';
import type { ProjectIR, ViewIR } from '../../ir/project-ir.js';
import type { Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../diagnostics.js';
import { FieldIndex } from '../../ir/field-index.js';
import { isAggregateMeasure, primaryKeysOf } from './field-facts.js';
import { exploreError, joinError, viewError } from './finding.js';

/**
 * Aliases whose rows a join repeats (Looker semantics): a one_to_many join repeats every other
 * alias; a many_to_many join repeats all of them; a many_to_one join repeats the joined ("one")
 * side. Each maps to the join that causes it, for the message.
 */
export function repeatedAliases(e: ExploreDef): Map<string, string> {
  const all = [e.name, ...(e.joins ?? []).map((j) => j.name)];
  const out = new Map<string, string>();
  for (const j of e.joins ?? []) {
    const cause = `join ${j.name} is ${String(j.relationship)}`;
    if (j.relationship === 'one_to_many') for (const a of all) if (a !== j.name && !out.has(a)) out.set(a, cause);
    if (j.relationship === 'many_to_many') for (const a of all) if (!out.has(a)) out.set(a, cause);
    if (j.relationship === 'many_to_one' && !out.has(j.name)) out.set(j.name, cause);
  }
  return out;
}

/**
 * A view whose rows a join repeats needs a primary key: Looker computes its counts and sums as
 * symmetric aggregates over that key. Without one the numbers are inflated (or the query fails).
 */
export function checkFanOutPrimaryKeys(project: ProjectIR): Diagnostic[] {
  const views = new Map(project.views.map((v) => [v.name, v] as const));
  const viewOfAlias = (e: ExploreDef, alias: string): ViewIR | undefined => {
    const j = e.joins?.find((x) => x.name === alias);
    return views.get(alias === e.name ? baseViewOf(e) : j ? joinedViewOf(j) : alias);
  };
  return project.explores.flatMap((e) =>
    [...repeatedAliases(e)].flatMap(([alias, cause]) => {
      const v = viewOfAlias(e, alias);
      if (!v || primaryKeysOf(v).length > 0) return [];
      const measures = v.fields.filter(isAggregateMeasure).map((f) => f.name);
      if (measures.length === 0) return [];
      return [exploreError('fanout-primary-key', e,
        `${cause}, so rows of ${alias} (view ${v.name}) repeat; its measures ${measures.slice(0, 5).join(', ')}${measures.length > 5 ? ', …' : ''} need a primary key for symmetric aggregates, and view ${v.name} has none`,
        `mark the unique column of view ${v.name} with primaryKey: true (or fix the relationship)`)];
    }),
  );
}

/** Looker cannot open an explore (or join) over a view that only exists to be extended. */
export function checkAbstractViews(project: ProjectIR): Diagnostic[] {
  const views = new Map(project.views.map((v) => [v.name, v] as const));
  const abstract = (name: string): boolean => {
    const v = views.get(name);
    return v !== undefined && (v.extensionRequired === true || v.source.kind === 'none');
  };
  return project.explores.flatMap((e) => [
    ...(abstract(baseViewOf(e)) ? [exploreError('abstract-view', e, `is based on view ${baseViewOf(e)}, which has extension: required or no table`, 'base the explore on a view that extends it')] : []),
    ...(e.joins ?? []).filter((j) => abstract(joinedViewOf(j))).map((j) =>
      joinError('abstract-view', e, j, `joins view ${joinedViewOf(j)}, which has extension: required or no table`, 'join a view that extends it')),
  ]);
}

/** `extends` must not loop (a extends b extends a): Looker refuses the whole project. */
export function checkExtendsCycles(project: ProjectIR): Diagnostic[] {
  const views = new Map(project.views.map((v) => [v.name, v] as const));
  const cycleFrom = (start: string): string[] | undefined => {
    const walk = (name: string, path: string[]): string[] | undefined => {
      for (const next of views.get(name)?.extends ?? []) {
        if (next === start) return [...path, next];
        if (path.includes(next)) continue;
        const found = walk(next, [...path, next]);
        if (found) return found;
      }
      return undefined;
    };
    return walk(start, [start]);
  };
  return project.views.flatMap((v) => {
    const cycle = cycleFrom(v.name);
    return cycle ? [viewError('extends-cycle', v, `extends itself through ${cycle.join(' → ')}`, 'remove one of the extends')] : [];
  });
}

/** A join's `fields` list names fields of the joined view (bare names or `join.field`). */
export function checkJoinFields(project: ProjectIR): Diagnostic[] {
  const index = new FieldIndex(project);
  return project.explores.flatMap((e) =>
    (e.joins ?? []).flatMap((j) => {
      const view = joinedViewOf(j);
      if (!index.view(view)) return [];
      return (j.fields ?? [])
        .map((name) => name.replace(/^-/, ''))
        .filter((name) => !name.endsWith('*'))
        .map((name) => (name.startsWith(`${j.name}.`) ? name.slice(j.name.length + 1) : name))
        .filter((field) => !index.field(view, field))
        .map((field) => joinError('unknown-reference', e, j, `fields lists "${field}", which is not a field of view ${view}${didYouMean(field, index.names(view))}`));
    }),
  );
}
