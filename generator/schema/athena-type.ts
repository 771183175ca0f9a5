/** Renders a column type as Athena (Hive DDL) writes it: `struct<type:string,arn:string>`. */
import type { ColumnType } from './column.js';

export function athenaTypeString(type: ColumnType): string {
  switch (type.kind) {
    case 'string':
    case 'bigint':
    case 'double':
    case 'boolean':
      return type.kind;
    case 'struct':
      return `struct<${type.fields.map((f) => `${f.name}:${athenaTypeString(f.type)}`).join(',')}>`;
    case 'array':
      return `array<${athenaTypeString(type.of)}>`;
    case 'map':
      return `map<${athenaTypeString(type.key)},${athenaTypeString(type.value)}>`;
  }
}
