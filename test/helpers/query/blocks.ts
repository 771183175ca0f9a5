/**
 * Small blocks for query-compiler tests, built with the vocabulary (not the built-in CloudTrail
 * block, whose fields are being renamed and added to): a project is a list of views, explores and
 * dashboards plus manifest constants.
 */
import { Block } from '../../../generator/vocabulary/block.js';
import type { ViewDef } from '../../../generator/vocabulary/view.js';
import type { ExploreDef } from '../../../generator/vocabulary/explore.js';
import type { DashboardDef } from '../../../generator/vocabulary/dashboard.js';
import { buildIr } from '../../../generator/ir/build-ir.js';
import type { ProjectIR } from '../../../generator/ir/project-ir.js';

export interface FixtureProject {
  readonly views: readonly (ViewDef | { build(): ViewDef })[];
  readonly explores: readonly ExploreDef[];
  readonly dashboards?: readonly DashboardDef[];
  readonly constants?: Readonly<Record<string, string>>;
}

export function fixtureBlock(p: FixtureProject): Block {
  return Block.of({
    manifest: {
      projectName: 'query_fixture',
      constants: Object.fromEntries(Object.entries(p.constants ?? {}).map(([k, value]) => [k, { value }])),
    },
    model: { name: 'query_fixture', connection: 'athena', includes: [] },
    views: p.views.map((v) => ('build' in v ? v.build() : v)),
    explores: [...p.explores],
    dashboards: [...(p.dashboards ?? [])],
    athena: [],
    exemptions: [],
  });
}

export function fixtureIr(p: FixtureProject): ProjectIR {
  return buildIr(fixtureBlock(p));
}

/** The fixed "now" of every query test (a Friday, so "7 days" and weeks are easy to check). */
export const NOW = new Date('2024-05-10T12:00:00Z');
