/**
 * The table-schema vocabulary: one column list is the single source for the Athena DDL, the
 * base LookML view and the local DuckDB table. Each type knows its own renderings.
 */

/** An Athena (Hive DDL) column type. */
export type ColumnType =
  | { readonly kind: 'string' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'double' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'struct'; readonly fields: readonly Column[] }
  | { readonly kind: 'array'; readonly of: ColumnType }
  | { readonly kind: 'map'; readonly key: ColumnType; readonly value: ColumnType };

/**
 * How the value is kept in the table.
 * - `plain`: a scalar or struct read as is.
 * - `json`: a free-form JSON object in the record, kept as its JSON text in a STRING column
 *   (requestParameters and friends); query it with json_extract_scalar.
 */
export type ColumnStorage = 'plain' | 'json';

export interface Column {
  /** Lower-case name, as Athena exposes it (the Hive JSON SerDe is case-insensitive). */
  readonly name: string;
  /** The key in the CloudTrail JSON record (camelCase); needed by case-sensitive readers. */
  readonly sourceKey: string;
  readonly type: ColumnType;
  readonly storage: ColumnStorage;
  /** What the value means, for people: becomes the LookML description. */
  readonly description: string;
  /** Optional human label; defaults to a title-cased name. */
  readonly label?: string;
}

export interface TableSchema {
  /** Data columns, in DDL order. */
  readonly columns: readonly Column[];
}

// ---- small builders, so the schema file reads like the DDL ----

export const string = (): ColumnType => ({ kind: 'string' });
export const bigint = (): ColumnType => ({ kind: 'bigint' });
export const boolean = (): ColumnType => ({ kind: 'boolean' });
export const struct = (fields: readonly Column[]): ColumnType => ({ kind: 'struct', fields });
export const array = (of: ColumnType): ColumnType => ({ kind: 'array', of });
export const map = (key: ColumnType, value: ColumnType): ColumnType => ({ kind: 'map', key, value });

/** A column whose Athena name is the lower-cased CloudTrail key. */
export function col(
  sourceKey: string,
  type: ColumnType,
  description: string,
  extra: { storage?: ColumnStorage; label?: string; name?: string } = {},
): Column {
  return Object.freeze({
    name: extra.name ?? sourceKey.toLowerCase(),
    sourceKey,
    type,
    storage: extra.storage ?? 'plain',
    description,
    ...(extra.label === undefined ? {} : { label: extra.label }),
  });
}

/** A free-form JSON object kept as text. */
export function jsonCol(sourceKey: string, description: string, extra: { label?: string } = {}): Column {
  return col(sourceKey, string(), description, { ...extra, storage: 'json' });
}

/** Every leaf (non-struct) path of a column, with its struct path, depth-first in declaration order. */
export function leaves(column: Column, path: readonly Column[] = []): { path: readonly Column[]; leaf: Column }[] {
  const here = [...path, column];
  if (column.type.kind !== 'struct') return [{ path: here, leaf: column }];
  return column.type.fields.flatMap((f) => leaves(f, here));
}
