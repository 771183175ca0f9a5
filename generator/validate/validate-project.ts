/**
 * The semantic checks that run before anything is written; all findings at once. Every rule is
 * one function over the IR; each is written to survive a project other rules find broken (a
 * missing view, a JS config's wrong value), so one mistake does not hide the others.
 */
import type { FieldIR, ProjectIR } from '../ir/project-ir.js';
import type { Diagnostic } from './diagnostics.js';
import { checkReferences } from './rules/references.js';
import { checkDuplicates, checkIdentifiers, checkSqlTerminators } from './rules/structure.js';
import { checkDashboardValues, checkFieldValues, checkJoins, checkRequiredFieldParams } from './rules/values.js';
import { checkConstants } from './rules/constants.js';
import {
  checkDimensionsReferencingMeasures, checkListFields, checkMeasureFilters, checkNestedAggregates, checkSinglePrimaryKey,
} from './rules/measures.js';
import { checkAbstractViews, checkExtendsCycles, checkFanOutPrimaryKeys, checkJoinFields } from './rules/explores.js';
import { checkDashboardFilters, checkListenTypes, checkTileGrid, checkTileOverlap, checkTileQueries } from './rules/dashboards.js';
import { checkDashboardFilterValues, checkExploreFilterValues, checkMeasureFilterValues } from './rules/filter-values.js';
import { checkParameters } from './rules/parameters.js';

export type ProjectRule = (project: ProjectIR) => Diagnostic[];

/** Rules that judge the shape of each field; they run on the project exactly as written. */
const SHAPE_RULES: ReadonlySet<ProjectRule> = new Set([checkFieldValues, checkRequiredFieldParams]);

export const CORE_RULES: readonly ProjectRule[] = [
  // names and values first: later rules read them
  checkFieldValues, checkRequiredFieldParams, checkIdentifiers, checkDuplicates, checkSqlTerminators, checkConstants,
  // references
  checkReferences, checkJoinFields, checkExtendsCycles,
  // what may reference what
  checkNestedAggregates, checkDimensionsReferencingMeasures, checkMeasureFilters, checkListFields, checkSinglePrimaryKey, checkParameters,
  // explores
  checkJoins, checkAbstractViews, checkFanOutPrimaryKeys,
  // dashboards
  checkDashboardValues, checkDashboardFilters, checkTileGrid, checkTileOverlap, checkTileQueries, checkListenTypes,
  // filter expressions, in the grammar of the field each filters
  checkMeasureFilterValues, checkExploreFilterValues, checkDashboardFilterValues,
];

/** Runs every rule; a rule that throws on a broken project becomes one finding instead of a crash. */
export function validateProject(project: ProjectIR, rules: readonly ProjectRule[] = CORE_RULES): Diagnostic[] {
  const wellFormed = withoutMalformedGroups(project);
  return rules.flatMap((rule) => {
    try {
      return rule(SHAPE_RULES.has(rule) ? project : wellFormed);
    } catch (error) {
      return [{
        rule: 'internal-check', severity: 'error' as const, where: 'project',
        message: `check ${rule.name || 'rule'} failed on this project: ${(error as Error)?.message ?? String(error)}`,
        hint: 'fix the other findings first; if this remains, report it as a bug',
      }];
    }
  });
}

/**
 * A dimension_group whose timeframes/intervals are not a list of names (a JS config) cannot even
 * be expanded into field names. invalid-value reports it; the other rules see the project without
 * it, so they report their own findings instead of failing on it.
 */
function withoutMalformedGroups(project: ProjectIR): ProjectIR {
  const names = (x: unknown): boolean => Array.isArray(x) && x.every((n) => typeof n === 'string');
  const malformed = (f: FieldIR): boolean =>
    f.kind === 'dimension_group' && (f.type === 'time' ? !names(f.timeframes) : f.type === 'duration' ? !names(f.intervals) : true);
  if (!project.views.some((v) => v.fields.some(malformed))) return project;
  return {
    ...project,
    views: project.views.map((v) => ({ ...v, ownFields: v.ownFields.filter((f) => !malformed(f)), fields: v.fields.filter((f) => !malformed(f)) })),
  };
}
