/**
 * The Athena (Trino) compatibility shim for DuckDB: settings and SQL macros that let the same
 * Athena SQL text run on DuckDB with Trino's answers. Macros created in the default catalog shadow
 * DuckDB built-ins of the same name (every overload), which is how `date_diff`, `split_part` and
 * friends get Trino semantics. Verified cases: toolchain-probe.md §3.1–§3.3.
 *
 * What macros cannot do (lambdas, UNNEST row expansion) is in rewrite.ts.
 */
import { sqlString } from './sql-text.js';

/** A date-format dialect: its tokens and the strftime/strptime text each becomes. */
interface FormatDialect {
  readonly name: string;
  /** Literal text the dialect writes for a percent sign (kept literal, not a specifier). */
  readonly literalPercent?: string;
  readonly tokens: Readonly<Record<string, string>>;
  /** Characters removed before translating (Joda quotes around literal text). */
  readonly strip?: string;
}

/**
 * Trino `date_format`/`date_parse` (MySQL specifiers). The ones Trino does not support
 * (%D %U %u %V %w %X) become %Q, which DuckDB rejects, so they fail loudly instead of silently.
 */
const MYSQL: FormatDialect = {
  name: 'mysql',
  literalPercent: '%%',
  tokens: {
    '%a': '%a', '%b': '%b', '%c': '%-m', '%d': '%d', '%e': '%-d', '%f': '%f', '%H': '%H', '%h': '%I',
    '%I': '%I', '%i': '%M', '%j': '%j', '%k': '%-H', '%l': '%-I', '%M': '%B', '%m': '%m', '%p': '%p',
    '%r': '%I:%M:%S %p', '%S': '%S', '%s': '%S', '%T': '%H:%M:%S', '%v': '%V', '%W': '%A', '%x': '%G',
    '%Y': '%Y', '%y': '%y',
    '%D': '%Q', '%U': '%Q', '%u': '%Q', '%V': '%Q', '%w': '%Q', '%X': '%Q',
  },
};

/** Trino `format_datetime`/`parse_datetime` (Joda patterns), common tokens only. */
const JODA: FormatDialect = {
  name: 'joda',
  strip: "'",
  tokens: {
    yyyy: '%Y', yy: '%y', MMMM: '%B', MMM: '%b', MM: '%m', M: '%-m', dd: '%d', d: '%-d', DDD: '%j',
    HH: '%H', H: '%-H', hh: '%I', h: '%-I', mm: '%M', m: '%-M', ss: '%S', s: '%-S', SSS: '%g',
    a: '%p', EEEE: '%A', EEE: '%a', ZZ: '%z', Z: '%z',
  },
};

/**
 * The format tokens the shim translates to a working strftime/strptime specifier (not the ones
 * mapped to %Q to fail loudly), e.g. to test the rewrite-time and run-time translations agree.
 */
export function supportedFormatTokens(dialect: 'mysql' | 'joda'): string[] {
  return Object.entries((dialect === 'mysql' ? MYSQL : JODA).tokens)
    .filter(([, to]) => to !== '%Q')
    .map(([token]) => token);
}

/** Longest token first, so `yyyy` wins over `yy` and `MMMM` over `MM`. */
function tokensLongestFirst(dialect: FormatDialect): [string, string][] {
  return Object.entries(dialect.tokens).sort(([a], [b]) => b.length - a.length);
}

/**
 * Translates a format string in TypeScript, for the constant formats of the parse whitelists.
 * Same rules as formatTranslationSql, which does it inside DuckDB for formats known only at run time.
 */
