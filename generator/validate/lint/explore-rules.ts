/** Explore lint rules (LAMS E2, E7 and the usual explore hygiene). */
import { joinedViewOf, type ExploreDef, type JoinDef } from '../../vocabulary/explore.js';
import { refsOf } from '../../vocabulary/sql.js';
import { isSql } from '../../vocabulary/sql.js';
import type { LintFinding, LintRule } from './lint-project.js';
import { exemptExplore, exemptJoin, exploreFile, explorePath, joinPath } from '../paths.js';
import { defaultLabel, primaryKeysOf } from '../rules/field-facts.js';

const exploreFinding = (e: ExploreDef, message: string, hint: string): LintFinding => ({
  path: exemptExplore(e.name), where: explorePath(e.name), message, file: exploreFile(e.name), ...(e.origin ? { origin: e.origin } : {}), hint,
});

const joinFinding = (e: ExploreDef, j: JoinDef, message: string, hint: string): LintFinding => ({
  path: exemptJoin(e.name, j.name), where: joinPath(e.name, j.name), message, file: exploreFile(e.name), ...((j.origin ?? e.origin) ? { origin: j.origin ?? e.origin } : {}), hint,
});

export const EXPLORE_LABEL_MAX = 25;

export const exploreLabelLength: LintRule = {
  id: 'explore-label-length',
  severity: 'warning',
  description: `Explore labels are at most ${EXPLORE_LABEL_MAX} characters (LAMS E7): longer ones are cut off in the Explore menu.`,
  check: (project) =>
    project.explores
      .filter((e) => !e.hidden)
      .flatMap((e) => {
        const label = e.label ?? defaultLabel(e.name);
        return label.length <= EXPLORE_LABEL_MAX ? [] : [exploreFinding(e, `label "${label}" has ${label.length} characters (at most ${EXPLORE_LABEL_MAX})`, 'shorten the label; put detail in the description')];
      }),
};

export const exploreDescribed: LintRule = {
  id: 'explore-description',
  severity: 'warning',
  description: 'Visible explores have a description (shown in the Explore menu).',
  check: (project) =>
    project.explores
      .filter((e) => !e.hidden && !e.description)
      .map((e) => exploreFinding(e, 'has no description', 'say what one row is and what the explore answers')),
};

export const joinOnPrimaryKey: LintRule = {
  id: 'join-on-primary-key',
  severity: 'warning',
  description: 'A many_to_one or one_to_one join matches the primary key of the joined view (LAMS E2); otherwise the "one" side may repeat.',
  check: (project) => {
    const views = new Map(project.views.map((v) => [v.name, v] as const));
    return project.explores.flatMap((e) =>
      (e.joins ?? []).flatMap((j) => {
        const v = views.get(joinedViewOf(j));
        if (!v || (j.relationship !== 'many_to_one' && j.relationship !== 'one_to_one') || !isSql(j.sqlOn)) return [];
        const keys = primaryKeysOf(v).map((k) => k.name);
        // No key at all is the primary-key rule's finding.
        if (keys.length === 0) return [];
        const used = refsOf(j.sqlOn).some((r) => r.view === j.name && keys.includes(r.field));
        return used ? [] : [joinFinding(e, j, `is ${j.relationship} but sql_on does not use \${${j.name}.${keys[0]}}, the primary key of view ${v.name}`,
          'join on the primary key of the joined view, or correct the relationship')];
      }),
    );
  },
};

export const EXPLORE_RULES: readonly LintRule[] = [exploreLabelLength, exploreDescribed, joinOnPrimaryKey];
