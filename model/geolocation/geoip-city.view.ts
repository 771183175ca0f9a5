/**
 * `geoip_city`: GeoLite2 City IPv4 networks with their country, city and coordinates, joined to
 * `cloudtrail_logs` on the source IP (IPv4 only; service names, `AWS Internal` and IPv6 never match).
 *
 * The join. `is_subnet_of(CAST(network AS IPPREFIX), CAST(ip AS IPADDRESS))` alone is correct
 * but a non-equi join: Athena compares every event with every one of ~3.5 million networks.
 * Here the join is an equi-join on the 16-bit prefix of the address (first two octets) plus an
 * exact range test:
 * - each network is listed once per /16 it covers (networks shorter than /16 are expanded with
 *   `sequence`, e.g. a /12 into 16 rows), so every address finds its network under its own /16
 *   key — Athena hash-joins on the key and range-checks a few dozen candidates per event;
 * - the range test is integer arithmetic on the dotted address
 *   (`ip BETWEEN network_first AND network_last`), which is exact for IPv4 and needs no IP
 *   functions: `is_subnet_of`/IPPREFIX come from PrestoDB and Trino's own `contains(cidr, ip)` is
 *   not documented for Athena engine v3 (and DuckDB resolves `contains` to string search).
 * GeoLite2 networks do not overlap, so an address matches at most one row: many_to_one.
 */
import { view } from '../../generator/vocabulary/view.js';
import { join } from '../../generator/vocabulary/explore.js';
import { fieldRef, sql, sqlText } from '../../generator/vocabulary/sql.js';
import type { Field } from '../../generator/vocabulary/fields.js';
import { dimension } from '../../generator/vocabulary/fields.js';
import { IPV4_PATTERN, lit } from '../views/cloudtrail-logs/sql-text.js';

export const GEOIP_CONSTANTS = {
  schema: 'GEOIP_SCHEMA',
  blocks: 'GEOIP_CITY_BLOCKS_TABLE',
  locations: 'GEOIP_CITY_LOCATIONS_TABLE',
} as const;

/** A dotted IPv4 address (SQL text `e`) as a BIGINT. */
export function ipv4NumberSqlText(e: string): string {
  const octet = (i: number, factor: string) => `CAST(split_part(${e}, '.', ${i}) AS BIGINT)${factor}`;
  return `(${octet(1, ' * 16777216')} + ${octet(2, ' * 65536')} + ${octet(3, ' * 256')} + ${octet(4, '')})`;
}

/** The first two octets of a dotted IPv4 address as one INTEGER key (0..65535). */
export function ipv4Prefix16SqlText(e: string): string {
  return `(CAST(split_part(${e}, '.', 1) AS INTEGER) * 256 + CAST(split_part(${e}, '.', 2) AS INTEGER))`;
}

export function geoipCityDerivedSql(): string {
  const schema = `@{${GEOIP_CONSTANTS.schema}}`;
  const address = "split_part(network, '/', 1)";
  const length = "CAST(split_part(network, '/', 2) AS INTEGER)";
  return [
    'SELECT',
    '  b.network,',
    '  k.prefix16,',
    '  b.network_first,',
    '  b.network_last,',
    '  l.continent_name,',
    '  l.country_iso_code,',
    '  l.country_name,',
    '  l.subdivision_1_name,',
    '  l.city_name,',
    '  b.postal_code,',
    '  b.latitude,',
    '  b.longitude,',
    '  b.accuracy_radius',
    'FROM (',
    '  SELECT',
    '    network,',
    "    COALESCE(NULLIF(geoname_id, ''), NULLIF(registered_country_geoname_id, '')) AS geoname_id,",
    `    ${ipv4NumberSqlText(address)} AS network_first,`,
    `    ${ipv4NumberSqlText(address)} + CAST(power(2, 32 - ${length}) AS BIGINT) - 1 AS network_last,`,
    `    ${ipv4Prefix16SqlText(address)} AS first_prefix16,`,
    `    ${length} AS prefix_length,`,
    "    NULLIF(postal_code, '') AS postal_code,",
    "    TRY_CAST(NULLIF(latitude, '') AS DOUBLE) AS latitude,",
    "    TRY_CAST(NULLIF(longitude, '') AS DOUBLE) AS longitude,",
    "    TRY_CAST(NULLIF(accuracy_radius, '') AS INTEGER) AS accuracy_radius",
    `  FROM ${schema}.@{${GEOIP_CONSTANTS.blocks}}`,
    ') AS b',
    'CROSS JOIN UNNEST(sequence(b.first_prefix16, b.first_prefix16 + IF(b.prefix_length < 16, CAST(power(2, 16 - b.prefix_length) AS INTEGER) - 1, 0))) AS k(prefix16)',
    `LEFT JOIN ${schema}.@{${GEOIP_CONSTANTS.locations}} AS l ON l.geoname_id = b.geoname_id`,
  ].join('\n');
}

const GROUP = 'Source IP Location';

