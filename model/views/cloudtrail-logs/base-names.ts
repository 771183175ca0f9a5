/** The field names each step of the `cloudtrail_logs` view can reference (for typed `v.fields`). */
import type { ViewBuilder } from '../../../generator/vocabulary/view.js';
import type { SchemaDimensionName } from '../schema-dimensions.js';

/** The schema dimensions plus the event time group: what every field file may reference. */
export type BaseName = SchemaDimensionName | `event_time_${'raw' | 'time' | 'date'}`;

/**
 * What a field file needs from the view builder: typed references to at least `Names`, and the
 * field builders. (A structural subset: a builder with MORE fields must fit, which the phantom
 * name type of the whole ViewBuilder would refuse.)
 */
export type FieldsBuilder<Names extends string> = Pick<
  ViewBuilder<Names>,
  'fields' | 'table' | 'sql' | 'sqlText' | 'dimension' | 'dimensionGroup' | 'measure'
>;

/** A view builder that has at least the base fields. */
export type BaseBuilder = FieldsBuilder<BaseName>;
