/**
 * The CloudTrail block. `cloudtrailBlock(options)` returns the whole Looker project as one
 * immutable value; customise it with ordinary TypeScript and export it from
 * `cloudtrail-lookml.config.ts`:
 *
 * ```ts
 * import { cloudtrailBlock } from 'cloudtrail-lookml';
 * export default cloudtrailBlock({ connection: 'athena_security', schema: 'security' })
 *   .extendView('cloudtrail_logs', (v) => ({
 *     is_terraform: v.dimension({
 *       type: 'yesno', description: 'Call made by Terraform',
 *       sql: v.sql`${v.fields.user_agent} LIKE '%Terraform%'`,
 *     }),
 *   }));
 * ```
 */
import { Block } from '../generator/vocabulary/block.js';
import type { NamesOfFields, ViewDef } from '../generator/vocabulary/view.js';
import type { Constant } from '../generator/vocabulary/project.js';
import { cloudtrailTable } from './table/cloudtrail-columns.js';
import { blockDashboards } from './dashboards/index.js';
import { queriedTable, resolveOptions, type CloudtrailBlockOptions, type ResolvedOptions } from './options.js';
import { cloudtrailLogsView } from './views/cloudtrail-logs.view.js';
import { cloudtrailResourcesView } from './views/cloudtrail-resources.view.js';
import { actorIpFactsView, actorLoginFactsView } from './views/actor-facts.view.js';
import { cloudtrailLogsExplore } from './explores/cloudtrail-logs.explore.js';
import { cloudtrailTableFile } from './athena/table-ddl.js';
import { parquetFiles } from './athena/parquet.js';
import { GEOIP_CONSTANTS, geoipCityJoin, geoipCityView, sourceIpv4Fields } from './geolocation/geoip-city.view.js';
import { geolite2TableFiles } from './geolocation/geolite2-tables.js';

type NamesOf<F extends (o: ResolvedOptions) => ViewDef> = ReturnType<F> extends { __names?: infer N } ? Exclude<N, undefined> : never;

/**
 * The view names and field names of the built-in block, for typed customisation. (`geoip_city`
 * exists only with the `geolocation` option, so it is not listed.)
 */
export type CloudtrailViews = {
  cloudtrail_logs: NamesOf<typeof cloudtrailLogsView>;
  cloudtrail_resources: NamesOf<typeof cloudtrailResourcesView>;
  actor_login_facts: NamesOf<typeof actorLoginFactsView>;
  actor_ip_facts: NamesOf<typeof actorIpFactsView>;
};

function manifestConstants(o: ResolvedOptions): Record<string, Constant> {
  const geo = o.geolocation;
  return {
    CONNECTION_NAME: { value: o.connection, export: 'override_required' },
    CLOUDTRAIL_SCHEMA: { value: o.schema, export: 'override_optional' },
    CLOUDTRAIL_TABLE: { value: queriedTable(o), export: 'override_optional' },
    ...(geo
      ? {
          [GEOIP_CONSTANTS.schema]: { value: geo.database, export: 'override_optional' },
          [GEOIP_CONSTANTS.blocks]: { value: geo.cityBlocksTable, export: 'override_optional' },
          [GEOIP_CONSTANTS.locations]: { value: geo.cityLocationsTable, export: 'override_optional' },
        }
      : {}),
  };
}

function cloudtrailLogsWithOptions(o: ResolvedOptions): ViewDef {
  const base = cloudtrailLogsView(o);
  // The GeoIP join keys exist only with the geolocation option.
  return o.geolocation ? { ...base, fields: Object.freeze({ ...base.fields, ...sourceIpv4Fields() }) } : base;
}

export function cloudtrailBlock(options: CloudtrailBlockOptions = {}): Block<CloudtrailViews> {
  const o = resolveOptions(options);
  return Block.of<CloudtrailViews>({
    manifest: {
      projectName: o.projectName,
      constants: manifestConstants(o),
    },
    model: {
      name: o.modelName,
      label: 'AWS CloudTrail',
      connection: '@{CONNECTION_NAME}',
      includes: ['explores/*.explore.lkml', 'dashboards/*.dashboard.lookml'],
      datagroups: [
        {
          name: 'cloudtrail_default',
          label: 'CloudTrail delivery',
          description: 'CloudTrail delivers log files about every 5 minutes; cache results for at most 15 minutes.',
          intervalTrigger: '15 minutes',
          maxCacheAge: '15 minutes',
        },
      ],
      persistWith: 'cloudtrail_default',
    },
    views: [
      cloudtrailLogsWithOptions(o),
      cloudtrailResourcesView(o),
      actorLoginFactsView(o),
      actorIpFactsView(o),
      ...(o.geolocation ? [geoipCityView()] : []),
    ],
    explores: [cloudtrailLogsExplore(o, o.geolocation ? [geoipCityJoin()] : [])],
    dashboards: blockDashboards(o),
    athena: [
      cloudtrailTableFile(cloudtrailTable, o),
      ...(o.storage === 'parquet' ? parquetFiles(cloudtrailTable, o) : []),
      ...(o.geolocation ? geolite2TableFiles(o.geolocation) : []),
    ],
    exemptions: [
      { rule: 'primary-key-hidden', path: 'cloudtrail_logs/event_id', reason: 'The event ID is what responders search for and drill to; it stays visible.' },
      ...(o.geolocation
        ? [{ rule: 'join-on-primary-key', path: 'explore/cloudtrail_logs/geoip_city', reason: 'A range join: the /16 prefix plus BETWEEN first and last address; each IPv4 address falls in exactly one GeoLite2 network.' }]
        : []),
    ],
  });
}

export type { CloudtrailBlockOptions, GeolocationOptions, Partitioning } from './options.js';
export type { NamesOfFields };
export * from '../generator/index.js';
