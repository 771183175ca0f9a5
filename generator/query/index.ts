export { QueryCompiler, quoteAlias } from './compile-query.js';
export { tileQuery, findTile, tileWhere, type TileQueryOptions } from './tile-query.js';
export { QueryCompileError, DEFAULT_LIMIT, MAX_LIMIT, type QueryRequest, type CompiledQuery, type OutputColumn } from './request.js';
