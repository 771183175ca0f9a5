/**
 * View lint rules (LAMS K4, F4, H2 and friends): what a Looker developer sees in the field
 * picker, and what keeps counts right under joins.
 */
import { type Sql, type SqlChunk } from '../../vocabulary/sql.js';
import type { FieldIR, ViewIR } from '../../ir/project-ir.js';
import type { LintFinding, LintRule } from './lint-project.js';
import { exemptField, exemptView, fieldPath, viewFile } from '../paths.js';
import { defaultLabel, primaryKeysOf } from '../rules/field-facts.js';
import { fieldSqlParams } from '../rules/structure.js';

const fieldFinding = (v: ViewIR, f: FieldIR, message: string, hint: string): LintFinding => ({
  path: exemptField(v.name, f.name), where: fieldPath(v.name, f.name), message, file: viewFile(v.name), ...(f.origin ? { origin: f.origin } : {}), hint,
});

const viewFinding = (v: ViewIR, message: string, hint: string): LintFinding => ({
  path: exemptView(v.name), where: `view ${v.name}`, message, file: viewFile(v.name), ...(v.origin ? { origin: v.origin } : {}), hint,
});

/** Views that are queried (abstract bases are linted through the views extending them). */
const concreteViews = (views: readonly ViewIR[]): ViewIR[] => views.filter((v) => v.source?.kind !== 'none' && !v.extensionRequired);

export const primaryKeyPresent: LintRule = {
  id: 'primary-key',
  severity: 'warning',
  description: 'Every view declares a primary key (counts under fan-out joins need it).',
  check: (project) =>
    concreteViews(project.views)
      .filter((v) => primaryKeysOf(v).length === 0)
      .map((v) => viewFinding(v, 'has no primary_key dimension', 'mark the unique column with primaryKey: true')),
};

export const primaryKeyHidden: LintRule = {
  id: 'primary-key-hidden',
  severity: 'warning',
  description: 'Primary key dimensions are hidden (LAMS K4): they exist for joins and symmetric aggregates, not for browsing.',
  check: (project) =>
    project.views.flatMap((v) =>
      primaryKeysOf(v)
        .filter((f) => v.ownFields.includes(f) && !f.hidden)
        .map((f) => fieldFinding(v, f, 'is the primary key but is not hidden', 'add hidden: true (expose a labelled copy if users need the value)')),
    ),
};

export const visibleFieldDescribed: LintRule = {
  id: 'description-required',
  severity: 'warning',
  description: 'Every visible field has a description (LAMS F4).',
  check: (project) =>
    project.views.flatMap((v) =>
      v.ownFields
        .filter((f) => !f.hidden && !f.description)
        .map((f) => fieldFinding(v, f, 'is visible but has no description', 'add a description, or hide the field')),
    ),
};

export const countLabelled: LintRule = {
  id: 'count-label',
  severity: 'warning',
  description: 'Count measures carry a label: Looker would show "Count" (or the raw name), ambiguous once views are joined.',
  check: (project) =>
    project.views.flatMap((v) =>
      v.ownFields
        .filter((f) => f.kind === 'measure' && (f.type === 'count' || f.type === 'count_distinct') && !f.hidden && !f.label)
        .map((f) => fieldFinding(v, f, `is a ${f.kind === 'measure' ? f.type : ''} measure without a label (shown as "${defaultLabel(f.name)}")`, 'add a label naming what is counted, e.g. "Events"')),
    ),
};

export const GROUP_LABEL_THRESHOLD = 20;

