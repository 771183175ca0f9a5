import { describe, expect, it } from 'vitest';
import { compiled, fieldsOf, sqlOfField, view } from './helpers.js';
import { cloudtrailBlock } from '../../../model/index.js';
import { compileBlock } from '../../../generator/compile.js';
import { sqlToLookml } from '../../../generator/vocabulary/sql.js';

describe('the CloudTrail block: fields', () => {
  it('compiles without diagnostics and has at least 80 dimensions and 20 measures', async () => {
    const result = await compiled();
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toBeDefined();
    const logs = view(result, 'cloudtrail_logs');
    expect(logs.fields.filter((f) => f.kind === 'dimension').length).toBeGreaterThanOrEqual(80);
    expect(logs.fields.filter((f) => f.kind === 'measure').length).toBeGreaterThanOrEqual(20);
    expect(fieldsOf(result, 'dimension').length).toBeGreaterThanOrEqual(80);
    expect(fieldsOf(result, 'measure').length).toBeGreaterThanOrEqual(20);
  });

  it('gives every visible field a description and a group label', async () => {
    const result = await compiled({ geolocation: {} });
    const missing = result.ir.views.flatMap((v) =>
      v.fields.filter((f) => !f.hidden && (!f.description || !f.groupLabel)).map((f) => `${v.name}.${f.name}`),
    );
    expect(missing).toEqual([]);
  });

  it('has the fields the dashboards will use, under stable names', async () => {
    const logs = view(await compiled(), 'cloudtrail_logs');
    const names = new Set(logs.fields.map((f) => f.name));
    for (const name of [
      'actor', 'actor_type', 'is_root', 'is_error', 'error_category', 'console_login_result', 'mfa_used', 'login_failure_reason',
      'security_group_id', 'network_interface_id', 'instance_id', 'bucket_name', 'role_arn', 'policy_arn', 'kms_key_id',
      'target_user_name', 'target_access_key_id', 'user_agent_family', 'source_ip_kind', 'access_type', 'is_read_only', 'is_write',
      'is_management_event', 'is_data_event', 'service_name', 'event_time',
      'count', 'error_count', 'error_rate', 'access_denied_count', 'throttled_count', 'actor_count', 'source_ip_count',
      'region_count', 'account_count', 'service_count', 'event_name_count', 'console_login_success_count',
      'console_login_failure_count', 'console_logins_without_mfa', 'root_event_count', 'write_event_count', 'read_event_count',
      'data_event_count',
    ]) {
      expect(names, name).toContain(name);
    }
    const time = logs.fields.find((f) => f.name === 'event_time');
    expect(time?.kind === 'dimension_group' && time.type === 'time' ? time.timeframes : []).toEqual(
      expect.arrayContaining(['raw', 'minute15', 'minute30', 'hour', 'date', 'week', 'month', 'year', 'hour_of_day', 'day_of_week']),
    );
  });

  it('defines an error once: every error-ish measure filters on is_error or error_category', async () => {
    const result = await compiled();
    const errorish = fieldsOf(result, 'measure').filter((m) => /error|denied|throttl|unauthori/i.test(`${m.name} ${m.label ?? ''}`));
    expect(errorish.length).toBeGreaterThanOrEqual(5);
    for (const m of errorish) {
      if (m.kind !== 'measure') continue;
      if (m.type === 'number') {
        // Rates are built from filtered counts.
        expect(m.sql.chunks.some((c) => typeof c === 'object' && c.kind === 'field-ref' && /error|failure/.test(c.field)), m.name).toBe(true);
        continue;
      }
      const filters = 'filters' in m ? Object.keys(m.filters ?? {}) : [];
      expect(filters.some((k) => k === 'is_error' || k === 'error_category'), m.name).toBe(true);
    }
    // No other place writes its own error test.
    const isError = view(result, 'cloudtrail_logs').fields.find((f) => f.name === 'is_error');
    expect(sqlOfField(isError).chunks).toEqual(['COALESCE(', { kind: 'field-ref', field: 'error_code' }, ", '') <> ''"]);
  });

  it('counts failed console logins from responseElements.ConsoleLogin, not from an error code', async () => {
    const logs = view(await compiled(), 'cloudtrail_logs');
    const failed = logs.fields.find((f) => f.name === 'console_login_failure_count');
    expect(failed && 'filters' in failed ? failed.filters : undefined).toEqual({ console_login_result: 'Failure' });
    const result = logs.fields.find((f) => f.name === 'console_login_result');
    expect(sqlToLookml(sqlOfField(result))).toBe(
      "CASE WHEN ${event_name} = 'ConsoleLogin' THEN json_extract_scalar(${response_elements}, '$.ConsoleLogin') END",
    );
  });

  it('keeps typed customisation working on the new fields', async () => {
    const block = cloudtrailBlock().extendView('cloudtrail_logs', (v) => ({
      is_terraform_actor: v.dimension({
        type: 'yesno', description: 'Terraform call by a known actor', groupLabel: 'Custom',
        sql: v.sql`${v.fields.user_agent_family} = 'Terraform' AND ${v.fields.actor} IS NOT NULL`,
      }),
    })).extendView('actor_ip_facts', (v) => ({
      many_ips: v.dimension({ type: 'yesno', description: 'More than 5 IPs', groupLabel: 'Custom', sql: v.sql`${v.fields.source_ip_count} > 5` }),
    }));
    const result = await compileBlock(block);
    expect(result.diagnostics).toEqual([]);
  });
});
