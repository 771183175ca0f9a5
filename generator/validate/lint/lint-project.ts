/**
 * Lint rules in the spirit of LAMS: each has an id and a default severity; a finding on a path
 * the block exempts (rule id + path + reason, typed in the config) is dropped.
 */
import type { ProjectIR } from '../../ir/project-ir.js';
import type { Diagnostic } from '../diagnostics.js';
import { LINT_RULES } from './rules.js';

export interface LintRule {
  readonly id: string;
  readonly severity: Diagnostic['severity'];
  readonly description: string;
  /** Findings with the path an exemption names (`view/field`, `explore/name`, …). */
  readonly check: (project: ProjectIR) => readonly (Omit<Diagnostic, 'rule' | 'severity'> & { readonly path: string })[];
}

export function lintProject(project: ProjectIR, rules: readonly LintRule[] = LINT_RULES): Diagnostic[] {
  const exempt = new Set(project.exemptions.map((e) => `${e.rule} ${e.path}`));
  return rules.flatMap((rule) =>
    rule
      .check(project)
      .filter((f) => !exempt.has(`${rule.id} ${f.path}`))
      .map(({ path: _path, ...f }) => ({ rule: rule.id, severity: rule.severity, ...f })),
  );
}