export function translateFormat(format: string, dialect: 'mysql' | 'joda'): string {
  const spec = dialect === 'mysql' ? MYSQL : JODA;
  const tokens = tokensLongestFirst(spec);
  const source = spec.strip ? format.replaceAll(spec.strip, '') : format;
  let out = '';
  for (let i = 0; i < source.length; ) {
    if (spec.literalPercent && source.startsWith(spec.literalPercent, i)) {
      out += '%%';
      i += spec.literalPercent.length;
      continue;
    }
    const hit = tokens.find(([token]) => source.startsWith(token, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else {
      out += source[i] === '%' ? '%%' : source[i];
      i += 1;
    }
  }
  return out;
}

/**
 * A nested replace() chain that translates a format inside DuckDB. Two phases, so no replacement
 * can match text produced by another: each token first becomes a private-use character (U+E000+i),
 * then each private-use character becomes its strftime text.
 */
function formatTranslationSql(arg: string, dialect: FormatDialect): string {
  const tokens = tokensLongestFirst(dialect);
  const mark = (i: number): string => `chr(${0xe000 + i})`;
  let expr = arg;
  if (dialect.strip) expr = `replace(${expr}, ${sqlString(dialect.strip)}, '')`;
  const percentMark = tokens.length;
  if (dialect.literalPercent) expr = `replace(${expr}, ${sqlString(dialect.literalPercent)}, ${mark(percentMark)})`;
  tokens.forEach(([token], i) => {
    expr = `replace(${expr}, ${sqlString(token)}, ${mark(i)})`;
  });
  // Any % still left is literal text for strftime.
  expr = `replace(${expr}, '%', '%%')`;
  tokens.forEach(([, strftime], i) => {
    expr = `replace(${expr}, ${mark(i)}, ${sqlString(strftime)})`;
  });
  if (dialect.literalPercent) expr = `replace(${expr}, ${mark(percentMark)}, '%%')`;
  return expr;
}

/**
 * strptime needs a constant format when the macro is bound, so a translated-at-run-time format is
 * impossible: date_parse/parse_datetime accept a whitelist and fail loudly for anything else.
 */
const DATE_PARSE_FORMATS = [
  '%Y-%m-%dT%H:%i:%sZ', '%Y-%m-%dT%H:%i:%s.%fZ', '%Y-%m-%dT%H:%i:%s', '%Y-%m-%d %H:%i:%s',
  '%Y-%m-%d %H:%i:%s.%f', '%Y-%m-%d %H:%i', '%Y-%m-%d', '%Y/%m/%d', '%Y%m%d', '%Y-%m',
  '%Y/%m/%d %H:%i:%s', '%d/%m/%Y', '%m/%d/%Y', '%d/%b/%Y:%H:%i:%s', '%b %e, %Y, %r',
];
const PARSE_DATETIME_FORMATS = [
  'yyyy-MM-dd', 'yyyy-MM-dd HH:mm:ss', "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssZ", 'yyyy/MM/dd',
  'yyyyMMdd', 'dd/MMM/yyyy:HH:mm:ss Z',
];

function whitelistParseSql(name: string, formats: readonly string[], dialect: 'mysql' | 'joda'): string {
  const cases = formats.map((f) => `    WHEN ${sqlString(f)} THEN strptime(s, ${sqlString(translateFormat(f, dialect))})`);
  return [
    `CREATE OR REPLACE MACRO ${name}(s, fmt) AS CASE fmt`,
    ...cases,
    `    ELSE error('athena-shim: ${name} format not in whitelist: ' || fmt) END`,
  ].join('\n');
}

/** Session settings: new connections of the same database inherit GLOBAL settings. */
const SETTINGS = [
  // Trino's session time zone in Athena is UTC; DuckDB follows the host's otherwise.
  "SET GLOBAL TimeZone = 'UTC'",
  // Trino: integer / integer is integer division (7/2 = 3); DuckDB's default gives 3.5.
  'SET GLOBAL integer_division = true',
];

const JSON_MACROS = [
  // Trino json_extract_scalar: NULL for objects, arrays and malformed JSON.
  `CREATE OR REPLACE MACRO json_extract_scalar(j, p) AS
    CASE WHEN TRY(json_type(j, p)) IN ('OBJECT', 'ARRAY') THEN NULL ELSE TRY(json_extract_string(j, p)) END`,
  'CREATE OR REPLACE MACRO json_format(j) AS CAST(j AS VARCHAR)',
  'CREATE OR REPLACE MACRO json_parse(s) AS CAST(s AS JSON)',
  `CREATE OR REPLACE MACRO json_size(j, p) AS
    CASE json_type(j, p) WHEN 'ARRAY' THEN json_array_length(j, p) WHEN 'OBJECT' THEN len(json_keys(j, p)) ELSE 0 END`,
  'CREATE OR REPLACE MACRO json_array_contains(j, v) AS list_contains(CAST(CAST(j AS JSON) AS VARCHAR[]), CAST(v AS VARCHAR))',
];

const DATE_MACROS = [
  `CREATE OR REPLACE MACRO _athena_mysql_fmt(f) AS ${formatTranslationSql('f', MYSQL)}`,
  `CREATE OR REPLACE MACRO _athena_joda_fmt(f) AS ${formatTranslationSql('f', JODA)}`,
  // Accepts Z, ±hh:mm and fractional seconds, like Trino.
  'CREATE OR REPLACE MACRO from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)',
  'CREATE OR REPLACE MACRO from_iso8601_date(s) AS CAST(s AS DATE)',
  "CREATE OR REPLACE MACRO to_iso8601(x) AS strftime(x, '%Y-%m-%dT%H:%M:%S.%gZ')",
  'CREATE OR REPLACE MACRO date_format(x, fmt) AS strftime(x, _athena_mysql_fmt(fmt))',
  'CREATE OR REPLACE MACRO format_datetime(x, fmt) AS strftime(x, _athena_joda_fmt(fmt))',
  whitelistParseSql('date_parse', DATE_PARSE_FORMATS, 'mysql'),
  whitelistParseSql('parse_datetime', PARSE_DATETIME_FORMATS, 'joda'),
  // Trino date_add(unit, n, x); shadows DuckDB's two-argument date_add(date, interval).
  "CREATE OR REPLACE MACRO date_add(unit, n, x) AS x + n * CAST('1 ' || lower(unit) AS INTERVAL)",
  // Trino counts COMPLETE units (23:00 -> 01:00 next day is 0 days) = DuckDB date_sub;
  // DuckDB's own date_diff counts boundaries crossed (1 day).
  'CREATE OR REPLACE MACRO date_diff(unit, a, b) AS date_sub(lower(unit), a, b)',
  // Trino: ISO day of week, 1 = Monday … 7 = Sunday (DuckDB dayofweek is 0 = Sunday).
  'CREATE OR REPLACE MACRO day_of_week(x) AS isodow(x)',
  'CREATE OR REPLACE MACRO dow(x) AS isodow(x)',
  'CREATE OR REPLACE MACRO day_of_month(x) AS dayofmonth(x)',
  'CREATE OR REPLACE MACRO day_of_year(x) AS dayofyear(x)',
  'CREATE OR REPLACE MACRO doy(x) AS dayofyear(x)',
  'CREATE OR REPLACE MACRO week_of_year(x) AS weekofyear(x)',
  'CREATE OR REPLACE MACRO year_of_week(x) AS isoyear(x)',
  'CREATE OR REPLACE MACRO yow(x) AS isoyear(x)',
  'CREATE OR REPLACE MACRO to_unixtime(x) AS epoch(x)',
  'CREATE OR REPLACE MACRO from_unixtime(n) AS to_timestamp(n)',
  'CREATE OR REPLACE MACRO at_timezone(x, tz) AS timezone(tz, x)',
];

const STRING_MACROS = [
  'CREATE OR REPLACE MACRO regexp_like(s, p) AS regexp_matches(s, p)',
  // Trino split_part is NULL past the last field; DuckDB returns ''. A list index past the end is NULL.
  'CREATE OR REPLACE MACRO split_part(s, d, i) AS string_split(s, d)[i]',
  `CREATE OR REPLACE MACRO strpos(s, sub) AS instr(s, sub),
    (s, sub, n) AS CASE WHEN len(string_split(s, sub)) > n
                        THEN len(array_to_string(string_split(s, sub)[1:n], sub)) + 1 ELSE 0 END`,
  'CREATE OR REPLACE MACRO codepoint(s) AS unicode(s)',
  'CREATE OR REPLACE MACRO to_utf8(s) AS encode(s)',
  'CREATE OR REPLACE MACRO from_utf8(b) AS decode(b)',
  `CREATE OR REPLACE MACRO url_extract_host(u) AS
    nullif(regexp_extract(u, '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\\[[^\\]]*\\]|[^:/?#]*)', 1), '')`,
  "CREATE OR REPLACE MACRO url_extract_protocol(u) AS nullif(regexp_extract(u, '^([A-Za-z][A-Za-z0-9+.-]*):', 1), '')",
  "CREATE OR REPLACE MACRO url_extract_path(u) AS regexp_extract(u, '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*([^?#]*)', 1)",
  "CREATE OR REPLACE MACRO url_extract_query(u) AS nullif(regexp_extract(u, '\\?([^#]*)', 1), '')",
  "CREATE OR REPLACE MACRO url_extract_parameter(u, k) AS nullif(regexp_extract(u, '[?&]' || k || '=([^&#]*)', 1), '')",
];

const COLLECTION_MACROS = [
  // DuckDB's cardinality() is for maps only; Trino's counts array elements.
  'CREATE OR REPLACE MACRO cardinality(x) AS len(x)',
  // 1-based (negative counts from the end) for lists, key lookup for maps: same as x[i].
  'CREATE OR REPLACE MACRO element_at(x, i) AS x[i]',
  `CREATE OR REPLACE MACRO array_join(a, sep) AS array_to_string(a, sep),
    (a, sep, nullrep) AS array_to_string(list_transform(a, lambda e: coalesce(CAST(e AS VARCHAR), nullrep)), sep)`,
  'CREATE OR REPLACE MACRO array_max(a) AS list_max(a)',
  'CREATE OR REPLACE MACRO array_min(a) AS list_min(a)',
  'CREATE OR REPLACE MACRO array_sort(a) AS list_sort(a)',
  'CREATE OR REPLACE MACRO array_position(a, v) AS coalesce(list_position(a, v), 0)',
  'CREATE OR REPLACE MACRO approx_distinct(x) AS approx_count_distinct(x)',
  'CREATE OR REPLACE MACRO approx_percentile(x, p) AS approx_quantile(x, p)',
];

/** Looker's symmetric aggregates on Presto/Athena use these. */
const MISC_MACROS = [
  `CREATE OR REPLACE MACRO from_base(s, radix) AS
    CASE radix WHEN 16 THEN CAST('0x' || s AS BIGINT) WHEN 2 THEN CAST('0b' || s AS BIGINT) WHEN 10 THEN CAST(s AS BIGINT) END`,
  'CREATE OR REPLACE MACRO to_hex(b) AS upper(hex(b))',
];

/** IPv4 only: the inet extension is not built in and cannot be installed offline. */
const IP_MACROS = [
  'CREATE TYPE ipaddress AS VARCHAR',
  'CREATE TYPE ipprefix AS VARCHAR',
  `CREATE OR REPLACE MACRO _ipv4_int(ip) AS
    (CAST(split_part(ip, '.', 1) AS BIGINT) << 24) + (CAST(split_part(ip, '.', 2) AS BIGINT) << 16)
    + (CAST(split_part(ip, '.', 3) AS BIGINT) << 8) + CAST(split_part(ip, '.', 4) AS BIGINT)`,
  `CREATE OR REPLACE MACRO is_subnet_of(prefix, ip) AS
    (_ipv4_int(ip) >> (32 - CAST(split_part(prefix, '/', 2) AS INTEGER)))
    = (_ipv4_int(split_part(prefix, '/', 1)) >> (32 - CAST(split_part(prefix, '/', 2) AS INTEGER)))`,
];

/** Every shim statement, in the order they must run (split_part before _ipv4_int uses it). */
export function athenaShimStatements(): readonly string[] {
  return [...SETTINGS, ...JSON_MACROS, ...DATE_MACROS, ...STRING_MACROS, ...COLLECTION_MACROS, ...MISC_MACROS, ...IP_MACROS];
}

/** The shim as one SQL script, e.g. to write out as athena-shim.sql for people to read or reuse. */
export function athenaShimSql(): string {
  return `-- Athena (Trino) compatibility shim for DuckDB, generated by generator/engines/duckdb/shim.ts\n${athenaShimStatements()
    .map((s) => `${s};`)
    .join('\n')}\n`;
}
