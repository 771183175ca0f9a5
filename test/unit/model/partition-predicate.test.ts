/**
 * The partition predicate per layout, as exact text (read it: the lower bound is the first day,
 * the upper bound one day after the last, open sides COALESCE to bounds every value passes).
 */
import { describe, expect, it } from 'vitest';
import { sqlToLookml } from '../../../generator/vocabulary/sql.js';
import { derivedTablePartitionWhere } from '../../../model/explores/partition-predicate.js';
import { cloudtrailLogsPartitionWhere } from '../../../model/explores/cloudtrail-logs.explore.js';
import { resolveOptions, type Partitioning } from '../../../model/options.js';
import { compiled } from './helpers.js';

const LAYOUTS: Record<string, Partitioning> = {
  'single-region': { layout: 'single-region', account: '111122223333', region: 'us-east-1' },
  'multi-region': { layout: 'multi-region', account: '111122223333', regions: ['us-east-1', 'eu-west-1'] },
  organization: { layout: 'organization', organizationId: 'o-abc123', accounts: ['111122223333'], regions: ['us-east-1'] },
  manual: { layout: 'manual', account: '111122223333' },
};

const START = "CAST({% date_start cloudtrail_logs.event_time_date %} AS TIMESTAMP)";
const END_PLUS_ONE = "CAST({% date_end cloudtrail_logs.event_time_date %} AS TIMESTAMP) - INTERVAL '1' SECOND + INTERVAL '1' DAY";

const TIMESTAMP_PREDICATE =
  "${cloudtrail_logs.partition_timestamp} >= COALESCE(date_format(" + START + ", '%Y/%m/%d'), '0000/00/00')\n" +
  "AND ${cloudtrail_logs.partition_timestamp} <= COALESCE(date_format(" + END_PLUS_ONE + ", '%Y/%m/%d'), '9999/99/99')";

const MANUAL_PREDICATE =
  "${cloudtrail_logs.partition_year} >= COALESCE(date_format(" + START + ", '%Y'), '0000')\n" +
  "AND ${cloudtrail_logs.partition_year} <= COALESCE(date_format(" + END_PLUS_ONE + ", '%Y'), '9999')\n" +
  "AND concat(${cloudtrail_logs.partition_year}, '/', ${cloudtrail_logs.partition_month}, '/', ${cloudtrail_logs.partition_day}) >= COALESCE(date_format(" + START + ", '%Y/%m/%d'), '0000/00/00')\n" +
  "AND concat(${cloudtrail_logs.partition_year}, '/', ${cloudtrail_logs.partition_month}, '/', ${cloudtrail_logs.partition_day}) <= COALESCE(date_format(" + END_PLUS_ONE + ", '%Y/%m/%d'), '9999/99/99')";

describe('partition predicate (sql_always_where) per layout', () => {
  for (const layout of ['single-region', 'multi-region', 'organization'] as const) {
    it(`${layout}: "timestamp" (yyyy/MM/dd) from the first day to one day after the last`, () => {
      const o = resolveOptions({ partitioning: LAYOUTS[layout]! });
      expect(sqlToLookml(cloudtrailLogsPartitionWhere(o))).toBe(TIMESTAMP_PREDICATE);
    });
  }

  it('manual: year bounds plus the yyyy/MM/dd day built from year, month, day', () => {
    const o = resolveOptions({ partitioning: LAYOUTS.manual! });
    expect(sqlToLookml(cloudtrailLogsPartitionWhere(o))).toBe(MANUAL_PREDICATE);
  });

  it('derived tables use the same predicate on their own alias', () => {
    expect(derivedTablePartitionWhere(LAYOUTS['single-region']!, 't')).toBe(
      TIMESTAMP_PREDICATE.replaceAll('${cloudtrail_logs.partition_timestamp}', 't."timestamp"'),
    );
  });

  it('organization with injected accounts: the account filter is required and repeated in derived tables', async () => {
    const partitioning: Partitioning = { layout: 'organization', organizationId: 'o-abc123', accounts: 'injected', regions: ['us-east-1'], defaultAccount: '111122223333' };
    expect(derivedTablePartitionWhere(partitioning, 't')).toBe(
      TIMESTAMP_PREDICATE.replaceAll('${cloudtrail_logs.partition_timestamp}', 't."timestamp"') +
        '\nAND {% condition cloudtrail_logs.partition_account %} t."account" {% endcondition %}',
    );
    const result = await compiled({ partitioning });
    expect(result.diagnostics).toEqual([]);
    const e = result.ir.explores.find((x) => x.name === 'cloudtrail_logs')!;
    expect(e.alwaysFilter).toEqual({ 'cloudtrail_logs.event_time_date': '7 days', 'cloudtrail_logs.partition_account': '111122223333' });
    expect(e.description).toContain('Account (partition) filter');
    const account = result.ir.views.find((v) => v.name === 'cloudtrail_logs')!.fields.find((f) => f.name === 'partition_account')!;
    expect(account.hidden).toBeUndefined();
    expect(account.description).toContain('injected');
  });

  it('the explore always filters on the event date (default 7 days)', async () => {
    const e = (await compiled()).ir.explores.find((x) => x.name === 'cloudtrail_logs')!;
    expect(e.alwaysFilter).toEqual({ 'cloudtrail_logs.event_time_date': '7 days' });
    expect(e.description).toMatch(/one day after the last/);
  });
});
