/**
 * Function-name allowlist for Athena engine v3 (Trino-based) and a call finder.
 *
 * The Trino grammar accepts any `identifier(...)` as a function call, so `DATEADD(day, 1, x)` or
 * DuckDB's `strftime(x, '%Y')` pass the syntax gate and only fail in Athena. `unknownFunctions`
 * closes that gap offline: it finds calls outside strings/comments and reports names that are
 * not in `ATHENA_FUNCTIONS`.
 *
 * The list is Trino's built-in scalar, aggregate and window functions by topic, plus the SQL
 * special forms that look like calls (CAST, EXTRACT, IF, TRY, COALESCE…), plus Athena's own
 * additions. Connector-specific functions (Teradata plugin, MongoDB objectid, Faker) are left out.
 */
import { keywordOf, scanSql, type Token } from './tokenize.js';

/** A Set that throws on mutation, so a shared allowlist cannot be widened by accident at runtime. */
function frozenSet(names: readonly string[]): ReadonlySet<string> {
  const set = new Set(names);
  const refuse = (): never => {
    throw new TypeError('ATHENA_FUNCTIONS is read-only');
  };
  Object.defineProperties(set, { add: { value: refuse }, delete: { value: refuse }, clear: { value: refuse } });
  return Object.freeze(set);
}

const AGGREGATE = [
  'any_value', 'approx_distinct', 'approx_most_frequent', 'approx_percentile', 'approx_set', 'arbitrary',
  'array_agg', 'avg', 'bitwise_and_agg', 'bitwise_or_agg', 'bitwise_xor_agg', 'bool_and', 'bool_or',
  'checksum', 'corr', 'count', 'count_if', 'covar_pop', 'covar_samp', 'every', 'geometric_mean',
  'histogram', 'kurtosis', 'listagg', 'map_agg', 'map_union', 'max', 'max_by', 'merge', 'min', 'min_by',
  'multimap_agg', 'numeric_histogram', 'qdigest_agg', 'reduce_agg', 'regr_intercept', 'regr_slope',
  'skewness', 'stddev', 'stddev_pop', 'stddev_samp', 'sum', 'tdigest_agg', 'var_pop', 'var_samp',
  'variance', 'make_set_digest', 'merge_set_digest', 'set_agg', 'set_union', 'grouping',
];

const WINDOW = [
  'cume_dist', 'dense_rank', 'first_value', 'lag', 'last_value', 'lead', 'nth_value', 'ntile',
  'percent_rank', 'rank', 'row_number',
];

const ARRAY = [
  'all_match', 'any_match', 'array_distinct', 'array_except', 'array_first', 'array_histogram',
  'array_intersect', 'array_join', 'array_last', 'array_max', 'array_min', 'array_position',
  'array_remove', 'array_sort', 'array_union', 'arrays_overlap', 'cardinality', 'combinations',
  'contains', 'contains_sequence', 'element_at', 'filter', 'flatten', 'ngrams', 'none_match', 'reduce',
  'repeat', 'reverse', 'sequence', 'shuffle', 'slice', 'transform', 'trim_array', 'zip', 'zip_with',
  'concat',
];

const MAP = [
  'map', 'map_concat', 'map_entries', 'map_filter', 'map_from_entries', 'map_keys', 'map_values',
  'map_zip_with', 'multimap_from_entries', 'transform_keys', 'transform_values',
];

const STRING = [
  'chr', 'codepoint', 'concat_ws', 'format', 'hamming_distance', 'length', 'levenshtein_distance',
  'lower', 'lpad', 'ltrim', 'luhn_check', 'normalize', 'position', 'replace', 'rpad', 'rtrim', 'soundex',
  'split', 'split_part', 'split_to_map', 'split_to_multimap', 'starts_with', 'ends_with', 'strpos',
  'substr', 'substring', 'translate', 'trim', 'upper', 'word_stem', 'from_utf8', 'to_utf8',
];

const REGEXP = [
  'regexp_count', 'regexp_extract', 'regexp_extract_all', 'regexp_like', 'regexp_position',
  'regexp_replace', 'regexp_split',
];

const JSON_FUNCTIONS = [
  'is_json_scalar', 'json_array_contains', 'json_array_get', 'json_array_length', 'json_extract',
  'json_extract_scalar', 'json_format', 'json_parse', 'json_size',
  // SQL:2016 JSON path forms, parsed by the grammar but written like calls.
  'json_exists', 'json_query', 'json_value', 'json_array', 'json_object', 'json_serialize', 'json_scalar', 'json',
];

