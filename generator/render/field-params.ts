/**
 * Field IR → LookML parameters, in a fixed order per kind. Dispatch covers every field kind, so
 * a new kind without a renderer fails `tsc`.
 */
import type { FieldIR } from '../ir/project-ir.js';
import type { CommonFieldParams, Field, Link, ValueParams } from '../vocabulary/fields.js';
import { sqlToLookml, type Sql } from '../vocabulary/sql.js';
import {
  bareList, bareValue, block, filterMap, params, quoted, quotedList, sqlValue, yesNo,
  type LkmlParam, type LkmlValue,
} from './lookml-syntax.js';

type Renderers = { [K in Field['kind']]: (f: Extract<FieldIR, { kind: K }>) => LkmlParam };

const sqlOf = (s: Sql | undefined): LkmlValue | undefined => (s === undefined ? undefined : sqlValue(sqlToLookml(s)));
const opt = <T>(v: T | undefined, f: (v: T) => LkmlValue): LkmlValue | undefined => (v === undefined ? undefined : f(v));

function commonParams(f: CommonFieldParams): (readonly [string, LkmlValue | undefined])[] {
  return [
    ['label', opt(f.label, quoted)],
    ['view_label', opt(f.viewLabel, quoted)],
    ['group_label', opt(f.groupLabel, quoted)],
    ['group_item_label', opt(f.groupItemLabel, quoted)],
    ['description', opt(f.description, quoted)],
    ['hidden', opt(f.hidden, yesNo)],
    ['tags', opt(f.tags, quotedList)],
    ['alias', opt(f.alias, bareList)],
  ];
}

function valueParams(f: ValueParams): (readonly [string, LkmlValue | undefined] | undefined)[] {
  return [
    ['value_format_name', opt(f.valueFormatName, bareValue)],
    ['value_format', opt(f.valueFormat, quoted)],
    ['html', opt(f.html, sqlValue)],
    ...(f.links ?? []).map((l: Link) => ['link', linkBlock(l)] as const),
    ['drill_fields', opt(f.drillFields, bareList)],
  ];
}

function linkBlock(l: Link): LkmlValue {
  return block(params(['label', quoted(l.label)], ['url', quoted(l.url)], ['icon_url', opt(l.iconUrl, quoted)]));
}

const renderers: Renderers = {
  dimension: (f) => {
    const typed: (readonly [string, LkmlValue | undefined])[] =
      f.type === 'location'
        ? [['sql_latitude', sqlOf(f.sqlLatitude)], ['sql_longitude', sqlOf(f.sqlLongitude)]]
        : [
            ['primary_key', opt(f.primaryKey, yesNo)],
            ['sql', sqlOf(f.sql)],
            ...(f.type === 'tier' ? ([['tiers', bareList(f.tiers.map(String))], ['style', bareValue(f.style)]] as const) : []),
            ['order_by_field', opt(f.orderByField, bareValue)],
            ['map_layer_name', 'mapLayerName' in f ? opt(f.mapLayerName, bareValue) : undefined],
            ['suggestions', opt(f.suggestions, quotedList)],
          ];
    return { key: 'dimension', value: block(params(['type', bareValue(f.type)], ...typed, ...commonParams(f), ...valueParams(f)), f.name) };
  },
  dimension_group: (f) => {
    const typed: (readonly [string, LkmlValue | undefined])[] =
      f.type === 'time'
        ? [
            ['timeframes', bareList(f.timeframes)],
            ['datatype', opt(f.datatype, bareValue)],
            ['convert_tz', opt(f.convertTz, yesNo)],
            ['sql', sqlOf(f.sql)],
          ]
        : [['intervals', bareList(f.intervals)], ['sql_start', sqlOf(f.sqlStart)], ['sql_end', sqlOf(f.sqlEnd)]];
    return { key: 'dimension_group', value: block(params(['type', bareValue(f.type)], ...typed, ...commonParams(f)), f.name) };
  },
  measure: (f) => {
    const typed: (readonly [string, LkmlValue | undefined])[] = [
      ['sql', 'sql' in f ? sqlOf(f.sql) : undefined],
      ['sql_distinct_key', 'sqlDistinctKey' in f ? sqlOf(f.sqlDistinctKey) : undefined],
      ['percentile', f.type === 'percentile' ? bareValue(String(f.percentile)) : undefined],
      ['list_field', f.type === 'list' ? bareValue(f.listField) : undefined],
      ['filters', 'filters' in f ? opt(f.filters, filterMap) : undefined],
    ];
    return { key: 'measure', value: block(params(['type', bareValue(f.type)], ...typed, ...commonParams(f), ...valueParams(f)), f.name) };
  },
  filter: (f) => ({
    key: 'filter',
    value: block(params(['type', bareValue(f.type)], ['sql', sqlOf(f.sql)], ['suggest_dimension', opt(f.suggestDimension, bareValue)], ...commonParams(f)), f.name),
  }),
  parameter: (f) => ({
    key: 'parameter',
    value: block(
      params(
        ['type', bareValue(f.type)],
        ...commonParams(f),
        ...(f.allowedValues ?? []).map((a) => ['allowed_value', block(params(['label', quoted(a.label)], ['value', quoted(a.value)]))] as const),
        ['default_value', opt(f.defaultValue, quoted)],
      ),
      f.name,
    ),
  }),
};

export function fieldParam(f: FieldIR): LkmlParam {
  return (renderers[f.kind] as (f: FieldIR) => LkmlParam)(f);
}
