/** The semantic checks that run before anything is written; all findings at once. */
import type { ProjectIR } from '../ir/project-ir.js';
import type { Diagnostic } from './diagnostics.js';
import { checkReferences } from './rules/references.js';
import { checkDuplicates, checkIdentifiers, checkSqlTerminators } from './rules/structure.js';

export type ProjectRule = (project: ProjectIR) => Diagnostic[];

export const CORE_RULES: readonly ProjectRule[] = [checkIdentifiers, checkDuplicates, checkSqlTerminators, checkReferences];

export function validateProject(project: ProjectIR, rules: readonly ProjectRule[] = CORE_RULES): Diagnostic[] {
  return rules.flatMap((rule) => rule(project));
}
