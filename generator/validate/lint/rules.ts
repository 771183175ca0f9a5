/** The lint rules, one small function each. */
import type { LintRule } from './lint-project.js';
import { fieldPath, viewFile } from '../paths.js';

const primaryKeyPresent: LintRule = {
  id: 'primary-key',
  severity: 'warning',
  description: 'Every view declares a primary key (counts under fan-out joins need it).',
  check: (project) =>
    project.views
      .filter((v) => v.source.kind !== 'none')
      .filter((v) => !v.fields.some((f) => f.kind === 'dimension' && 'primaryKey' in f && f.primaryKey))
      .map((v) => ({
        path: `view/${v.name}`, where: `view ${v.name}`, message: 'has no primary_key dimension', file: viewFile(v.name),
        ...(v.origin ? { origin: v.origin } : {}), hint: 'mark the unique column with primaryKey: true',
      })),
};

const visibleFieldDescribed: LintRule = {
  id: 'description-required',
  severity: 'warning',
  description: 'Every visible field has a description.',
  check: (project) =>
    project.views.flatMap((v) =>
      v.ownFields
        .filter((f) => !f.hidden && !f.description)
        .map((f) => ({
          path: `${v.name}/${f.name}`, where: fieldPath(v.name, f.name), message: 'is visible but has no description', file: viewFile(v.name),
          ...(f.origin ? { origin: f.origin } : {}), hint: 'add a description, or hide the field',
        })),
    ),
};

export const LINT_RULES: readonly LintRule[] = [primaryKeyPresent, visibleFieldDescribed];
