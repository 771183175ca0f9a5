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
import type { NamesOfFields } from '../generator/vocabulary/view.js';
import { cloudtrailTable } from './table/cloudtrail-columns.js';
import { resolveOptions, type CloudtrailBlockOptions } from './options.js';
import { cloudtrailLogsView } from './views/cloudtrail-logs.view.js';
import { cloudtrailLogsExplore } from './explores/cloudtrail-logs.explore.js';
import { cloudtrailTableFile } from './athena/table-ddl.js';

type CloudtrailLogsNames = ReturnType<typeof cloudtrailLogsView> extends { __names?: infer N } ? Exclude<N, undefined> : never;

/** The view names and field names of the built-in block, for typed customisation. */
export type CloudtrailViews = { cloudtrail_logs: CloudtrailLogsNames };

export function cloudtrailBlock(options: CloudtrailBlockOptions = {}): Block<CloudtrailViews> {
  const o = resolveOptions(options);
  return Block.of<CloudtrailViews>({
    manifest: {
      projectName: o.projectName,
      constants: {
        CONNECTION_NAME: { value: o.connection, export: 'override_required' },
        CLOUDTRAIL_SCHEMA: { value: o.schema, export: 'override_optional' },
        CLOUDTRAIL_TABLE: { value: o.table, export: 'override_optional' },
      },
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
    views: [cloudtrailLogsView(o)],
    explores: [cloudtrailLogsExplore()],
    dashboards: [],
    athena: [cloudtrailTableFile(cloudtrailTable, o)],
    exemptions: [],
  });
}

export type { CloudtrailBlockOptions, Partitioning } from './options.js';
export type { NamesOfFields };
export * from '../generator/index.js';