export const groupLabelsInLargeViews: LintRule = {
  id: 'group-label',
  severity: 'warning',
  description: `Views with more than ${GROUP_LABEL_THRESHOLD} visible fields group every visible field (LAMS H2): a flat list that long is unusable.`,
  check: (project) =>
    project.views.flatMap((v) => {
      const visible = v.fields.filter((f) => !f.hidden);
      const loose = visible.filter((f) => !f.groupLabel);
      if (visible.length <= GROUP_LABEL_THRESHOLD || loose.length === 0) return [];
      const names = loose.map((f) => f.name);
      return [viewFinding(v, `has ${visible.length} visible fields; ${loose.length} have no group_label: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`,
        'give each visible field a groupLabel (fields of one group appear as one folder)')];
    }),
};

/** The column a dimension's SQL is exactly `${TABLE}.col` (or `${TABLE}."col"`) of, lower-cased. */
function plainColumn(value: Sql): string | undefined {
  const [first, second, ...rest] = value.chunks;
  if (rest.length > 0 || typeof first !== 'object' || first.kind !== 'table-ref' || typeof second !== 'string') return undefined;
  const m = /^\s*\.\s*"?([A-Za-z_][A-Za-z0-9_]*)"?\s*$/.exec(second);
  return m ? m[1]!.toLowerCase() : undefined;
}

/** Every `${TABLE}.col` a piece of SQL reads, lower-cased. */
function tableColumns(value: Sql): string[] {
  const out: string[] = [];
  value.chunks.forEach((chunk: SqlChunk, i) => {
    const next = value.chunks[i + 1];
    if (typeof chunk !== 'object' || chunk.kind !== 'table-ref' || typeof next !== 'string') return;
    const m = /^\s*\.\s*"?([A-Za-z_][A-Za-z0-9_]*)"?/.exec(next);
    if (m) out.push(m[1]!.toLowerCase());
  });
  return out;
}

export const reuseColumnDimensions: LintRule = {
  id: 'reuse-dimension',
  severity: 'warning',
  description: 'SQL reads a column through its dimension, not ${TABLE}.column again: one definition to change, and the reference is checked.',
  check: (project) =>
    project.views.flatMap((v) => {
      const byColumn = new Map<string, string>();
      for (const f of v.fields) {
        const column = f.kind === 'dimension' && 'sql' in f && f.sql ? plainColumn(f.sql) : undefined;
        if (column && !byColumn.has(column)) byColumn.set(column, f.name);
      }
      return v.ownFields.flatMap((f) => {
        const columns = fieldSqlParams(f).flatMap(([, value]) => tableColumns(value));
        const reused = [...new Set(columns)].filter((c) => byColumn.has(c) && byColumn.get(c) !== f.name);
        return reused.map((c) => fieldFinding(v, f, `reads \${TABLE}.${c}, which dimension ${byColumn.get(c)} already exposes`, `write \${${byColumn.get(c)}} instead`));
      });
    }),
};

/** What the field picker groups by: dimensions and measures are listed apart. */
const pickerKey = (f: FieldIR): string =>
  [f.kind === 'measure' ? 'measure' : 'dimension', f.viewLabel ?? '', f.groupLabel ?? '', f.label ?? defaultLabel(f.name)].join('\u0000');

export const uniqueLabels: LintRule = {
  id: 'duplicate-label',
  severity: 'warning',
  description: 'Two visible fields of a view do not share a label in the same group: the field picker would show two identical entries.',
  check: (project) =>
    project.views.flatMap((v) => {
      const seen = new Map<string, FieldIR>();
      return v.fields.filter((f) => !f.hidden).flatMap((f) => {
        const key = pickerKey(f);
        const first = seen.get(key);
        if (!first) {
          seen.set(key, f);
          return [];
        }
        return [fieldFinding(v, f, `has the label "${f.label ?? defaultLabel(f.name)}"${f.groupLabel ? ` in group "${f.groupLabel}"` : ''}, like ${first.name}`, 'give one of them a distinct label')];
      });
    }),
};

export const VIEW_RULES: readonly LintRule[] = [
  primaryKeyPresent, primaryKeyHidden, visibleFieldDescribed, countLabelled, groupLabelsInLargeViews, reuseColumnDimensions, uniqueLabels,
];
