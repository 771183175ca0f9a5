/**
 * Views: a source (table or derived SQL), fields keyed by name, and sets. A view is built in
 * steps so that each step's fields are typed references for the next: `v.fields.event_name`
 * exists only once `event_name` was added, and a typo fails `tsc`.
 */
import {
  dimension, dimensionGroup, fieldNamesOf, filterField, measure, parameter,
  type Field, type FieldNamesOf,
} from './fields.js';
import { fieldRef, sql, sqlText, TABLE, type FieldRef, type Sql, type TableRef } from './sql.js';
import { captureOrigin, type Origin } from './origin.js';

export type ViewSource =
  | { readonly kind: 'table'; readonly sqlTableName: string }
  | {
      readonly kind: 'derived';
      readonly sql: Sql;
      readonly datagroupTrigger?: string;
    }
  /** An abstract view that only exists to be extended. */
  | { readonly kind: 'none' };

export interface ViewDef<Names extends string = string> {
  readonly name: string;
  readonly source: ViewSource;
  readonly label?: string;
  readonly description?: string;
  readonly extends?: readonly string[];
  readonly extensionRequired?: boolean;
  readonly drillFields?: readonly string[];
  readonly fields: Readonly<Record<string, Field>>;
  readonly sets: Readonly<Record<string, readonly string[]>>;
  readonly origin?: Origin;
  /** Phantom: the field names, for typed references in customisations. */
  readonly __names?: Names;
}

export type NamesOfFields<F> = { [K in keyof F & string]: FieldNamesOf<K, F[K]> }[keyof F & string];

export type ViewOptions = Omit<ViewDef, 'name' | 'fields' | 'sets' | 'origin' | '__names'>;

/** Typed access to a view's fields while defining or extending it. */
export class ViewBuilder<Names extends string> {
  readonly sql = sql;
  readonly sqlText = sqlText;
  readonly dimension = dimension;
  readonly dimensionGroup = dimensionGroup;
  readonly measure = measure;
  readonly filter = filterField;
  readonly parameter = parameter;

  constructor(readonly def: ViewDef<Names>) {}

  /** `${TABLE}` of this view. */
  get table(): TableRef {
    return TABLE;
  }

  /** References to this view's fields (`${field}`), typed by name. */
  get fields(): { readonly [K in Names]: FieldRef } {
    return new Proxy({} as { readonly [K in Names]: FieldRef }, {
      get: (_target, name) => (typeof name === 'string' ? fieldRef(name) : undefined),
    });
  }

  /** Adds fields; their definitions may reference the fields added so far. Names must be new. */
  add<const F extends Readonly<Record<string, Field>>>(make: (v: this) => F): ViewBuilder<Names | NamesOfFields<F>> {
    const added = make(this);
    const fields = { ...this.def.fields };
    for (const [name, field] of Object.entries(added)) {
      if (fieldNamesOf(name, field).some((n) => n in expandedNames(fields)) || name in fields) {
        throw new Error(`view ${this.def.name}: field "${name}" is already defined (use overrideField to change it)`);
      }
      fields[name] = field;
    }
    return new ViewBuilder({ ...this.def, fields: Object.freeze(fields) } as ViewDef<Names | NamesOfFields<F>>);
  }

  /** Declares a named set of this view's fields (for drill_fields). */
  set(name: string, fields: readonly Names[]): ViewBuilder<Names> {
    return new ViewBuilder({ ...this.def, sets: Object.freeze({ ...this.def.sets, [name]: Object.freeze([...fields]) }) });
  }

  build(): ViewDef<Names> {
    return Object.freeze({ ...this.def });
  }
}

/** The names every field of a record contributes (time groups expand to their timeframes). */
export function expandedNames(fields: Readonly<Record<string, Field>>): Record<string, string> {
  const names: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) for (const n of fieldNamesOf(name, field)) names[n] = name;
  return names;
}

/** Starts a view. */
export function view(name: string, options: ViewOptions): ViewBuilder<never> {
  return new ViewBuilder<never>({ name, ...options, fields: Object.freeze({}), sets: Object.freeze({}), origin: captureOrigin() });
}
