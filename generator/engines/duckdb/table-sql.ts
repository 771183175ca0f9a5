/**
 * Builds the DuckDB SQL that exposes CloudTrail log files as a table shaped like Athena's
 * `cloudtrail_logs`: lower-case column names, STRUCTs, free-form JSON kept as text, and the
 * partition columns of the Athena DDL variants.
 *
 * Everything comes from the TableSchema. Two namings are needed because `read_json` matches keys
 * case-sensitively: the read type uses CloudTrail's camelCase `sourceKey`s, and the view then
 * CASTs each value to the lower-case `name`s (STRUCT-to-STRUCT casts match fields by name,
 * case-insensitively; missing fields become NULL, extra ones are dropped).
 */
import type { Column, ColumnType, TableSchema } from '../../schema/column.js';
import { PARTITION_COLUMNS, S3_LOG_PATH_PATTERN, S3_PARTITION_GROUP, type PartitionColumn } from './layout.js';
import { quoteIdent, sqlString, sqlStringList } from './sql-text.js';

/** How one file holds its records. */
export type FileFormat =
  /** `{"Records":[…]}`, the S3 delivery format. */
  | 'records'
  /** A JSON array of records. */
  | 'array'
  /** One record object after another: JSON lines, or concatenated (even pretty-printed) objects. */
  | 'lines';

/** Where partition values come from: the S3 path, or the record itself for loose files. */
export type FileLayout = 's3' | 'loose';

/** Files that are read the same way. */
export interface SourceGroup {
  readonly layout: FileLayout;
  readonly format: FileFormat;
  /** Paths with `/` separators. */
  readonly files: readonly string[];
  /** read_json's maximum_object_size for these files (the loader fits it to them); else the table default. */
  readonly maximumObjectSize?: number;
}

export interface TableSqlOptions {
  readonly schema: TableSchema;
  readonly sources: readonly SourceGroup[];
  /** Defaults to `cloudtrail_logs`, the table name of the Athena DDL. */
  readonly tableName?: string;
  /** Partition columns to expose, in this order; defaults to all of PARTITION_COLUMNS. */
  readonly partitionColumns?: readonly PartitionColumn[];
  /**
   * `view` (default) reads the files on every query, so filters on partition columns prune files
   * as Athena prunes partitions. `table` reads them once, which is faster for many queries.
   */
  readonly kind?: 'view' | 'table';
  /** read_json's limit for one JSON value; a whole delivery file is one value. */
  readonly maximumObjectSize?: number;
}

export const DEFAULT_TABLE_NAME = 'cloudtrail_logs';
/**
 * 512 MiB: a delivery file is a single JSON object and real ones can exceed DuckDB's 16 MiB
 * default. The upper bound: read_json allocates a buffer of twice this per file being read, so the
 * loader fits the size to the files it finds (fitObjectSize) and uses this only when it cannot tell.
 */
export const DEFAULT_MAXIMUM_OBJECT_SIZE = 536_870_912;
/** DuckDB's own default maximum_object_size, 16 MiB: the smallest size the loader picks. */
export const MINIMUM_OBJECT_SIZE = 16_777_216;

/**
 * The maximum_object_size for files whose largest holds `largestBytes` of JSON: the next power of
 * two above it, between 16 MiB and DEFAULT_MAXIMUM_OBJECT_SIZE. A whole file is the largest value
 * it can hold, so its size is a safe bound.
 */
export function fitObjectSize(largestBytes: number | undefined): number {
  if (largestBytes === undefined || !Number.isFinite(largestBytes)) return DEFAULT_MAXIMUM_OBJECT_SIZE;
  let size = MINIMUM_OBJECT_SIZE;
  while (size <= largestBytes && size < DEFAULT_MAXIMUM_OBJECT_SIZE) size *= 2;
  return size;
}

// ---------------------------------------------------------------------------------------------
// Types

type Naming = 'source' | 'table';

/** The DuckDB type of a column, with fields named by sourceKey (for reading) or name (for the table). */
export function duckType(column: Column, naming: Naming): string {
  if (column.storage === 'json') return naming === 'source' ? 'JSON' : 'VARCHAR';
  return duckTypeOf(column.type, naming);
}

function duckTypeOf(type: ColumnType, naming: Naming): string {
  switch (type.kind) {
    case 'string':
      return 'VARCHAR';
    case 'bigint':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE';
    case 'boolean':
      return 'BOOLEAN';
    case 'struct':
      return `STRUCT(${type.fields.map((f) => `${quoteIdent(fieldName(f, naming))} ${duckType(f, naming)}`).join(', ')})`;
    case 'array':
      return `${duckTypeOf(type.of, naming)}[]`;
    case 'map':
      return `MAP(${duckTypeOf(type.key, naming)}, ${duckTypeOf(type.value, naming)})`;
  }
}

function fieldName(column: Column, naming: Naming): string {
  return naming === 'source' ? column.sourceKey : column.name;
}

/** The STRUCT type of one CloudTrail record as read from JSON (camelCase keys). */
export function recordReadType(schema: TableSchema): string {
  return duckTypeOf({ kind: 'struct', fields: schema.columns }, 'source');
}

/**
 * Nested fields are renamed by a by-name STRUCT cast, which only works when a field's name is its
 * sourceKey up to case. Fail loudly rather than produce a column that is always NULL.
 */
