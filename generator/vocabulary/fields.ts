/**
 * Field kinds of a LookML view as discriminated unions: a measure of `type: 'count_distinct'`
 * accepts what Looker accepts for it, and nothing else. Names are the keys of the view's field
 * record, so a definition never repeats its own name.
 */
import type { Sql } from './sql.js';
import type {
  DurationInterval, FilterFieldType, ParameterType, TierStyle, TimeDatatype, Timeframe, ValueFormatName,
} from './lookml-values.js';
import { captureOrigin, type Origin } from './origin.js';

export interface Link {
  readonly label: string;
  readonly url: string;
  readonly iconUrl?: string;
}

/** Parameters every field may carry. */
export interface CommonFieldParams {
  readonly label?: string;
  readonly viewLabel?: string;
  readonly groupLabel?: string;
  readonly groupItemLabel?: string;
  readonly description?: string;
  readonly hidden?: boolean;
  readonly tags?: readonly string[];
  /** Old names that keep saved content working after a rename. */
  readonly alias?: readonly string[];
  /** Where in the TypeScript model this field was defined (filled in by the builders). */
  readonly origin?: Origin;
}

export interface ValueParams {
  readonly valueFormatName?: ValueFormatName;
  readonly valueFormat?: string;
  readonly html?: string;
  readonly links?: readonly Link[];
  readonly drillFields?: readonly string[];
}

interface SqlDimensionBase extends CommonFieldParams, ValueParams {
  readonly kind: 'dimension';
  readonly sql: Sql;
  readonly primaryKey?: boolean;
  /** A field whose values sort this one (e.g. a month number for a month name). */
  readonly orderByField?: string;
  readonly suggestions?: readonly string[];
}

export interface PlainDimension extends SqlDimensionBase {
  readonly type: 'string' | 'number' | 'yesno' | 'zipcode';
  /** A map layer whose regions this dimension's values name, e.g. `countries` for ISO codes. */
  readonly mapLayerName?: string;
}

export interface TierDimension extends SqlDimensionBase {
  readonly type: 'tier';
  readonly tiers: readonly number[];
  readonly style: TierStyle;
}

export interface LocationDimension extends CommonFieldParams, ValueParams {
  readonly kind: 'dimension';
  readonly type: 'location';
  readonly sqlLatitude: Sql;
  readonly sqlLongitude: Sql;
}

export type Dimension = PlainDimension | TierDimension | LocationDimension;

export interface TimeDimensionGroup extends CommonFieldParams {
  readonly kind: 'dimension_group';
  readonly type: 'time';
  readonly timeframes: readonly Timeframe[];
  readonly sql: Sql;
  readonly datatype?: TimeDatatype;
  readonly convertTz?: boolean;
}

export interface DurationDimensionGroup extends CommonFieldParams {
  readonly kind: 'dimension_group';
  readonly type: 'duration';
  readonly intervals: readonly DurationInterval[];
  readonly sqlStart: Sql;
  readonly sqlEnd: Sql;
}

export type DimensionGroup = TimeDimensionGroup | DurationDimensionGroup;

/** `filters: [field: "expression"]` on an aggregate measure. */
export type MeasureFilters = Readonly<Record<string, string>>;

interface MeasureBase extends CommonFieldParams, ValueParams {
  readonly kind: 'measure';
}

export interface CountMeasure extends MeasureBase {
  readonly type: 'count';
  readonly filters?: MeasureFilters;
}

export interface SqlAggregateMeasure extends MeasureBase {
  readonly type: 'count_distinct' | 'sum' | 'average' | 'min' | 'max' | 'median';
  readonly sql: Sql;
  readonly filters?: MeasureFilters;
}

export interface DistinctAggregateMeasure extends MeasureBase {
  readonly type: 'sum_distinct' | 'average_distinct';
  readonly sql: Sql;
  readonly sqlDistinctKey?: Sql;
  readonly filters?: MeasureFilters;
}

export interface PercentileMeasure extends MeasureBase {
  readonly type: 'percentile';
  readonly sql: Sql;
  readonly percentile: number;
  readonly filters?: MeasureFilters;
}

export interface ListMeasure extends MeasureBase {
  readonly type: 'list';
  /** The dimension whose distinct values are listed. */
  readonly listField: string;
  readonly filters?: MeasureFilters;
}

