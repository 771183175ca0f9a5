/**
 * Athena tables over the MaxMind GeoLite2 City CSV files, as downloaded (no conversion step):
 * upload `GeoLite2-City-Blocks-IPv4.csv` and `GeoLite2-City-Locations-en.csv` each into its own
 * S3 folder. OpenCSVSerde reads every column as text (it handles the quoted city names); the
 * header line is skipped. GeoLite2 requires a MaxMind account and its licence terms.
 */
import type { AthenaFile, DdlColumn } from '../../generator/vocabulary/project.js';
import type { ResolvedGeolocation } from '../options.js';

const OPEN_CSV_SERDE = 'org.apache.hadoop.hive.serde2.OpenCSVSerde';

const text = (name: string, comment?: string): DdlColumn => ({ name, type: 'string', ...(comment ? { comment } : {}) });

/** Columns of GeoLite2-City-Blocks-IPv4.csv, in file order (is_anycast is in newer files only). */
export const CITY_BLOCKS_COLUMNS: readonly DdlColumn[] = [
  text('network'), text('geoname_id'), text('registered_country_geoname_id'), text('represented_country_geoname_id'),
  text('is_anonymous_proxy'), text('is_satellite_provider'), text('postal_code'), text('latitude'), text('longitude'),
  text('accuracy_radius'), text('is_anycast'),
];

/** Columns of GeoLite2-City-Locations-en.csv, in file order. */
export const CITY_LOCATIONS_COLUMNS: readonly DdlColumn[] = [
  text('geoname_id'), text('locale_code'), text('continent_code'), text('continent_name'), text('country_iso_code'),
  text('country_name'), text('subdivision_1_iso_code'), text('subdivision_1_name'), text('subdivision_2_iso_code'),
  text('subdivision_2_name'), text('city_name'), text('metro_code'), text('time_zone'), text('is_in_european_union'),
];

function csvTable(g: ResolvedGeolocation, table: string, file: string, columns: readonly DdlColumn[], what: string): AthenaFile {
  return {
    kind: 'create-table',
    name: `${table}.create-table`,
    description: `${what}: upload ${file} (MaxMind GeoLite2 City CSV, header line kept) to ${g.location}/${file.replace(/\.csv$/, '')}/ before running.`,
    ddl: {
      database: g.database,
      table,
      columns,
      partitionedBy: [],
      rowFormatSerde: OPEN_CSV_SERDE,
      storedAs: 'TEXTFILE',
      location: `${g.location}/${file.replace(/\.csv$/, '')}/`,
      tblProperties: [['skip.header.line.count', '1']],
    },
  };
}

export function geolite2TableFiles(g: ResolvedGeolocation): AthenaFile[] {
  return [
    csvTable(g, g.cityBlocksTable, 'GeoLite2-City-Blocks-IPv4.csv', CITY_BLOCKS_COLUMNS, 'GeoLite2 City IPv4 networks (CIDR) with their location'),
    csvTable(g, g.cityLocationsTable, 'GeoLite2-City-Locations-en.csv', CITY_LOCATIONS_COLUMNS, 'GeoLite2 City locations (English names)'),
  ];
}
