/** Dashboard lint rules: filters that reach every tile they should, text tiles that say something. */
import type { DashboardDef, DashboardElement } from '../../vocabulary/dashboard.js';
import type { LintFinding, LintRule } from './lint-project.js';
import { dashboardFile, exemptTile, tilePath } from '../paths.js';
import { tileTitle } from '../rules/finding.js';

const tileFinding = (d: DashboardDef, t: DashboardElement, message: string, hint: string): LintFinding => ({
  path: exemptTile(d.name, t.name), where: tilePath(d.name, tileTitle(t)), message, file: dashboardFile(d.name), ...((t.origin ?? d.origin) ? { origin: t.origin ?? d.origin } : {}), hint,
});

export const tilesListenToFilters: LintRule = {
  id: 'tile-listens',
  severity: 'warning',
  description: 'Every query tile listens to every dashboard filter on its explore: a tile that ignores the date filter shows another period than its neighbours.',
  check: (project) =>
    project.dashboards.flatMap((d) =>
      d.elements.flatMap((t) => {
        if (t.kind !== 'query') return [];
        const missed = d.filters.filter((f) => f.explore === t.explore && !(f.name in (t.listen ?? {})));
        return missed.length === 0 ? [] : [tileFinding(d, t, `does not listen to dashboard filter${missed.length > 1 ? 's' : ''} ${missed.map((f) => f.name).join(', ')} on its explore ${t.explore}`,
          'add listen: { filter: "view.field" }, or exempt the tile with the reason it must ignore the filter')];
      }),
    ),
};

export const textTilesHaveBody: LintRule = {
  id: 'text-tile-body',
  severity: 'warning',
  description: 'Text tiles have a body: a title-only text tile is an empty box on the dashboard.',
  check: (project) =>
    project.dashboards.flatMap((d) =>
      d.elements
        .filter((t) => t.kind === 'text' && !(t.bodyText ?? '').trim())
        .map((t) => tileFinding(d, t, 'is a text tile without body_text', 'add bodyText, or remove the tile')),
    ),
};

export const DASHBOARD_RULES: readonly LintRule[] = [tilesListenToFilters, textTilesHaveBody];