const DATE_TIME = [
  'at_timezone', 'current_timezone', 'date', 'date_add', 'date_diff', 'date_format', 'date_parse',
  'date_trunc', 'day', 'day_of_month', 'day_of_week', 'day_of_year', 'dow', 'doy', 'format_datetime',
  'from_iso8601_date', 'from_iso8601_timestamp', 'from_iso8601_timestamp_nanos', 'from_unixtime',
  'from_unixtime_nanos', 'hour', 'human_readable_seconds', 'last_day_of_month', 'millisecond', 'minute',
  'month', 'now', 'parse_datetime', 'parse_duration', 'quarter', 'second', 'timezone_hour',
  'timezone_minute', 'to_iso8601', 'to_milliseconds', 'to_unixtime', 'week', 'week_of_year', 'with_timezone',
  'year', 'year_of_week', 'yow', 'timezone',
  // Niladic forms; normally written without parentheses but harmless to know.
  'current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp',
];

const MATH = [
  'abs', 'acos', 'asin', 'atan', 'atan2', 'beta_cdf', 'cbrt', 'ceil', 'ceiling', 'cos', 'cosh',
  'cosine_similarity', 'cosine_distance', 'degrees', 'e', 'exp', 'floor', 'from_base', 'infinity',
  'inverse_beta_cdf', 'inverse_normal_cdf', 'is_finite', 'is_infinite', 'is_nan', 'ln', 'log', 'log10',
  'log2', 'mod', 'nan', 'normal_cdf', 'pi', 'pow', 'power', 'radians', 'rand', 'random', 'round', 'sign',
  'sin', 'sinh', 'sqrt', 'tan', 'tanh', 'to_base', 'truncate', 'width_bucket', 'wilson_interval_lower',
  'wilson_interval_upper', 'greatest', 'least', 'format_number', 'parse_data_size',
];

const BITWISE = [
  'bit_count', 'bitwise_and', 'bitwise_left_shift', 'bitwise_not', 'bitwise_or', 'bitwise_right_shift',
  'bitwise_right_shift_arithmetic', 'bitwise_xor',
];

const BINARY_AND_HASH = [
  'crc32', 'from_base32', 'from_base64', 'from_base64url', 'from_big_endian_32', 'from_big_endian_64',
  'from_hex', 'from_ieee754_32', 'from_ieee754_64', 'hmac_md5', 'hmac_sha1', 'hmac_sha256', 'hmac_sha512',
  'md5', 'murmur3', 'sha1', 'sha256', 'sha512', 'spooky_hash_v2_32', 'spooky_hash_v2_64', 'to_base32',
  'to_base64', 'to_base64url', 'to_big_endian_32', 'to_big_endian_64', 'to_hex', 'to_ieee754_32',
  'to_ieee754_64', 'xxhash64',
];

const URL = [
  'url_decode', 'url_encode', 'url_extract_fragment', 'url_extract_host', 'url_extract_parameter',
  'url_extract_path', 'url_extract_port', 'url_extract_protocol', 'url_extract_query',
];

const CONDITIONAL_AND_CONVERSION = [
  // Special forms the grammar handles; listed so a lookup of "is cast known?" answers yes.
  'cast', 'try_cast', 'extract', 'coalesce', 'if', 'nullif', 'try', 'typeof', 'format',
];

const SKETCHES_AND_ML = [
  'cardinality', 'empty_approx_set', 'merge', 'value_at_quantile', 'values_at_quantiles',
  'quantile_at_value', 'scale_qdigest', 'intersection_cardinality', 'jaccard_index', 'hash_counts',
  'classify', 'features', 'learn_classifier', 'learn_libsvm_classifier', 'learn_libsvm_regressor',
  'learn_regressor', 'regress', 'theta_sketch_cardinality', 'theta_sketch_union',
];

const SYSTEM_AND_MISC = [
  'uuid', 'version', 'current_groups', 'current_user', 'bar', 'color', 'render', 'rgb',
  // Athena-only (engine v3): ARN of the principal that runs the query.
  'invoker_principal',
];

