/** Which views an explore exposes, under which names (a join's name, or the explore's). */
import { baseViewOf, joinedViewOf, type ExploreDef, type JoinDef } from '../vocabulary/explore.js';
import { FieldIndex, splitQualified, type ResolvedField } from './field-index.js';
import type { ViewIR } from './project-ir.js';

export class ExploreScope {
  /** Alias (as written in `alias.field`) → view name. */
  readonly aliases: ReadonlyMap<string, string>;
  readonly baseAlias: string;

  constructor(readonly explore: ExploreDef, private readonly index: FieldIndex) {
    // Looker names the base view's fields after the explore when `from` is used.
    this.baseAlias = explore.name;
    const aliases = new Map<string, string>([[explore.name, baseViewOf(explore)]]);
    for (const j of explore.joins ?? []) aliases.set(j.name, joinedViewOf(j));
    this.aliases = aliases;
  }

  viewIr(name: string): ViewIR | undefined {
    return this.index.view(name);
  }

  join(alias: string): JoinDef | undefined {
    return this.explore.joins?.find((j) => j.name === alias);
  }

  /** Resolves `alias.field` inside this explore. */
  resolve(qualified: string): (ResolvedField & { alias: string }) | undefined {
    const parts = splitQualified(qualified);
    if (!parts) return undefined;
    const viewName = this.aliases.get(parts.view);
    if (viewName === undefined) return undefined;
    const found = this.index.field(viewName, parts.field);
    return found && { ...found, alias: parts.view };
  }

  /** Every `alias.field` name the explore offers (for "did you mean"). */
  allNames(): string[] {
    return [...this.aliases].flatMap(([alias, view]) => this.index.names(view).map((f) => `${alias}.${f}`));
  }
}
