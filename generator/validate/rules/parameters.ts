/**
 * Parameters: Looker offers `allowed_value`s in a drop-down and starts with `default_value`. A
 * default that is not among the allowed values, two entries with one value, or a value of the
 * wrong type for the parameter makes the drop-down lie about what the SQL receives.
 */
import type { FieldIR, ProjectIR, ViewIR } from '../../ir/project-ir.js';
import type { ParameterField } from '../../vocabulary/fields.js';
import type { Diagnostic } from '../diagnostics.js';
import { fieldError } from './finding.js';

const RULE = 'parameter-values';

/** Why `value` cannot be a value of a parameter of `type`, or undefined. */
function valueTypeProblem(type: string, value: string): string | undefined {
  if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(value.trim())) return `"${value}" is not a number`;
  if (type === 'yesno' && !/^(yes|no)$/i.test(value.trim())) return `"${value}" is not yes or no`;
  if (type === 'unquoted' && !/^[A-Za-z0-9_.]+$/.test(value)) return `"${value}" cannot be an unquoted value (it is pasted into SQL as is: letters, digits, _ and . only)`;
  return undefined;
}

function parameterProblems(p: ParameterField): string[] {
  const allowed = p.allowedValues ?? [];
  const values = allowed.map((a) => a.value);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) problems.push(`allowed_value "${v}" is listed twice`);
    seen.add(v);
    const t = valueTypeProblem(p.type, v);
    if (t) problems.push(`allowed_value ${t}`);
  }
  if (allowed.some((a) => typeof a.label !== 'string' || a.label.trim() === '')) problems.push('an allowed_value has an empty label');
  if (p.defaultValue !== undefined) {
    if (allowed.length > 0 && !values.includes(p.defaultValue)) problems.push(`default_value "${p.defaultValue}" is not one of its allowed values (${values.join(', ')})`);
    const t = valueTypeProblem(p.type, p.defaultValue);
    if (t) problems.push(`default_value ${t}`);
  }
  return problems;
}

export function checkParameters(project: ProjectIR): Diagnostic[] {
  return project.views.flatMap((v: ViewIR) =>
    v.ownFields
      .filter((f: FieldIR): f is FieldIR & ParameterField => f.kind === 'parameter')
      .flatMap((f) => parameterProblems(f).map((p) => fieldError(RULE, v, f, p, 'make default_value one of the allowed values, each value once, of the parameter type'))),
  );
}