const GEOSPATIAL = [
  'st_area', 'st_asbinary', 'st_astext', 'st_boundary', 'st_buffer', 'st_centroid', 'st_contains',
  'st_convexhull', 'st_coorddim', 'st_crosses', 'st_difference', 'st_dimension', 'st_disjoint',
  'st_distance', 'st_endpoint', 'st_envelope', 'st_envelopeaspts', 'st_equals', 'st_exteriorring',
  'st_geometries', 'st_geometryfromtext', 'st_geometryn', 'st_geometrytype', 'st_geomfrombinary',
  'st_interiorringn', 'st_interiorrings', 'st_intersection', 'st_intersects', 'st_isclosed', 'st_isempty',
  'st_isring', 'st_issimple', 'st_isvalid', 'st_length', 'st_linefromtext', 'st_linestring',
  'st_multipoint', 'st_numgeometries', 'st_numinteriorring', 'st_numpoints', 'st_overlaps', 'st_point',
  'st_pointn', 'st_points', 'st_polygon', 'st_relate', 'st_startpoint', 'st_symdifference', 'st_touches',
  'st_union', 'st_within', 'st_x', 'st_xmax', 'st_xmin', 'st_y', 'st_ymax', 'st_ymin',
  'bing_tile', 'bing_tile_at', 'bing_tile_coordinates', 'bing_tile_polygon', 'bing_tile_quadkey',
  'bing_tile_zoom_level', 'bing_tiles_around', 'convex_hull_agg', 'geometry_from_hadoop_shape',
  'geometry_invalid_reason', 'geometry_nearest_points', 'geometry_to_bing_tiles', 'geometry_union',
  'geometry_union_agg', 'great_circle_distance', 'line_interpolate_point', 'line_interpolate_points',
  'line_locate_point', 'simplify_geometry', 'spatial_partitioning', 'spatial_partitions',
  'to_geometry', 'to_spherical_geography', 'from_encoded_polyline', 'to_encoded_polyline',
  'from_geojson_geometry', 'to_geojson_geometry',
];

/**
 * PrestoDB IP functions. Trino's only IP function is `contains(cidr, ip)`; the project's reference
 * notes disagree on whether Athena v3 still ships these (athena-cloudtrail.md §7.2 infers "no",
 * toolchain-probe.md §3.3 shims `is_subnet_of` for DuckDB). They are accepted, and listed here so a
 * caller can flag them until `EXPLAIN (TYPE VALIDATE)` settles it.
 */
export const UNVERIFIED_FUNCTIONS: ReadonlySet<string> = frozenSet([
  'is_subnet_of', 'ip_prefix', 'ip_subnet_min', 'ip_subnet_max', 'ip_subnet_range',
]);

/** Lower-case names of every function Athena engine v3 accepts (plus call-like SQL forms). */
export const ATHENA_FUNCTIONS: ReadonlySet<string> = frozenSet([
  ...AGGREGATE, ...WINDOW, ...ARRAY, ...MAP, ...STRING, ...REGEXP, ...JSON_FUNCTIONS, ...DATE_TIME,
  ...MATH, ...BITWISE, ...BINARY_AND_HASH, ...URL, ...CONDITIONAL_AND_CONVERSION, ...SKETCHES_AND_ML,
  ...SYSTEM_AND_MISC, ...GEOSPATIAL, ...UNVERIFIED_FUNCTIONS,
]);

/**
 * Keywords that are followed by `(` without being calls: `IN (…)`, `OVER (…)`, `FILTER (WHERE …)`,
 * `UNNEST(…)` (a relation, not a function), `ROW(…)`, `VALUES (…)`, `EXISTS (…)`, join/clause
 * keywords before a parenthesised expression, and DDL/CTAS clause keywords.
 */
export const CALL_LIKE_SYNTAX: ReadonlySet<string> = frozenSet([
  'in', 'as', 'values', 'over', 'filter', 'unnest', 'row', 'array', 'exists', 'any', 'some', 'all', 'on',
  'using', 'and', 'or', 'not', 'when', 'then', 'else', 'case', 'select', 'from', 'where', 'having', 'by',
  'join', 'lateral', 'tablesample', 'within', 'window', 'with', 'recursive', 'table', 'distinct',
  'union', 'intersect', 'except', 'into', 'is', 'between', 'like', 'escape', 'return', 'sets', 'cube',
  'rollup', 'partition', 'range', 'rows', 'groups', 'measures', 'pattern', 'define', 'subset',
  'match_recognize', 'limit', 'offset', 'fetch', 'zone', 'ordinality', 'interval', 'set', 'explain',
  'analyze', 'validate', 'properties', 'tblproperties', 'serdeproperties', 'for', 'leading',
  'trailing', 'both', 'at', 'preceding', 'following', 'nulls', 'first', 'last', 'asc', 'desc',
  'partitioned', 'clustered', 'sorted', 'bucketed_by', 'partition_by', 'insert', 'create', 'view',
  'returns', 'comment',
  // Type constructors in CAST(x AS decimal(10, 2)) / varchar(20) / timestamp(3) …
  'decimal', 'dec', 'numeric', 'varchar', 'char', 'timestamp', 'time', 'varbinary', 'double', 'float',
]);

export interface FunctionCall {
  /** Name exactly as written (case preserved). */
  readonly name: string;
  readonly line: number;
  readonly column: number;
}

export interface UnknownFunction extends FunctionCall {
  /** A likely intended Athena function, when one is known (DuckDB/Snowflake names, typos). */
  readonly suggestion?: string;
}

