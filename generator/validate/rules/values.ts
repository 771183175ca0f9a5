/**
 * Runtime twins of the vocabulary's types. A TypeScript config gets these as `tsc` errors, but a
 * JavaScript config (or a cast) reaches the compiler with any value: a timeframe `quater`, a
 * measure `type: 'summ'`, a join with no relationship. Looker's IDE would refuse each one.
 */
import {
  DIMENSION_TYPES, DURATION_INTERVALS, FILTER_FIELD_TYPES, JOIN_TYPES, MEASURE_TYPES, PARAMETER_TYPES,
  RELATIONSHIPS, TIER_STYLES, TIMEFRAMES, TIME_DATATYPES, VALUE_FORMAT_NAMES,
} from '../../vocabulary/lookml-values.js';
import { DASHBOARD_FILTER_TYPES, VIS_TYPES } from '../../vocabulary/dashboard.js';
import { isSql } from '../../vocabulary/sql.js';
import { joinedViewOf } from '../../vocabulary/explore.js';
import type { FieldIR, ProjectIR, ViewIR } from '../../ir/project-ir.js';
import type { Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../diagnostics.js';
import { dashboardError, fieldError, joinError, tileError } from './finding.js';

const INVALID = 'invalid-value';
const MISSING = 'missing-parameter';

/** `"quater" is not a valid timeframe (did you mean "quarter"?)`, or undefined when allowed. */
function notIn(value: unknown, allowed: readonly string[], what: string): string | undefined {
  if (typeof value === 'string' && allowed.includes(value)) return undefined;
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  return `${shown} is not a valid ${what}${typeof value === 'string' ? didYouMean(value, allowed) : ''} (allowed: ${allowed.join(', ')})`;
}

/** The enum-valued parameters of one field, with the list each must come from. */
function fieldValueProblems(f: FieldIR): string[] {
  const x = f as unknown as Record<string, unknown>;
  const problems: (string | undefined)[] = [];
  if (f.kind === 'dimension') problems.push(notIn(x['type'], DIMENSION_TYPES, 'dimension type'));
  if (f.kind === 'measure') problems.push(notIn(x['type'], MEASURE_TYPES, 'measure type'));
  if (f.kind === 'filter') problems.push(notIn(x['type'], FILTER_FIELD_TYPES, 'filter type'));
  if (f.kind === 'parameter') problems.push(notIn(x['type'], PARAMETER_TYPES, 'parameter type'));
  if (f.kind === 'dimension_group') problems.push(...groupValueProblems(x));
  if (x['valueFormatName'] !== undefined) problems.push(notIn(x['valueFormatName'], VALUE_FORMAT_NAMES, 'value_format_name'));
  if (x['type'] === 'tier') problems.push(notIn(x['style'], TIER_STYLES, 'tier style'), tiersProblem(x['tiers']));
  if (x['type'] === 'percentile') problems.push(percentileProblem(x['percentile']));
  return problems.filter((p): p is string => p !== undefined);
}

function groupValueProblems(x: Record<string, unknown>): (string | undefined)[] {
  if (x['type'] === 'time') {
    const frames = x['timeframes'];
    if (!Array.isArray(frames) || frames.length === 0) return ['a time dimension_group needs a non-empty timeframes list'];
    return [
      ...frames.map((t) => notIn(t, TIMEFRAMES, 'timeframe')),
      ...(x['datatype'] === undefined ? [] : [notIn(x['datatype'], TIME_DATATYPES, 'datatype')]),
      new Set(frames).size === frames.length ? undefined : 'timeframes lists a timeframe twice',
    ];
  }
  if (x['type'] === 'duration') {
    const intervals = x['intervals'];
    if (!Array.isArray(intervals) || intervals.length === 0) return ['a duration dimension_group needs a non-empty intervals list'];
    return intervals.map((i) => notIn(i, DURATION_INTERVALS, 'interval'));
  }
  return [notIn(x['type'], ['time', 'duration'], 'dimension_group type')];
}

function tiersProblem(tiers: unknown): string | undefined {
  const ok = Array.isArray(tiers) && tiers.length > 0 && tiers.every((t, i) => typeof t === 'number' && (i === 0 || t > (tiers[i - 1] as number)));
  return ok ? undefined : 'tiers must be a non-empty list of increasing numbers';
}

function percentileProblem(p: unknown): string | undefined {
  return typeof p === 'number' && p > 0 && p < 100 ? undefined : `percentile must be a number between 0 and 100 (exclusive), got ${String(p)}`;
}

/** Field types, timeframes, intervals, datatypes, value formats, tiers and percentiles take Looker's values only. */
export function checkFieldValues(project: ProjectIR): Diagnostic[] {
  return project.views.flatMap((v) =>
    v.ownFields.flatMap((f) => fieldValueProblems(f).map((p) => fieldError(INVALID, v, f, p, 'use one of the allowed values'))),
  );
}

/** The SQL parameters each field kind cannot do without. */
function requiredSqlParams(f: FieldIR): string[] {
  const x = f as unknown as Record<string, unknown>;
  if (f.kind === 'dimension') return x['type'] === 'location' ? ['sqlLatitude', 'sqlLongitude'] : ['sql'];
  if (f.kind === 'dimension_group') return x['type'] === 'duration' ? ['sqlStart', 'sqlEnd'] : x['type'] === 'time' ? ['sql'] : [];
  if (f.kind === 'measure') return x['type'] === 'count' || x['type'] === 'list' ? [] : ['sql'];
  return [];
}

const LOOKML_NAME: Readonly<Record<string, string>> = { sql: 'sql', sqlLatitude: 'sql_latitude', sqlLongitude: 'sql_longitude', sqlStart: 'sql_start', sqlEnd: 'sql_end' };

function missingFieldParams(v: ViewIR, f: FieldIR): Diagnostic[] {
  const x = f as unknown as Record<string, unknown>;
  const out = requiredSqlParams(f)
    .filter((p) => !isSql(x[p]))
    .map((p) => x[p] === undefined
      ? fieldError(MISSING, v, f, `${f.kind} of type ${String(x['type'])} has no ${LOOKML_NAME[p]}`, `add ${p}: sql\`…\``)
      : fieldError(INVALID, v, f, `${LOOKML_NAME[p]} is a ${typeof x[p]}, not sql\`…\` (references in it would not be checked or resolved)`, `write ${p}: sql\`…\` or sqlText('…')`));
  if (f.kind === 'measure' && x['type'] === 'list' && typeof x['listField'] !== 'string') {
    out.push(fieldError(MISSING, v, f, 'list measure has no list_field', 'name the dimension whose values are listed'));
  }
  if (!['dimension', 'dimension_group', 'measure', 'filter', 'parameter'].includes(f.kind)) {
    out.push(fieldError(INVALID, v, f, `"${String(f.kind)}" is not a field kind (dimension, dimension_group, measure, filter, parameter)`, 'build fields with v.dimension(), v.measure()…'));
  }
  return out;
}

/** Fields with the SQL their kind needs (a JS config can leave it out). */
export function checkRequiredFieldParams(project: ProjectIR): Diagnostic[] {
  return project.views.flatMap((v) => v.ownFields.flatMap((f) => missingFieldParams(v, f)));
}

/**
 * Joins: `relationship` is typed as required, but a JS config can omit it and Looker would then
 * silently assume many_to_one; a join needs `sql_on` unless it is a cross join.
 */
export function checkJoins(project: ProjectIR): Diagnostic[] {
  const views = new Set(project.views.map((v) => v.name));
  return project.explores.flatMap((e) =>
    (e.joins ?? []).flatMap((j) => {
      const x = j as unknown as Record<string, unknown>;
      const out: Diagnostic[] = [];
      if (x['relationship'] === undefined) {
        out.push(joinError(MISSING, e, j, 'has no relationship (Looker would assume many_to_one, and fan-out would go unnoticed)', `add relationship: one of ${RELATIONSHIPS.join(', ')}`));
      } else {
        const p = notIn(x['relationship'], RELATIONSHIPS, 'relationship');
        if (p) out.push(joinError(INVALID, e, j, p, 'use one of the allowed values'));
      }
      const typeProblem = x['type'] === undefined ? undefined : notIn(x['type'], JOIN_TYPES, 'join type');
      if (typeProblem) out.push(joinError(INVALID, e, j, typeProblem, 'use one of the allowed values'));
      // A join over a missing view is reported (once) by unknown-reference; nothing more to say about it.
      if (x['type'] !== 'cross' && !isSql(x['sqlOn']) && views.has(joinedViewOf(j))) {
        out.push(joinError(MISSING, e, j, 'has no sql_on (only a cross join may omit it)', 'add sqlOn: sql`${base.key} = ${joined.key}`'));
      }
      return out;
    }),
  );
}

/** Dashboard element and filter types, tile limits. */
export function checkDashboardValues(project: ProjectIR): Diagnostic[] {
  return project.dashboards.flatMap((d) => [
    ...d.elements.flatMap((t) => {
      if (t.kind === 'text') return [];
      if (t.kind !== 'query') return [tileError(INVALID, d, t, `"${String((t as { kind?: unknown }).kind)}" is not a tile kind (query, text)`, 'build tiles with queryTile() or textTile()')];
      const out: Diagnostic[] = [];
      const typeProblem = notIn(t.type, VIS_TYPES, 'visualization type');
      if (typeProblem) out.push(tileError(INVALID, d, t, typeProblem, 'use one of the allowed values'));
      if (t.limit !== undefined && !(Number.isInteger(t.limit) && t.limit > 0 && t.limit <= 5000)) {
        out.push(tileError(INVALID, d, t, `limit ${String(t.limit)} is not a whole number between 1 and 5000`, 'Looker caps dashboard queries at 5000 rows'));
      }
      return out;
    }),
    ...d.filters.flatMap((f) => {
      const p = notIn(f.type, DASHBOARD_FILTER_TYPES, 'dashboard filter type');
      return p ? [dashboardError(INVALID, d, p, 'use one of the allowed values', f.name)] : [];
    }),
  ]);
}
