/**
 * The IR: plain, frozen, serialisable values that every later stage reads (semantic checks,
 * rendering, the query compiler). Built once from a block; stages meet only here.
 */
import type { Field } from '../vocabulary/fields.js';
import type { ViewSource } from '../vocabulary/view.js';
import type { ExploreDef } from '../vocabulary/explore.js';
import type { DashboardDef } from '../vocabulary/dashboard.js';
import type { AthenaFile, ManifestDef, ModelDef } from '../vocabulary/project.js';
import type { Exemption } from '../vocabulary/block.js';
import type { Origin } from '../vocabulary/origin.js';

/** A field with its name and owning view. */
export type FieldIR = Field & { readonly name: string; readonly view: string };

export interface ViewIR {
  readonly name: string;
  readonly source: ViewSource;
  readonly label?: string;
  readonly description?: string;
  readonly extends?: readonly string[];
  readonly extensionRequired?: boolean;
  readonly drillFields?: readonly string[];
  /** Fields declared in this view, in declaration order (what its file renders). */
  readonly ownFields: readonly FieldIR[];
  /** Own fields plus those inherited through `extends` (what queries and checks see). */
  readonly fields: readonly FieldIR[];
  readonly sets: Readonly<Record<string, readonly string[]>>;
  readonly origin?: Origin;
}

export interface ProjectIR {
  readonly manifest: ManifestDef;
  readonly model: ModelDef;
  readonly views: readonly ViewIR[];
  readonly explores: readonly ExploreDef[];
  readonly dashboards: readonly DashboardDef[];
  readonly athena: readonly AthenaFile[];
  readonly exemptions: readonly Exemption[];
}