/** Common non-Athena names and the Athena function that does the same job. */
const FOREIGN_FUNCTION_HINTS: Readonly<Record<string, string>> = {
  strftime: 'date_format', strptime: 'date_parse', epoch: 'to_unixtime', epoch_ms: 'to_milliseconds',
  list_transform: 'transform', list_filter: 'filter', list_reduce: 'reduce', list_contains: 'contains',
  list_value: 'ARRAY[...]', len: 'length / cardinality', array_length: 'cardinality',
  regexp_matches: 'regexp_like', regexp_full_match: 'regexp_like', dateadd: 'date_add',
  datediff: 'date_diff', date_part: 'extract / year() / month()', datepart: 'extract',
  ilike: 'lower(x) LIKE lower(pattern)', nvl: 'coalesce', ifnull: 'coalesce', isnull: 'x IS NULL',
  iif: 'if', getdate: 'now', sysdate: 'now', to_char: 'date_format', to_date: 'date_parse',
  to_timestamp: 'from_unixtime / date_parse', json_extract_string: 'json_extract_scalar',
  json_extract_path_text: 'json_extract_scalar', get_json_object: 'json_extract_scalar',
  string_agg: 'listagg / array_join(array_agg(x), sep)', group_concat: 'array_join(array_agg(x), sep)',
  array_contains: 'contains', size: 'cardinality', instr: 'strpos', charindex: 'strpos',
  left: 'substr(x, 1, n)', right: 'substr(x, -n)', unix_timestamp: 'to_unixtime', datetrunc: 'date_trunc',
  time_bucket: 'date_trunc', list_aggregate: 'reduce', struct_extract: 'x.field', median: 'approx_percentile(x, 0.5)',
};

/** Levenshtein distance capped at `max + 1` (small inputs; only used for suggestions). */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/** Suggests the Athena name for a foreign or misspelt function, if one is close enough. */
export function suggestFunction(name: string): string | undefined {
  const lower = name.toLowerCase();
  const hint = FOREIGN_FUNCTION_HINTS[lower];
  if (hint !== undefined) return hint;
  if (lower.length < 4) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of ATHENA_FUNCTIONS) {
    const d = editDistance(lower, known, 2);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/** Index of the `)` matching the `(` at `open`, or -1. */
function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const text = tokens[i]?.text;
    if (text === '(') depth++;
    else if (text === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Keywords after which `name(` introduces a column list, not a call: `INSERT INTO t (a, b)`, `CREATE TABLE t (…)`. */
const COLUMN_LIST_INTRODUCERS = new Set(['as', 'into', 'table', 'exists', 'with', 'view', 'update']);

/**
 * Decides whether `tokens[i]` (an identifier followed by `(`) is a function call.
 * Not calls: keywords in CALL_LIKE_SYNTAX; qualified names (`t.x(`, catalog UDFs, left to Athena);
 * alias column lists (`AS t(a, b)`, `UNNEST(x) t(a, b)`, `FROM tbl x(a)`); CTE column lists
 * (`c(a, b) AS (`); column lists after INSERT INTO / CREATE TABLE.
 */
function isFunctionCall(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const name = keywordOf(token);
  if (name === undefined || CALL_LIKE_SYNTAX.has(name)) return false;
  const prev = tokens[i - 1];
  if (prev?.text === '.') return false;
  const prevKeyword = keywordOf(prev);
  if (prevKeyword !== undefined && COLUMN_LIST_INTRODUCERS.has(prevKeyword)) return false;
  // `) t(a, b)` or `tbl t(a, b)`: an identifier right after a relation is an alias.
  if (prev !== undefined && (prev.text === ')' || prev.kind === 'quoted' || (prevKeyword !== undefined && !CALL_LIKE_SYNTAX.has(prevKeyword)))) {
    return false;
  }
  const close = matchingParen(tokens, i + 1);
  if (close !== -1 && keywordOf(tokens[close + 1]) === 'as' && tokens[close + 2]?.text === '(') return false;
  return true;
}

/** Every `name(` call outside strings, quoted identifiers and comments, in source order. */
export function functionCalls(sql: string): FunctionCall[] {
  const { tokens } = scanSql(sql);
  const calls: FunctionCall[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'ident' || tokens[i + 1]?.text !== '(') return;
    if (isFunctionCall(tokens, i)) calls.push({ name: token.text, line: token.line, column: token.column });
  });
  return calls;
}

/** Calls to names Athena does not know, with their 1-based position and a suggestion where possible. */
export function unknownFunctions(sql: string): UnknownFunction[] {
  return functionCalls(sql)
    .filter((call) => !ATHENA_FUNCTIONS.has(call.name.toLowerCase()))
    .map((call) => {
      const suggestion = suggestFunction(call.name);
      return suggestion === undefined ? call : { ...call, suggestion };
    });
}
