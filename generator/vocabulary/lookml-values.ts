/**
 * LookML parameter values as `as const` lists: one declaration gives both the TypeScript type
 * and the runtime check (for configs that bypass the types).
 */

export const DIMENSION_TYPES = ['string', 'number', 'yesno', 'tier', 'location', 'zipcode'] as const;
export type DimensionType = (typeof DIMENSION_TYPES)[number];

export const TIMEFRAMES = [
  'raw', 'time', 'time_of_day', 'date', 'week', 'month', 'quarter', 'year',
  'hour', 'hour2', 'hour3', 'hour4', 'hour6', 'hour8', 'hour12', 'hour_of_day',
  'minute', 'minute2', 'minute3', 'minute4', 'minute5', 'minute6', 'minute10', 'minute12', 'minute15',
  'minute20', 'minute30', 'second', 'millisecond', 'microsecond',
  'day_of_week', 'day_of_week_index', 'day_of_month', 'day_of_year', 'week_of_year',
  'month_name', 'month_num', 'quarter_of_year', 'yesno',
] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const DURATION_INTERVALS = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'] as const;
export type DurationInterval = (typeof DURATION_INTERVALS)[number];

export const TIME_DATATYPES = ['epoch', 'timestamp', 'datetime', 'date', 'yyyymmdd'] as const;
export type TimeDatatype = (typeof TIME_DATATYPES)[number];

/** Aggregates that take `sql:` of a dimension expression. */
export const SQL_AGGREGATE_MEASURE_TYPES = [
  'count_distinct', 'sum', 'average', 'min', 'max', 'median', 'sum_distinct', 'average_distinct',
] as const;
export type SqlAggregateMeasureType = (typeof SQL_AGGREGATE_MEASURE_TYPES)[number];

export const MEASURE_TYPES = ['count', ...SQL_AGGREGATE_MEASURE_TYPES, 'list', 'percentile', 'number'] as const;
export type MeasureType = (typeof MEASURE_TYPES)[number];

export const TIER_STYLES = ['classic', 'interval', 'integer', 'relational'] as const;
export type TierStyle = (typeof TIER_STYLES)[number];

export const VALUE_FORMAT_NAMES = [
  'decimal_0', 'decimal_1', 'decimal_2', 'decimal_3', 'decimal_4',
  'percent_0', 'percent_1', 'percent_2', 'percent_3',
  'usd', 'usd_0', 'eur', 'eur_0', 'gbp', 'gbp_0', 'id',
] as const;
export type ValueFormatName = (typeof VALUE_FORMAT_NAMES)[number];

export const FILTER_FIELD_TYPES = ['string', 'number', 'date', 'date_time', 'yesno'] as const;
export type FilterFieldType = (typeof FILTER_FIELD_TYPES)[number];

export const PARAMETER_TYPES = ['string', 'number', 'unquoted', 'yesno', 'date', 'date_time'] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export const JOIN_TYPES = ['left_outer', 'inner', 'full_outer', 'cross'] as const;
export type JoinType = (typeof JOIN_TYPES)[number];

export const RELATIONSHIPS = ['many_to_one', 'one_to_many', 'one_to_one', 'many_to_many'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const CONSTANT_EXPORTS = ['none', 'override_optional', 'override_required'] as const;
export type ConstantExport = (typeof CONSTANT_EXPORTS)[number];