/** A non-aggregate measure computed from other measures; Looker allows no `filters` here. */
export interface NumberMeasure extends MeasureBase {
  readonly type: 'number';
  readonly sql: Sql;
}

export type Measure =
  | CountMeasure | SqlAggregateMeasure | DistinctAggregateMeasure | PercentileMeasure | ListMeasure | NumberMeasure;

/** A templated filter: a field users filter on, read from Liquid `{% condition %}`. */
export interface FilterField extends CommonFieldParams {
  readonly kind: 'filter';
  readonly type: FilterFieldType;
  readonly sql?: Sql;
  readonly suggestDimension?: string;
}

export interface AllowedValue {
  readonly label: string;
  readonly value: string;
}

export interface ParameterField extends CommonFieldParams {
  readonly kind: 'parameter';
  readonly type: ParameterType;
  readonly allowedValues?: readonly AllowedValue[];
  readonly defaultValue?: string;
}

export type Field = Dimension | DimensionGroup | Measure | FilterField | ParameterField;
export type FieldKind = Field['kind'];

// ---- builders: they add the TS origin; the rest is the definition as written ----

type WithoutKind<T> = T extends unknown ? Omit<T, 'kind' | 'origin'> : never;

/** Every key of every member of a union. */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
/** The members of a field union whose `type` accepts `T`. */
type MembersForType<U, T> = U extends { readonly type: infer X } ? ([T] extends [X] ? U : never) : never;
/**
 * A definition may only carry keys its kind takes. Inference of a `const` type parameter skips
 * excess-property checks, so without this `measure({ type: 'number', sql, filters })` compiled.
 */
type OnlyKnownKeys<D extends { readonly type: unknown }, U> = D & {
  readonly [K in Exclude<keyof D, KeysOfUnion<MembersForType<U, D['type']>>>]: never;
};

export function dimension<const D extends WithoutKind<Dimension>>(def: OnlyKnownKeys<D, WithoutKind<Dimension>>): D & { kind: 'dimension' } {
  return Object.freeze({ kind: 'dimension', ...def, origin: captureOrigin() }) as unknown as D & { kind: 'dimension' };
}

export function dimensionGroup<const D extends WithoutKind<DimensionGroup>>(def: OnlyKnownKeys<D, WithoutKind<DimensionGroup>>): D & { kind: 'dimension_group' } {
  return Object.freeze({ kind: 'dimension_group', ...def, origin: captureOrigin() }) as unknown as D & { kind: 'dimension_group' };
}

export function measure<const M extends WithoutKind<Measure>>(def: OnlyKnownKeys<M, WithoutKind<Measure>>): M & { kind: 'measure' } {
  return Object.freeze({ kind: 'measure', ...def, origin: captureOrigin() }) as unknown as M & { kind: 'measure' };
}

export function filterField<const F extends WithoutKind<FilterField>>(def: OnlyKnownKeys<F, WithoutKind<FilterField>>): F & { kind: 'filter' } {
  return Object.freeze({ kind: 'filter', ...def, origin: captureOrigin() }) as unknown as F & { kind: 'filter' };
}

export function parameter<const P extends WithoutKind<ParameterField>>(def: OnlyKnownKeys<P, WithoutKind<ParameterField>>): P & { kind: 'parameter' } {
  return Object.freeze({ kind: 'parameter', ...def, origin: captureOrigin() }) as unknown as P & { kind: 'parameter' };
}

/**
 * The names a field contributes to its view: a time group `event_time` with timeframes
 * [date, week] gives `event_time_date` and `event_time_week`; a duration group `open` with
 * intervals [day] gives `days_open`; other fields give their own name.
 */
export type FieldNamesOf<K extends string, F> = F extends { kind: 'dimension_group'; type: 'time'; timeframes: readonly (infer T extends string)[] }
  ? `${K}_${T}`
  : F extends { kind: 'dimension_group'; type: 'duration'; intervals: readonly (infer I extends string)[] }
    ? `${I}s_${K}`
    : K;

/** Runtime twin of FieldNamesOf. */
export function fieldNamesOf(name: string, field: Field): string[] {
  if (field.kind !== 'dimension_group') return [name];
  if (field.type === 'time') return field.timeframes.map((t) => `${name}_${t}`);
  return field.intervals.map((i) => `${i}s_${name}`);
}
