/**
 * GetQueryResults pages → typed rows. Athena returns every cell as text (`VarCharValue`), with
 * the column types in ResultSetMetadata; a missing VarCharValue is SQL NULL (an empty string is a
 * real empty varchar). For DML the first row of the first page repeats the column names.
 */
import type { ColumnInfo, GetQueryResultsCommandOutput, Row } from '@aws-sdk/client-athena';
import type { Cell } from '../engine.js';

const INTEGER_TYPES = new Set(['tinyint', 'smallint', 'integer', 'int', 'bigint']);
const FLOAT_TYPES = new Set(['double', 'real', 'float']);

/**
 * Converts one cell by its Athena type. Integers beyond 2^53 stay strings (a silently rounded
 * count or account id is worse than a string); decimals stay strings (exact by definition);
 * dates, timestamps, rows, arrays, maps, JSON and everything else stay the text Athena printed.
 */
export function convertCell(value: string | undefined, athenaType: string | undefined): Cell {
  if (value === undefined) return null;
  const type = (athenaType ?? 'varchar').toLowerCase();
  if (INTEGER_TYPES.has(type)) return toSafeInteger(value);
  if (FLOAT_TYPES.has(type)) return Number(value);
  if (type === 'boolean') return value === 'true';
  return value;
}

function toSafeInteger(value: string): number | string {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

export interface ResultAccumulator {
  columns: string[];
  types: (string | undefined)[];
  rows: Record<string, Cell>[];
}

export function emptyResult(): ResultAccumulator {
  return { columns: [], types: [], rows: [] };
}

/**
 * Adds one page. `dropHeader` says whether the page's first row is the header: true for the
 * first page of a DML statement (SELECT), false for UTILITY (EXPLAIN, SHOW) and later pages.
 */
export function addPage(acc: ResultAccumulator, page: GetQueryResultsCommandOutput, dropHeader: boolean): void {
  if (acc.columns.length === 0) readMetadata(acc, page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? []);
  const rows = page.ResultSet?.Rows ?? [];
  for (const row of dropHeader ? rows.slice(1) : rows) acc.rows.push(toRecord(acc, row));
}

function readMetadata(acc: ResultAccumulator, info: readonly ColumnInfo[]): void {
  acc.columns = info.map((c, i) => c.Name ?? `_col${i}`);
  acc.types = info.map((c) => c.Type);
}

function toRecord(acc: ResultAccumulator, row: Row): Record<string, Cell> {
  const record: Record<string, Cell> = {};
  const data = row.Data ?? [];
  acc.columns.forEach((name, i) => {
    record[name] = convertCell(data[i]?.VarCharValue, acc.types[i]);
  });
  return record;
}

/**
 * Whether the first row is a header. Athena documents it for DML; when StatementType is absent
 * (old responses, fakes) the row is a header exactly when it repeats the column names.
 */
export function firstRowIsHeader(statementType: string | undefined, page: GetQueryResultsCommandOutput): boolean {
  if (statementType === 'DML') return true;
  if (statementType !== undefined) return false;
  const names = page.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((c) => c.Name) ?? [];
  const first = page.ResultSet?.Rows?.[0]?.Data?.map((d) => d.VarCharValue) ?? [];
  return names.length > 0 && names.length === first.length && names.every((n, i) => n === first[i]);
}
