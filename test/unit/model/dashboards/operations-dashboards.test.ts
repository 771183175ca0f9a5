/**
 * The five operations dashboards (the 2017 block's, rebuilt): they compile without findings, every
 * field they name exists in their explore, the rendered YAML passes the dashboard JSON Schema,
 * tile counts match the 2017 block, every query tile follows the date filter, the grid holds, and
 * the GeoIP map appears only with the geolocation option.
 */
import { describe, expect, it } from 'vitest';
import { staticChecks } from '../../../../generator/validate/static-checks.js';
import { ExploreScope } from '../../../../generator/ir/explore-scope.js';
import { FieldIndex } from '../../../../generator/ir/field-index.js';
import { validateDashboardYaml } from '../../../../generator/validate/schema/dashboard-schema.js';
import type { CompileResult } from '../../../../generator/compile.js';
import { resolveOptions } from '../../../../model/options.js';
import { operationsDashboards } from '../../../../model/dashboards/operations.js';
import { compiledWith, dashboardOf, DATE_FIELD, fieldsNamedBy, GEO, OPERATIONS, operationsOf, queryTiles } from './helpers.js';

const titleCase = (s: string): boolean =>
  s.split(/\s+/).every((w) => /^(a|an|and|by|for|from|in|of|on|or|the|to|with|without)$/.test(w) || /^[^a-z]/.test(w));

