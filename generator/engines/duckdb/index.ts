/** The local DuckDB engine: CloudTrail logs as the Athena table, Athena SQL run with Trino semantics. */
export {
  DuckDbEngine,
  toDuckDbSql,
  createBoundedInstance,
  resolveMemoryLimit,
  resolveThreads,
  THREADS_ENV,
  DEFAULT_MEMORY_LIMIT,
  MEMORY_LIMIT_ENV,
  type BoundedInstance,
  type DuckDbEngineOptions,
  type ResourceOptions,
} from './duckdb-engine.js';
export { loadLogFiles, formatFromHead, type FileProblem, type LoadedFile, type LoadOptions, type LoadReport } from './loader.js';
export {
  buildTableSql,
  duckType,
  readRecordsSql,
  recordReadType,
  DEFAULT_MAXIMUM_OBJECT_SIZE,
  MINIMUM_OBJECT_SIZE,
  fitObjectSize,
  DEFAULT_TABLE_NAME,
  type FileFormat,
  type FileLayout,
  type SourceGroup,
  type TableSqlOptions,
} from './table-sql.js';
export { PARTITION_COLUMNS, S3_LOG_PATH_PATTERN, s3Partitions, type PartitionColumn, type PartitionValues } from './layout.js';
export { athenaShimSql, athenaShimStatements, supportedFormatTokens, translateFormat } from './shim.js';
export { athenaToDuckDb, tokenize, type Token, type TokenKind } from './rewrite.js';
export { rowsOf, toCell } from './cells.js';
