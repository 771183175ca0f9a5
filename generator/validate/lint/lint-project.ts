/**
 * Lint rules in the spirit of LAMS: each has an id and a default severity; a finding on a path
 * the block exempts (rule id + path + reason, typed in the config) is dropped.
 *
 * LAMS users fight exemptions that silently do nothing (LAMS #55, #84, #101, #129), so here an
 * exemption that names no lint rule, has no reason, or matches no finding is itself reported.
 */
import type { ProjectIR } from '../../ir/project-ir.js';
import type { Exemption } from '../../vocabulary/block.js';
import type { Diagnostic } from '../diagnostics.js';
import { didYouMean } from '../diagnostics.js';
import { LINT_RULES } from './rules.js';

/** A lint finding before the rule's id and severity are attached; `path` is what exemptions name. */
export type LintFinding = Omit<Diagnostic, 'rule' | 'severity'> & { readonly path: string };

export interface LintRule {
  readonly id: string;
  readonly severity: Diagnostic['severity'];
  readonly description: string;
  /** Findings with the path an exemption names (`view/<view>`, `<view>/<field>`, `explore/<explore>`, …). */
  readonly check: (project: ProjectIR) => readonly LintFinding[];
}

export const EXEMPTION_RULE = 'exemption';

/** `*` in an exemption path matches any run of characters (`cloudtrail_logs/*` exempts every field). */
function pathMatcher(path: string): (candidate: string) => boolean {
  if (!path.includes('*')) return (candidate) => candidate === path;
  const re = new RegExp(`^${path.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (candidate) => re.test(candidate);
}

export function lintProject(project: ProjectIR, rules: readonly LintRule[] = LINT_RULES): Diagnostic[] {
  const exemptions = project.exemptions.map((e) => ({ e, matches: pathMatcher(e.path), used: false }));
  const findings = rules.flatMap((rule) => {
    let found: readonly LintFinding[];
    try {
      found = rule.check(project);
    } catch (error) {
      // A lint rule must never stop the run; say which rule broke instead.
      return [{ rule: rule.id, severity: 'warning' as const, where: 'project', message: `lint rule could not run: ${(error as Error)?.message ?? String(error)}` }];
    }
    return found
      .filter((f) => {
        const hit = exemptions.find((x) => x.e.rule === rule.id && x.matches(f.path));
        if (hit) hit.used = true;
        return !hit;
      })
      .map(({ path: _path, ...f }): Diagnostic => ({ rule: rule.id, severity: rule.severity, ...f }));
  });
  return [...findings, ...exemptionFindings(exemptions, rules)];
}

/** Exemptions that cannot be right: unknown rule, no reason, or nothing left to exempt. */
function exemptionFindings(exemptions: readonly { e: Exemption; used: boolean }[], rules: readonly LintRule[]): Diagnostic[] {
  const ids = rules.map((r) => r.id);
  return exemptions.flatMap(({ e, used }): Diagnostic[] => {
    const where = `exemption ${e.rule} ${e.path}`;
    const base = { rule: EXEMPTION_RULE, severity: 'warning' as const, where };
    if (!ids.includes(e.rule)) {
      return [{ ...base, message: `names rule "${e.rule}", which is not a lint rule${didYouMean(e.rule, ids)}`, hint: `lint rules: ${ids.join(', ')} (errors cannot be exempted)` }];
    }
    const out: Diagnostic[] = [];
    if (typeof e.reason !== 'string' || e.reason.trim() === '') out.push({ ...base, message: 'has no reason', hint: 'say why the rule does not apply here' });
    if (!used) out.push({ ...base, message: 'matches no finding (the path is wrong, or the problem was fixed)', hint: 'paths look like view/<view>, <view>/<field>, explore/<explore>, <dashboard>/<tile>; remove stale exemptions' });
    return out;
  });
}
