/**
 * A block: everything one Looker project holds, as one immutable value. Customisation is
 * ordinary TypeScript: every method returns a new block, and view names and field names are
 * typed so `extendView('cloudtrail_logs', (v) => … v.fields.user_agent …)` fails `tsc` on a typo.
 */
import type { Field } from './fields.js';
import { ViewBuilder, type NamesOfFields, type ViewDef } from './view.js';
import type { ExploreDef } from './explore.js';
import type { DashboardDef, DashboardElement } from './dashboard.js';
import type { AthenaFile, ManifestDef, ModelDef } from './project.js';

/** A typed lint exemption: rule id, the path it applies to, and why. */
export interface Exemption {
  readonly rule: string;
  /** `view/field`, `explore/name`, `dashboard/tile`… as findings print it. */
  readonly path: string;
  readonly reason: string;
}

export interface BlockContent {
  readonly manifest: ManifestDef;
  readonly model: ModelDef;
  readonly views: readonly ViewDef[];
  readonly explores: readonly ExploreDef[];
  readonly dashboards: readonly DashboardDef[];
  readonly athena: readonly AthenaFile[];
  readonly exemptions: readonly Exemption[];
}

/** View name → its field names; the type-level shape of a block. */
export type ViewNames = Record<string, string>;

export class Block<V extends ViewNames = ViewNames> {
  /** Phantom, for typed customisation. */
  declare readonly __views?: V;

  constructor(readonly content: BlockContent) {
    Object.freeze(this);
  }

  static of<V extends ViewNames>(content: BlockContent): Block<V> {
    return new Block<V>(content);
  }

  private with(patch: Partial<BlockContent>): Block<V> {
    return new Block<V>({ ...this.content, ...patch });
  }

  view<K extends keyof V & string>(name: K): ViewDef<V[K]> {
    const found = this.content.views.find((v) => v.name === name);
    if (!found) throw new Error(`no view named "${name}" in the block (views: ${this.content.views.map((v) => v.name).join(', ')})`);
    return found as ViewDef<V[K]>;
  }

  private replaceView(name: string, next: ViewDef): Block<V> {
    return this.with({ views: this.content.views.map((v) => (v.name === name ? next : v)) });
  }

  /** Adds fields to a view; they may reference its existing fields through `v.fields`. */
  extendView<K extends keyof V & string, const F extends Readonly<Record<string, Field>>>(
    name: K,
    make: (v: ViewBuilder<V[K]>) => F,
  ): Block<Omit<V, K> & { [P in K]: V[K] | NamesOfFields<F> }> {
    const next = new ViewBuilder<V[K]>(this.view(name)).add(make).build();
    return this.replaceView(name, next) as unknown as Block<Omit<V, K> & { [P in K]: V[K] | NamesOfFields<F> }>;
  }

  /** Changes one field: a partial patch (label, description, sql…) or a function of the old field. */
  overrideField<K extends keyof V & string>(
    viewName: K,
    field: string,
    change: Partial<Field> | ((old: Field) => Field),
  ): Block<V> {
    const v = this.view(viewName);
    const old = v.fields[field];
    if (!old) throw new Error(`view ${viewName} has no field "${field}" to override`);
    const next = typeof change === 'function' ? change(old) : ({ ...old, ...change } as Field);
    return this.replaceView(viewName, { ...v, fields: { ...v.fields, [field]: Object.freeze(next) } });
  }

  hideField<K extends keyof V & string>(viewName: K, field: string): Block<V> {
    return this.overrideField(viewName, field, { hidden: true });
  }

  removeField<K extends keyof V & string>(viewName: K, field: string): Block<V> {
    const v = this.view(viewName);
    if (!(field in v.fields)) throw new Error(`view ${viewName} has no field "${field}" to remove`);
    const fields = { ...v.fields };
    delete fields[field];
    return this.replaceView(viewName, { ...v, fields });
  }

  addView<N extends string, Names extends string>(def: ViewDef<Names> & { name: N }): Block<V & { [P in N]: Names }> {
    if (this.content.views.some((v) => v.name === def.name)) throw new Error(`a view named "${def.name}" already exists`);
    return new Block({ ...this.content, views: [...this.content.views, def] });
  }

  addExplore(def: ExploreDef): Block<V> {
    if (this.content.explores.some((e) => e.name === def.name)) throw new Error(`an explore named "${def.name}" already exists`);
    return this.with({ explores: [...this.content.explores, def] });
  }

  mapExplore(name: string, change: (old: ExploreDef) => ExploreDef): Block<V> {
    if (!this.content.explores.some((e) => e.name === name)) throw new Error(`no explore named "${name}"`);
    return this.with({ explores: this.content.explores.map((e) => (e.name === name ? change(e) : e)) });
  }

  addDashboard(def: DashboardDef): Block<V> {
    if (this.content.dashboards.some((d) => d.name === def.name)) throw new Error(`a dashboard named "${def.name}" already exists`);
    return this.with({ dashboards: [...this.content.dashboards, def] });
  }

  removeDashboard(name: string): Block<V> {
    if (!this.content.dashboards.some((d) => d.name === name)) throw new Error(`no dashboard named "${name}"`);
    return this.with({ dashboards: this.content.dashboards.filter((d) => d.name !== name) });
  }

  mapDashboard(name: string, change: (old: DashboardDef) => DashboardDef): Block<V> {
    if (!this.content.dashboards.some((d) => d.name === name)) throw new Error(`no dashboard named "${name}"`);
    return this.with({ dashboards: this.content.dashboards.map((d) => (d.name === name ? change(d) : d)) });
  }

  /** Adds a tile to a dashboard. */
  addTile(dashboardName: string, element: DashboardElement): Block<V> {
    return this.mapDashboard(dashboardName, (d) => ({ ...d, elements: [...d.elements, element] }));
  }

  removeTile(dashboardName: string, elementName: string): Block<V> {
    return this.mapDashboard(dashboardName, (d) => {
      if (!d.elements.some((e) => e.name === elementName)) throw new Error(`dashboard ${dashboardName} has no tile "${elementName}"`);
      return { ...d, elements: d.elements.filter((e) => e.name !== elementName) };
    });
  }

  withModel(patch: Partial<ModelDef>): Block<V> {
    return this.with({ model: { ...this.content.model, ...patch } });
  }

  withManifest(patch: Partial<ManifestDef>): Block<V> {
    return this.with({ manifest: { ...this.content.manifest, ...patch } });
  }

  /** Exempts one path from one lint rule, with the reason kept in the config. */
  exempt(exemption: Exemption): Block<V> {
    return this.with({ exemptions: [...this.content.exemptions, exemption] });
  }
}

/** Duck-typed, so a config that loaded its own copy of the vocabulary is still recognised. */
export function isBlock(value: unknown): value is Block {
  const content = (value as { content?: Partial<BlockContent> } | null)?.content;
  return typeof content === 'object' && content !== null && Array.isArray(content.views) && Array.isArray(content.dashboards);
}
