/**
 * The lint rules, one small function each, grouped by what they look at. Each has an id, a
 * default severity (all warnings: they never block generate) and an exemption path per finding.
 */
import type { LintRule } from './lint-project.js';
import { VIEW_RULES } from './view-rules.js';
import { EXPLORE_RULES } from './explore-rules.js';
import { DASHBOARD_RULES } from './dashboard-rules.js';

export const LINT_RULES: readonly LintRule[] = [...VIEW_RULES, ...EXPLORE_RULES, ...DASHBOARD_RULES];