describe.each([
  ['without geolocation', {}],
  ['with geolocation', GEO],
])('operations dashboards %s', (_label, options) => {
  let result: CompileResult;
  const compiled = async (): Promise<CompileResult> => (result ??= await compiledWith(options));

  it('compile with no errors, and no dashboard findings from the static checks', async () => {
    const r = await compiled();
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.files).toBeDefined();
    const findings = [...r.diagnostics, ...(await staticChecks(r.ir))];
    expect(findings.filter((d) => d.severity === 'error')).toEqual([]);
    const aboutDashboards = findings.filter((d) => (d.file ?? '').startsWith('dashboards/') || d.where.startsWith('dashboard '));
    expect(aboutDashboards).toEqual([]);
  });

  it('are all there, with corrected names and titles', async () => {
    const r = await compiled();
    expect(operationsOf(r).map((d) => d.name)).toEqual(Object.keys(OPERATIONS));
    for (const d of operationsOf(r)) expect(d.title).toBe(OPERATIONS[d.name]!.title);
    const names = r.ir.dashboards.map((d) => d.name);
    expect(names).not.toContain('error_overivew');
    expect(JSON.stringify(operationsOf(r))).not.toMatch(/Overivew/);
  });

  it('have the element counts of the 2017 block', async () => {
    const r = await compiled();
    for (const d of operationsOf(r)) {
      const want = OPERATIONS[d.name]!;
      expect({ d: d.name, query: queryTiles(d).length, text: d.elements.length - queryTiles(d).length }).toEqual({ d: d.name, query: want.query, text: want.text });
    }
  });

  it('name only fields their explore has (resolved independently through ExploreScope)', async () => {
    const r = await compiled();
    const index = new FieldIndex(r.ir);
    const unknown: string[] = [];
    for (const d of operationsOf(r)) {
      for (const f of d.filters) {
        if (f.field === undefined) continue;
        const e = r.ir.explores.find((x) => x.name === f.explore);
        if (!e || !new ExploreScope(e, index).resolve(f.field)) unknown.push(`${d.name} filter ${f.name}: ${f.explore}/${f.field}`);
      }
      for (const t of queryTiles(d)) {
        const e = r.ir.explores.find((x) => x.name === t.explore);
        if (!e) {
          unknown.push(`${d.name} / ${t.title}: explore ${t.explore}`);
          continue;
        }
        const scope = new ExploreScope(e, index);
        for (const name of fieldsNamedBy(t)) if (!scope.resolve(name)) unknown.push(`${d.name} / ${t.title}: ${name}`);
        for (const filterName of Object.keys(t.listen ?? {})) {
          if (!d.filters.some((f) => f.name === filterName)) unknown.push(`${d.name} / ${t.title}: listens to missing filter ${filterName}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('render to YAML that passes the LookML dashboard JSON Schema', async () => {
    const r = await compiled();
    const files = (r.files ?? []).filter((f) => Object.keys(OPERATIONS).some((n) => f.path === `dashboards/${n}.dashboard.lookml`));
    expect(files).toHaveLength(5);
    for (const f of files) expect(validateDashboardYaml(f.content, f.path)).toEqual([]);
    const geo = files.some((f) => f.content.includes('geoip_city'));
    expect(geo).toBe(options === GEO);
  });

  it('every query tile listens to a date filter on Event Date defaulting to 7 days (partition pruning)', async () => {
    const r = await compiled();
    for (const d of operationsOf(r)) {
      const date = d.filters.find((f) => f.field === DATE_FIELD);
      expect(date, d.name).toMatchObject({ defaultValue: '7 days', explore: 'cloudtrail_logs' });
      for (const t of queryTiles(d)) {
        expect(t.listen?.[date!.name], `${d.name} / ${t.title}`).toBe(DATE_FIELD);
        // Every other dashboard filter on the explore reaches the tile too.
        for (const f of d.filters) expect(t.listen?.[f.name], `${d.name} / ${t.title} / ${f.name}`).toBe(f.field);
      }
    }
  });

  it('lay tiles on the 24-column grid without overlaps', async () => {
    const r = await compiled();
    for (const d of operationsOf(r)) {
      const cells = new Map<string, string>();
      for (const e of d.elements) {
        expect(e.col + e.width, `${d.name} / ${e.name}`).toBeLessThanOrEqual(24);
        for (let row = e.row; row < e.row + e.height; row++) {
          for (let col = e.col; col < e.col + e.width; col++) {
            const key = `${row}:${col}`;
            expect(cells.get(key), `${d.name}: ${e.name} overlaps at ${key}`).toBeUndefined();
            cells.set(key, e.name);
          }
        }
      }
    }
  });

  it('titles are Title Case, names unique, sorts and limits set, no UI-export noise', async () => {
    const r = await compiled();
    for (const d of operationsOf(r)) {
      const names = d.elements.map((e) => e.name);
      expect(new Set(names).size).toBe(names.length);
      for (const t of queryTiles(d)) {
        expect(titleCase(t.title), t.title).toBe(true);
        expect(t.sorts?.length, t.title).toBeGreaterThan(0);
        expect(t.limit, t.title).toBeGreaterThan(0);
        for (const key of Object.keys(t.vis ?? {})) expect(key).not.toMatch(/^(__FILE|__LINE_NUM|show_view_names|table_theme|conditional_formatting)/);
        if (t.noteText !== undefined) expect(['hover', 'above']).toContain(t.noteDisplay);
      }
      for (const e of d.elements) if (e.kind === 'text') expect(e.bodyText?.trim()).toBeTruthy();
    }
  });
});

describe('the seed defects stay fixed', () => {
  it('no dead 2017 field names, no LIKE on raw request JSON, no AccessDenied login failures', async () => {
    const r = await compiledWith();
    const text = JSON.stringify(operationsOf(r).map((d) => ({ ...d, elements: d.elements.map((e) => ({ ...e, noteText: undefined, bodyText: undefined })) })));
    for (const dead of ['count_of_users', '.eventname', '.event_date', '.eventtime', 'requestparameters', 'request_parameters', 'user_ip_facts', 'user_login_facts', 'errors_dim', 'ip_location']) {
      expect(text, dead).not.toContain(dead);
    }
    expect(text).not.toMatch(/%sg%|%eni-%/);
  });

  it('the security group tile filters on the extracted group ID and security group calls', async () => {
    const d = dashboardOf(await compiledWith(), 'ec2_security_group_modifications');
    const [t] = queryTiles(d);
    expect(t!.listen?.['Security Group']).toBe('cloudtrail_logs.security_group_id');
    expect(t!.listen?.['Network Interface']).toBe('cloudtrail_logs.network_interface_id');
    expect(t!.filters?.['cloudtrail_logs.event_name']?.split(',')).toEqual(expect.arrayContaining(['AuthorizeSecurityGroupIngress', 'RevokeSecurityGroupEgress', 'CreateSecurityGroup', 'DeleteSecurityGroup']));
    expect(t!.fields).toContain('cloudtrail_logs.event_time_time');
  });

  it('console login tiles count results from the sign-in result, per actor', async () => {
    const d = dashboardOf(await compiledWith(), 'console_login_overview');
    const fields = queryTiles(d).flatMap((t) => fieldsNamedBy(t));
    expect(fields).toEqual(expect.arrayContaining(['cloudtrail_logs.console_login_success_count', 'cloudtrail_logs.console_login_failure_count', 'cloudtrail_logs.actor']));
    expect(fields).not.toContain('cloudtrail_logs.user_name');
    expect(fields.filter((f) => /error_code|is_error/.test(f))).toEqual([]);
  });
});

describe('the map tile (the 2017 "Necessary Customization")', () => {
  it('with geolocation, Console Login Overview maps GeoLite2 locations with a login count', async () => {
    const d = dashboardOf(await compiledWith(GEO), 'console_login_overview');
    const map = queryTiles(d).find((t) => t.type === 'looker_google_map' || t.type === 'looker_map');
    expect(map).toBeDefined();
    expect(map!.fields).toEqual(['geoip_city.location', 'cloudtrail_logs.console_login_count']);
    expect(map!.listen?.['Date']).toBe(DATE_FIELD);
  });

  it('without it, no tile is a map and nothing names geolocation; the slot shows source IPs', () => {
    const dashboards = operationsDashboards(resolveOptions({}));
    expect(JSON.stringify(dashboards)).not.toMatch(/geoip|geolite|geolocation/i);
    const types = dashboards.flatMap((d) => queryTiles(d).map((t) => t.type));
    expect(types.filter((t) => /map|geo/.test(t))).toEqual([]);
    const login = dashboards.find((d) => d.name === 'console_login_overview')!;
    expect(queryTiles(login)[0]!.title).toBe('Console Logins by Source IP');
  });
});
