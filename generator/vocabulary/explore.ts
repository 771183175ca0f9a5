/** Explores and joins. Field references are `view.field` strings, checked at generate time. */
import type { JoinType, Relationship } from './lookml-values.js';
import type { Sql } from './sql.js';
import { captureOrigin, type Origin } from './origin.js';

export interface JoinDef {
  readonly name: string;
  /** The view joined under this name, when it differs. */
  readonly from?: string;
  readonly type?: JoinType;
  readonly relationship: Relationship;
  readonly sqlOn?: Sql;
  readonly viewLabel?: string;
  readonly fields?: readonly string[];
  readonly requiredJoins?: readonly string[];
  readonly origin?: Origin;
}

export interface AccessFilter {
  readonly field: string;
  readonly userAttribute: string;
}

export interface ExploreDef {
  readonly name: string;
  /** The base view, when it differs from the explore name. */
  readonly from?: string;
  readonly label?: string;
  readonly description?: string;
  readonly groupLabel?: string;
  readonly hidden?: boolean;
  readonly tags?: readonly string[];
  readonly joins?: readonly JoinDef[];
  /** Filters every query must carry; users may change the value, not remove the filter. */
  readonly alwaysFilter?: Readonly<Record<string, string>>;
  /** Filters applied unless the user filters on one of `unless`. */
  readonly conditionallyFilter?: { readonly filters: Readonly<Record<string, string>>; readonly unless: readonly string[] };
  readonly sqlAlwaysWhere?: Sql;
  readonly fields?: readonly string[];
  readonly accessFilters?: readonly AccessFilter[];
  readonly persistWith?: string;
  readonly origin?: Origin;
}

export function explore(def: Omit<ExploreDef, 'origin'>): ExploreDef {
  return Object.freeze({ ...def, origin: captureOrigin() });
}

export function join(def: Omit<JoinDef, 'origin'>): JoinDef {
  return Object.freeze({ ...def, origin: captureOrigin() });
}

/** The view an explore starts from. */
export function baseViewOf(e: ExploreDef): string {
  return e.from ?? e.name;
}

/** The view behind a join. */
export function joinedViewOf(j: JoinDef): string {
  return j.from ?? j.name;
}
