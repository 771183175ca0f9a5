/**
 * What may reference what: Looker refuses an aggregate of an aggregate (`SUM(COUNT(*))` is not
 * SQL), a dimension built on a measure, `filters` on a measure that does not aggregate, and a
 * list measure over anything but a dimension. Each is a LookML IDE error, caught here first.
 */
import type { FieldIR, ProjectIR, ViewIR } from '../../ir/project-ir.js';
import { FieldIndex } from '../../ir/field-index.js';
import type { Diagnostic } from '../diagnostics.js';
import { fieldSqlParams } from './structure.js';
import { isAggregateMeasure, measureRefs, primaryKeysOf } from './field-facts.js';
import { fieldError, viewError } from './finding.js';

const eachField = (project: ProjectIR, check: (v: ViewIR, f: FieldIR, index: FieldIndex) => Diagnostic[]): Diagnostic[] => {
  const index = new FieldIndex(project);
  return project.views.flatMap((v) => v.ownFields.flatMap((f) => check(v, f, index)));
};

/** An aggregate measure (sum, count_distinct, …) whose SQL references a measure: a nested aggregate. */
export function checkNestedAggregates(project: ProjectIR): Diagnostic[] {
  return eachField(project, (v, f, index) => {
    if (!isAggregateMeasure(f)) return [];
    return fieldSqlParams(f).flatMap(([param, value]) =>
      measureRefs(index, v.name, value).map((ref) =>
        fieldError('nested-aggregate', v, f, `measure of type ${f.kind === 'measure' ? f.type : ''} aggregates ${ref} in ${param}, which is a measure (an aggregate of an aggregate)`,
          'reference dimensions only, or make this a type: number measure that combines measures'),
      ),
    );
  });
}

/** A dimension, dimension_group or filter whose SQL references a measure (row-level SQL cannot see an aggregate). */
export function checkDimensionsReferencingMeasures(project: ProjectIR): Diagnostic[] {
  return eachField(project, (v, f, index) => {
    if (f.kind === 'measure') return [];
    return fieldSqlParams(f).flatMap(([param, value]) =>
      measureRefs(index, v.name, value).map((ref) =>
        fieldError('dimension-references-measure', v, f, `${f.kind} ${param} references ${ref}, which is a measure`,
          'a dimension is computed per row: reference dimensions, or make this field a measure'),
      ),
    );
  });
}

/** `filters:` on a non-aggregate measure (number) is refused by Looker; and filters must name dimensions. */
export function checkMeasureFilters(project: ProjectIR): Diagnostic[] {
  return eachField(project, (v, f, index) => {
    if (f.kind !== 'measure' || !('filters' in f) || !f.filters) return [];
    if (!isAggregateMeasure(f)) {
      return [fieldError('measure-filters', v, f, `a measure of type ${f.type} cannot have filters (only aggregate measures can)`,
        'put the filters on the measures it combines')];
    }
    return Object.keys(f.filters)
      .filter((name) => {
        const target = name.includes('.') ? index.field(name.split('.')[0]!, name.split('.')[1]!) : index.field(v.name, name);
        return target?.field.kind === 'measure';
      })
      .map((name) => fieldError('measure-filters', v, f, `filters on "${name}", which is a measure (measure filters apply to rows: name a dimension)`,
        'filter on the dimension the other measure filters on'));
  });
}

/** A list measure lists the values of a dimension; a measure, group or filter there is an IDE error. */
export function checkListFields(project: ProjectIR): Diagnostic[] {
  return eachField(project, (v, f, index) => {
    if (f.kind !== 'measure' || f.type !== 'list' || typeof f.listField !== 'string') return [];
    const target = index.field(v.name, f.listField);
    if (!target || target.field.kind === 'dimension') return [];
    return [fieldError('list-field', v, f, `list_field "${f.listField}" is a ${target.field.kind}, not a dimension`, 'name a dimension of this view')];
  });
}

/** Looker allows one primary_key per view; two make every symmetric aggregate wrong. */
export function checkSinglePrimaryKey(project: ProjectIR): Diagnostic[] {
  return project.views.flatMap((v) => {
    const keys = primaryKeysOf(v);
    if (keys.length < 2) return [];
    return [viewError('multiple-primary-keys', v, `has ${keys.length} primary_key dimensions (${keys.map((k) => k.name).join(', ')}); Looker allows one`,
      'keep one primary key; for a composite key, concatenate the columns in one dimension')];
  });
}
