/**
 * DuckDB values → the JSON-friendly cells of the Engine interface. Scalars keep their JSON type
 * where that is lossless (BIGINT becomes a number only when it is a safe integer), times become ISO
 * strings, and nested values (lists, structs, maps) become their JSON text.
 */
import {
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { Cell, QueryResult } from '../engine.js';

/** ISO 8601 of a microsecond timestamp: millisecond precision, plus microseconds when present. */
function isoFromMicros(micros: bigint, zone: 'Z' | ''): string {
  const millis = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const date = new Date(Number(millis));
  if (Number.isNaN(date.getTime())) return String(micros);
  const extra = Number(((micros % 1000n) + 1000n) % 1000n);
  const base = date.toISOString().slice(0, -1); // drop the Z
  return `${base}${extra === 0 ? '' : String(extra).padStart(3, '0')}${zone}`;
}

function integerCell(text: string): Cell {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

function timestampCell(value: DuckDBValue): Cell {
  if (value instanceof DuckDBTimestampTZValue) return value.isFinite ? isoFromMicros(value.micros, 'Z') : String(value);
  if (value instanceof DuckDBTimestampValue) return value.isFinite ? isoFromMicros(value.micros, '') : String(value);
  return String(value);
}

/** One cell. */
export function toCell(value: DuckDBValue, type: DuckDBType): Cell {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return Boolean(value);
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return integerCell(String(value));
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.DECIMAL: {
      const n = Number(String(value));
      return Number.isFinite(n) ? n : String(value);
    }
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return timestampCell(value);
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
    case DuckDBTypeId.UNION:
      return JSON.stringify(JsonDuckDBValueConverter(value, type, JsonDuckDBValueConverter));
    default:
      // VARCHAR, DATE ('2024-05-01'), TIME, INTERVAL, UUID, BLOB, … : DuckDB's own text.
      return String(value);
  }
}

/** A DuckDB result as rows keyed by column name, with JSON-friendly cells. */
export function rowsOf(reader: { columnNames(): string[]; columnTypes(): DuckDBType[]; getRows(): DuckDBValue[][] }): QueryResult {
  const columns = reader.columnNames();
  const types = reader.columnTypes();
  const rows = reader.getRows().map((values) => {
    const row: Record<string, Cell> = {};
    values.forEach((value, i) => {
      row[columns[i] ?? `_${i}`] = toCell(value, types[i]!);
    });
    return row;
  });
  return { columns, rows };
}