export function geoipCityView() {
  return view('geoip_city', {
    source: { kind: 'derived', sql: sqlText(geoipCityDerivedSql()) },
    label: 'Source IP Location',
    description: 'MaxMind GeoLite2 City: the country, city and coordinates of an IPv4 network. Joined on the event source IP.',
  })
    .add((v) => ({
      network_key: v.dimension({
        type: 'string', primaryKey: true, hidden: true, groupLabel: GROUP,
        sql: v.sqlText("concat(${network}, '|', CAST(${prefix16} AS VARCHAR))"),
        description: 'Network and /16 key: unique per row.',
      }),
      network: v.dimension({
        type: 'string', sql: v.sql`${v.table}.network`, label: 'GeoIP Network', groupLabel: GROUP,
        description: 'The GeoLite2 IPv4 network (CIDR) the source IP belongs to.',
      }),
      prefix16: v.dimension({
        type: 'number', hidden: true, sql: v.sql`${v.table}.prefix16`, groupLabel: GROUP,
        description: 'First two octets of the network as one number (the join key).',
      }),
      network_first: v.dimension({
        type: 'number', hidden: true, sql: v.sql`${v.table}.network_first`, groupLabel: GROUP,
        description: 'First address of the network as a number.',
      }),
      network_last: v.dimension({
        type: 'number', hidden: true, sql: v.sql`${v.table}.network_last`, groupLabel: GROUP,
        description: 'Last address of the network as a number.',
      }),
      continent: v.dimension({
        type: 'string', sql: v.sql`${v.table}.continent_name`, label: 'Continent', groupLabel: GROUP,
        description: 'Continent of the source IP (GeoLite2).',
      }),
      country: v.dimension({
        type: 'string', sql: v.sql`${v.table}.country_name`, label: 'Country', groupLabel: GROUP,
        description: 'Country of the source IP (GeoLite2, English name). Replaces the 2017 block\'s fake ip_location.',
        alias: ['ip_location'],
      }),
      country_iso_code: v.dimension({
        type: 'string', sql: v.sql`${v.table}.country_iso_code`, label: 'Country ISO Code', groupLabel: GROUP, mapLayerName: 'countries',
        description: 'ISO 3166-1 alpha-2 code of the country of the source IP.',
      }),
      subdivision: v.dimension({
        type: 'string', sql: v.sql`${v.table}.subdivision_1_name`, label: 'State / Region', groupLabel: GROUP,
        description: 'First-level subdivision (state, province, region) of the source IP.',
      }),
      city: v.dimension({
        type: 'string', sql: v.sql`${v.table}.city_name`, label: 'City', groupLabel: GROUP,
        description: 'City of the source IP (GeoLite2; empty when only the country is known).',
      }),
      postal_code: v.dimension({
        type: 'string', sql: v.sql`${v.table}.postal_code`, label: 'Postal Code', groupLabel: GROUP,
        description: 'Postal code of the source IP, where GeoLite2 has one.',
      }),
      latitude: v.dimension({
        type: 'number', hidden: true, sql: v.sql`round(${v.table}.latitude, 4)`, groupLabel: GROUP,
        description: 'Approximate latitude of the source IP.',
      }),
      longitude: v.dimension({
        type: 'number', hidden: true, sql: v.sql`round(${v.table}.longitude, 4)`, groupLabel: GROUP,
        description: 'Approximate longitude of the source IP.',
      }),
      accuracy_radius_km: v.dimension({
        type: 'number', sql: v.sql`${v.table}.accuracy_radius`, label: 'Accuracy Radius (km)', groupLabel: GROUP,
        description: 'GeoLite2 accuracy radius of the location, in kilometres.',
      }),
    }))
    .add((v) => ({
      location: v.dimension({
        type: 'location', sqlLatitude: v.sql`${v.fields.latitude}`, sqlLongitude: v.sql`${v.fields.longitude}`,
        label: 'Location', groupLabel: GROUP,
        description: 'Approximate location of the source IP, for map tiles (GeoLite2 city coordinates).',
      }),
      country_count: v.measure({
        type: 'count_distinct', sql: v.sql`${v.fields.country_iso_code}`, label: 'Distinct Countries', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: 'Distinct countries calls came from.', drillFields: ['country', 'city'],
      }),
      city_count: v.measure({
        type: 'count_distinct', sql: v.sql`concat(${v.fields.country_iso_code}, '|', ${v.fields.city})`, label: 'Distinct Cities', groupLabel: GROUP, valueFormatName: 'decimal_0',
        description: 'Distinct cities calls came from.', drillFields: ['country', 'city'],
      }),
    }))
    .build();
}

/** Hidden helper dimensions the join needs on cloudtrail_logs (IPv4 sources only, else NULL). */
export function sourceIpv4Fields(): Record<'source_ipv4_number' | 'source_ipv4_prefix16', Field> {
  const ip = '${source_ip_address}';
  const guard = (expr: string) => sqlText(`CASE WHEN regexp_like(${ip}, ${lit(IPV4_PATTERN)}) THEN ${expr} END`);
  return {
    source_ipv4_number: dimension({
      type: 'number', hidden: true, sql: guard(ipv4NumberSqlText(ip)), groupLabel: 'Network',
      description: 'The IPv4 source address as a number; NULL for service names, AWS Internal and IPv6 (the GeoIP join key).',
    }),
    source_ipv4_prefix16: dimension({
      type: 'number', hidden: true, sql: guard(ipv4Prefix16SqlText(ip)), groupLabel: 'Network',
      description: 'First two octets of the IPv4 source address as one number (the GeoIP equi-join key).',
    }),
  };
}

export function geoipCityJoin() {
  const t = (field: string) => fieldRef(field, 'cloudtrail_logs');
  const g = (field: string) => fieldRef(field, 'geoip_city');
  return join({
    name: 'geoip_city',
    type: 'left_outer',
    relationship: 'many_to_one',
    viewLabel: 'Source IP Location',
    sqlOn: sql`${t('source_ipv4_prefix16')} = ${g('prefix16')}
AND ${t('source_ipv4_number')} BETWEEN ${g('network_first')} AND ${g('network_last')}`,
  });
}
