/** Lookups over the IR: which field a `view.field` name means, with time groups expanded. */
import { fieldNamesOf } from '../vocabulary/fields.js';
import type { FieldIR, ProjectIR, ViewIR } from './project-ir.js';

/** A resolved field name: the field and, for a dimension group, the timeframe or interval. */
export interface ResolvedField {
  readonly field: FieldIR;
  /** `event_time_date` → `date`; undefined for plain fields. */
  readonly timeframe?: string;
}

export class FieldIndex {
  private readonly views = new Map<string, ViewIR>();
  private readonly fields = new Map<string, Map<string, ResolvedField>>();

  constructor(project: ProjectIR) {
    for (const v of project.views) {
      this.views.set(v.name, v);
      this.fields.set(v.name, namesOfView(v));
    }
  }

  view(name: string): ViewIR | undefined {
    return this.views.get(name);
  }

  /** Looks up `field` in `view` (expanded names such as `event_time_date` included). */
  field(view: string, field: string): ResolvedField | undefined {
    return this.fields.get(view)?.get(field);
  }

  /** Every addressable name of a view. */
  names(view: string): string[] {
    return [...(this.fields.get(view)?.keys() ?? [])];
  }
}

function namesOfView(v: ViewIR): Map<string, ResolvedField> {
  const names = new Map<string, ResolvedField>();
  for (const f of v.fields) {
    if (f.kind !== 'dimension_group') {
      names.set(f.name, { field: f });
      continue;
    }
    const parts = f.type === 'time' ? f.timeframes : f.intervals;
    fieldNamesOf(f.name, f).forEach((n, i) => names.set(n, { field: f, timeframe: parts[i]! }));
  }
  return names;
}

/** Splits `view.field`; undefined when the text is not of that form. */
export function splitQualified(name: string): { view: string; field: string } | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(name);
  return m ? { view: m[1]!, field: m[2]! } : undefined;
}