export function assertCastableNames(schema: TableSchema): void {
  const visit = (type: ColumnType, path: string): void => {
    if (type.kind === 'array') return visit(type.of, `${path}[]`);
    if (type.kind === 'map') return visit(type.value, `${path}{}`);
    if (type.kind !== 'struct') return;
    const seen = new Set<string>();
    for (const field of type.fields) {
      const here = `${path}.${field.name}`;
      if (field.name.toLowerCase() !== field.sourceKey.toLowerCase()) {
        throw new Error(`DuckDB table: nested field ${here} is renamed from ${field.sourceKey}; only case changes are supported`);
      }
      if (seen.has(field.name.toLowerCase())) throw new Error(`DuckDB table: duplicate field ${here} (names are case-insensitive)`);
      seen.add(field.name.toLowerCase());
      visit(field.type, here);
    }
  };
  for (const column of schema.columns) visit(column.type, column.name);
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * One SELECT that yields `r` (the record STRUCT) and `filename` for a group of files. The loader
 * probes files with this same text, so a file that passes the probe reads in the table too.
 */
export function readRecordsSql(
  group: SourceGroup,
  schema: TableSchema,
  maximumObjectSize: number = DEFAULT_MAXIMUM_OBJECT_SIZE,
): string {
  const readType = recordReadType(schema);
  // ignore_errors: a value of the wrong JSON type (a record whose userIdentity is a string) becomes
  // NULL instead of failing the file; malformed JSON and bad gzip still fail (the loader probes).
  const common = `filename = true, ignore_errors = true, maximum_object_size = ${group.maximumObjectSize ?? maximumObjectSize}`;
  const files = sqlStringList(group.files);
  if (group.format === 'records') {
    // records = true + columns: the top-level object has one key, Records, an array of records.
    const columns = `{Records: ${sqlString(`${readType}[]`)}}`;
    return `SELECT unnest("Records") AS r, filename FROM read_json(${files}, format = 'unstructured', records = true, ${common}, columns = ${columns})`;
  }
  // records = false reads each top-level value as one column called json, typed by columns.
  const format = group.format === 'array' ? 'array' : 'unstructured';
  const columns = `{json: ${sqlString(readType)}}`;
  return `SELECT "json" AS r, filename FROM read_json(${files}, format = '${format}', records = false, ${common}, columns = ${columns})`;
}

/** The partition values of an S3-layout file come from its path only, so filters prune files. */
function s3PartitionSql(column: PartitionColumn): string {
  return `regexp_extract(filename, ${sqlString(S3_LOG_PATH_PATTERN)}, ${S3_PARTITION_GROUP[column]})`;
}

/** Loose files have no path convention: take the day from eventTime, region and account from the record. */
function loosePartitionSql(column: PartitionColumn, schema: TableSchema): string {
  const field = (sourceKey: string): string =>
    schema.columns.some((c) => c.sourceKey === sourceKey) ? `r.${quoteIdent(sourceKey)}` : 'CAST(NULL AS VARCHAR)';
  const datePart = (group: number): string =>
    `nullif(regexp_extract(${field('eventTime')}, '^([0-9]{4})-([0-9]{2})-([0-9]{2})', ${group}), '')`;
  switch (column) {
    case 'region':
      return field('awsRegion');
    case 'account':
      return field('recipientAccountId');
    case 'year':
      return datePart(1);
    case 'month':
      return datePart(2);
    case 'day':
      return datePart(3);
    case 'timestamp':
      return `${datePart(1)} || '/' || ${datePart(2)} || '/' || ${datePart(3)}`;
  }
}

function branchSql(group: SourceGroup, options: Required<Omit<TableSqlOptions, 'tableName' | 'kind'>>): string {
  const partitions = options.partitionColumns.map((column) => {
    const expr = group.layout === 's3' ? s3PartitionSql(column) : loosePartitionSql(column, options.schema);
    return `${expr} AS ${quoteIdent(column)}`;
  });
  return `SELECT r${partitions.map((p) => `, ${p}`).join('')}\n  FROM (${readRecordsSql(group, options.schema, options.maximumObjectSize)})`;
}

/** With no files the table still exists, with the right columns and no rows. */
function emptyBranchSql(options: Required<Omit<TableSqlOptions, 'tableName' | 'kind'>>): string {
  const partitions = options.partitionColumns.map((column) => `, CAST(NULL AS VARCHAR) AS ${quoteIdent(column)}`);
  return `SELECT CAST(NULL AS ${recordReadType(options.schema)}) AS r${partitions.join('')} WHERE false`;
}

/** `CAST(r."userIdentity" AS STRUCT("type" VARCHAR, …)) AS "useridentity"`, one per schema column. */
function columnSql(column: Column): string {
  return `CAST(r.${quoteIdent(column.sourceKey)} AS ${duckType(column, 'table')}) AS ${quoteIdent(column.name)}`;
}

/** The CREATE VIEW (or TABLE) statement for the CloudTrail table over the given files. */
export function buildTableSql(options: TableSqlOptions): string {
  assertCastableNames(options.schema);
  const resolved = {
    schema: options.schema,
    sources: options.sources.filter((g) => g.files.length > 0),
    partitionColumns: options.partitionColumns ?? PARTITION_COLUMNS,
    maximumObjectSize: options.maximumObjectSize ?? DEFAULT_MAXIMUM_OBJECT_SIZE,
  };
  const branches = resolved.sources.length > 0 ? resolved.sources.map((g) => branchSql(g, resolved)) : [emptyBranchSql(resolved)];
  const columns = [
    ...options.schema.columns.map(columnSql),
    ...resolved.partitionColumns.map((column) => quoteIdent(column)),
  ];
  const kind = options.kind === 'table' ? 'TABLE' : 'VIEW';
  return [
    `CREATE OR REPLACE ${kind} ${quoteIdent(options.tableName ?? DEFAULT_TABLE_NAME)} AS`,
    `SELECT\n  ${columns.join(',\n  ')}`,
    `FROM (\n  ${branches.join('\n  UNION ALL\n  ')}\n) AS src`,
  ].join('\n');
}
