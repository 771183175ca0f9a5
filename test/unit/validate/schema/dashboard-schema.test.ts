import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  dashboardSchema,
  validateDashboardObject,
  validateDashboardYaml,
  type SchemaFinding,
} from '../../../../generator/validate/schema/dashboard-schema.js';
import { renderDashboard } from '../../../../generator/render/render-dashboard.js';
import {
  DASHBOARD_FILTER_TYPES,
  VIS_TYPES,
  dashboard,
  queryTile,
  textTile,
  type DashboardFilter,
} from '../../../../generator/vocabulary/dashboard.js';

const FIXTURE_FILE = 'dashboards/cloudtrail_overview.dashboard.lookml';
const FIXTURE_TEXT = readFileSync(new URL('./fixtures/cloudtrail_overview.dashboard.lookml', import.meta.url), 'utf8');

type Json = Record<string, any>;

/** A fresh, mutable copy of the fixture for each broken variant. */
function fixture(): Json[] {
  return parse(FIXTURE_TEXT) as Json[];
}

/** Applies one mutation to the fixture's dashboard and validates the result. */
function findingsAfter(mutate: (d: Json) => void): SchemaFinding[] {
  const doc = fixture();
  mutate(doc[0]!);
  return validateDashboardObject(doc, FIXTURE_FILE);
}

describe('the LookML dashboard schema', () => {
  it('accepts a realistic dashboard (text, single_value, pivoted column, grid, date and field filters)', () => {
    expect(validateDashboardYaml(FIXTURE_TEXT, FIXTURE_FILE)).toEqual([]);
  });

  it('keeps its enums in step with the dashboard vocabulary', () => {
    const defs = dashboardSchema['$defs'] as Json;
    expect(defs['element'].properties.type.enum).toEqual(['text', ...VIS_TYPES]);
    expect(defs['filter'].properties.type.enum).toEqual([...DASHBOARD_FILTER_TYPES]);
  });

  it('accepts the optional documented dashboard keys', () => {
    const findings = findingsAfter((d) => {
      Object.assign(d, {
        auto_run: true,
        enable_viz_full_screen: true,
        filters_bar_collapsed: false,
        filters_location_top: true,
        query_timezone: 'UTC',
        preferred_slug: 'abc123',
        embed_style: { background_color: '#fff', show_title: true },
      });
    });
    expect(findings).toEqual([]);
  });
});

interface BrokenCase {
  readonly name: string;
  readonly mutate: (d: Json) => void;
  readonly path: string;
  /** A fragment the readable message must contain. */
  readonly says: string;
}

const BROKEN: readonly BrokenCase[] = [
  { name: 'unknown top-level key', mutate: (d) => { d['owner'] = 'security'; }, path: '/0/owner', says: "unknown key 'owner'" },
  { name: 'misspelt top-level key gets a suggestion', mutate: (d) => { d['descripton'] = 'x'; }, path: '/0/descripton', says: "did you mean 'description'" },
  { name: 'layout: tile', mutate: (d) => { d['layout'] = 'tile'; }, path: '/0/layout', says: "must be 'newspaper', got 'tile'" },
  { name: 'dashboard name not a LookML name', mutate: (d) => { d['dashboard'] = 'CloudTrail-Overview'; }, path: '/0/dashboard', says: 'a LookML name' },
  { name: 'refresh not "N minutes"', mutate: (d) => { d['refresh'] = '5 mins'; }, path: '/0/refresh', says: 'an interval like "5 minutes"' },
  { name: 'missing elements', mutate: (d) => { delete d['elements']; }, path: '/0', says: "missing required key 'elements'" },
  { name: 'element without name', mutate: (d) => { delete d['elements'][1].name; }, path: '/0/elements/1', says: "missing required key 'name'" },
  { name: 'width 25', mutate: (d) => { d['elements'][0].width = 25; }, path: '/0/elements/0/width', says: 'width 25 must be <= 24' },
  { name: 'col 24', mutate: (d) => { d['elements'][1].col = 24; }, path: '/0/elements/1/col', says: 'col 24 must be <= 23' },
  { name: 'col + width past the grid', mutate: (d) => { d['elements'][3].col = 20; }, path: '/0/elements/3/width', says: 'col 20 + width 12 runs past the 24-column grid' },
  { name: 'fractional height', mutate: (d) => { d['elements'][3].height = 2.5; }, path: '/0/elements/3/height', says: 'must be integer' },
  { name: 'bad element type', mutate: (d) => { d['elements'][1].type = 'looker_pi'; }, path: '/0/elements/1/type', says: "did you mean 'looker_pie'" },
  { name: 'query tile without fields', mutate: (d) => { delete d['elements'][1].fields; }, path: '/0/elements/1', says: "missing required key 'fields'" },
  { name: 'query tile with empty fields', mutate: (d) => { d['elements'][1].fields = []; }, path: '/0/elements/1/fields', says: 'fields must not be empty' },
  { name: 'query tile without explore', mutate: (d) => { delete d['elements'][2].explore; }, path: '/0/elements/2', says: "missing required key 'explore'" },
  { name: 'field without view prefix', mutate: (d) => { d['elements'][1].fields = ['count']; }, path: '/0/elements/1/fields/0', says: 'a `view.field` reference' },
  { name: 'sort without view prefix', mutate: (d) => { d['elements'][4].sorts = ['count desc']; }, path: '/0/elements/4/sorts/0', says: "'count desc' must be a `view.field` reference, optionally followed by" },
  { name: 'sort direction misspelt', mutate: (d) => { d['elements'][4].sorts = ['cloudtrail_logs.count descending']; }, path: '/0/elements/4/sorts/0', says: 'optionally followed by " asc" or " desc"' },
  { name: 'limit 0', mutate: (d) => { d['elements'][1].limit = 0; }, path: '/0/elements/1/limit', says: 'limit 0 must be >= 1' },
  { name: 'limit above 5000', mutate: (d) => { d['elements'][3].limit = 5001; }, path: '/0/elements/3/limit', says: 'limit 5001 must be <= 5000' },
  { name: 'tile filter key not view.field', mutate: (d) => { d['elements'][4].filters = { error_code: '-NULL' }; }, path: '/0/elements/4/filters/error_code', says: "key 'error_code' must be a `view.field` reference" },
  { name: 'tile filter value not a string', mutate: (d) => { d['elements'][4].filters['cloudtrail_logs.count'] = 5; }, path: '/0/elements/4/filters/cloudtrail_logs.count', says: 'must be string, got 5' },
  { name: 'listen value not view.field', mutate: (d) => { d['elements'][1].listen['Event Date'] = 'event_date'; }, path: '/0/elements/1/listen/Event Date', says: "'event_date' must be a `view.field` reference" },
  { name: 'note_state outside its enum', mutate: (d) => { d['elements'][1].note_state = 'open'; }, path: '/0/elements/1/note_state', says: "'open' is not one of: 'collapsed', 'expanded'" },
  { name: 'vis setting of the wrong type', mutate: (d) => { d['elements'][3].show_value_labels = 'yes'; }, path: '/0/elements/3/show_value_labels', says: 'must be boolean' },
  { name: 'query tile with a text-tile key', mutate: (d) => { d['elements'][2].body_text = 'hi'; }, path: '/0/elements/2/body_text', says: "key 'body_text' is not allowed here" },
  { name: 'text tile with fields', mutate: (d) => { d['elements'][0].fields = ['cloudtrail_logs.count']; }, path: '/0/elements/0/fields', says: "unknown key 'fields'" },
  { name: 'text tile body not a string', mutate: (d) => { d['elements'][0].body_text = 42; }, path: '/0/elements/0/body_text', says: 'must be string' },
  { name: 'filter type bogus', mutate: (d) => { d['filters'][0].type = 'bogus'; }, path: '/0/filters/0/type', says: "type 'bogus' is not one of: 'field_filter'" },
  { name: 'field_filter without explore', mutate: (d) => { delete d['filters'][1].explore; }, path: '/0/filters/1', says: "missing required key 'explore'" },
  { name: 'field_filter without field', mutate: (d) => { delete d['filters'][1].field; }, path: '/0/filters/1', says: "missing required key 'field'" },
  { name: 'unknown filter key', mutate: (d) => { d['filters'][0].default = '7 days'; }, path: '/0/filters/0/default', says: "unknown key 'default'" },
  { name: 'ui_config type bogus', mutate: (d) => { d['filters'][1].ui_config.type = 'tag_lst'; }, path: '/0/filters/1/ui_config/type', says: "did you mean 'tag_list'" },
  { name: 'ui_config display bogus', mutate: (d) => { d['filters'][0].ui_config.display = 'sidebar'; }, path: '/0/filters/0/ui_config/display', says: "'sidebar' is not one of: 'inline', 'popover', 'overflow'" },
  { name: 'filter allow_multiple_values as a string', mutate: (d) => { d['filters'][0].allow_multiple_values = 'yes'; }, path: '/0/filters/0/allow_multiple_values', says: 'must be boolean' },
];

describe('broken dashboards', () => {
  it.each(BROKEN)('$name → $path', ({ mutate, path, says }) => {
    const findings = findingsAfter(mutate);
    expect(findings).toContainEqual({ file: FIXTURE_FILE, path, message: expect.stringContaining(says) });
  });

  it('reports only the missing type when a tile has none (no query-tile noise)', () => {
    const findings = findingsAfter((d) => { delete d['elements'][2].type; });
    expect(findings).toEqual([{ file: FIXTURE_FILE, path: '/0/elements/2', message: "missing required key 'type'" }]);
  });

  it('reports every problem in one run', () => {
    const findings = findingsAfter((d) => {
      d['layout'] = 'grid';
      d['elements'][0].width = 30;
      d['filters'][0].type = 'bogus';
    });
    expect(findings.map((f) => f.path)).toEqual(
      expect.arrayContaining(['/0/layout', '/0/elements/0/width', '/0/filters/0/type']),
    );
  });

  it('requires the file to be a list of exactly one dashboard', () => {
    const two = validateDashboardObject([...fixture(), ...fixture()], FIXTURE_FILE);
    expect(two).toEqual([{ file: FIXTURE_FILE, path: '', message: 'the file must be a list holding exactly one dashboard' }]);
    const bare = validateDashboardObject(fixture()[0], FIXTURE_FILE);
    expect(bare).toEqual([{ file: FIXTURE_FILE, path: '', message: 'the file must be a YAML list holding one dashboard (`- dashboard: name`)' }]);
  });

  it('shortens long offending values in messages', () => {
    const findings = findingsAfter((d) => { d['title'] = { nested: 'x'.repeat(200) }; });
    const message = findings.find((f) => f.path === '/0/title')?.message ?? '';
    expect(message).toMatch(/^title must be string, got \{"nested":"x+\.\.\.$/);
    expect(message.length).toBeLessThan(100);
  });

  it('reports YAML that does not parse instead of throwing', () => {
    const findings = validateDashboardYaml('# header\n- dashboard: x\n  title: [unclosed\n', 'dashboards/x.dashboard.lookml');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]).toMatchObject({ file: 'dashboards/x.dashboard.lookml', path: '', message: expect.stringContaining('YAML does not parse') });
  });
});

describe('dashboards rendered by our own renderer', () => {
  const filters: DashboardFilter[] = [
    { name: 'Event Date', title: 'Event Date', type: 'date_filter', defaultValue: '7 days', allowMultipleValues: true, required: false, uiConfig: { type: 'relative_timeframes', display: 'inline' } },
    {
      name: 'Account', title: 'Account', type: 'field_filter', explore: 'cloudtrail_logs', field: 'cloudtrail_logs.recipient_account_id',
      allowMultipleValues: true, listensToFilters: ['Event Date'], uiConfig: { type: 'tag_list', display: 'popover' },
    },
  ];
  const listen = { 'Event Date': 'cloudtrail_logs.event_time_date', Account: 'cloudtrail_logs.recipient_account_id' };

  const def = dashboard({
    name: 'cloudtrail_overview',
    title: 'CloudTrail Overview',
    description: 'Who did what, where and when.',
    refresh: '15 minutes',
    crossfilterEnabled: true,
    filters,
    elements: [
      textTile({ name: 'intro', titleText: 'CloudTrail Overview', bodyText: 'Counts come from **cloudtrail_logs**.', row: 0, col: 0, width: 24, height: 2 }),
      queryTile({ name: 'total_events', title: 'Events', type: 'single_value', explore: 'cloudtrail_logs', fields: ['cloudtrail_logs.count'], limit: 1, listen, noteText: 'All events.', noteState: 'collapsed', noteDisplay: 'hover', row: 2, col: 0, width: 6, height: 4 }),
      queryTile({
        name: 'events_by_region', title: 'Events per day by region', type: 'looker_column', explore: 'cloudtrail_logs',
        fields: ['cloudtrail_logs.event_time_date', 'cloudtrail_logs.aws_region', 'cloudtrail_logs.count'],
        pivots: ['cloudtrail_logs.aws_region'], fillFields: ['cloudtrail_logs.event_time_date'],
        sorts: ['cloudtrail_logs.event_time_date desc'], limit: 500, listen,
        vis: { stacking: 'normal', show_value_labels: true, series_colors: { 'us-east-1 - cloudtrail_logs.count': '#1A73E8' } },
        row: 2, col: 6, width: 18, height: 8,
      }),
      queryTile({
        name: 'failed_calls', title: 'Failed calls', type: 'looker_grid', explore: 'cloudtrail_logs',
        fields: ['cloudtrail_logs.event_name', 'cloudtrail_logs.error_code', 'cloudtrail_logs.count'],
        sorts: ['cloudtrail_logs.count desc'], limit: 50, filters: { 'cloudtrail_logs.error_code': '-NULL', 'cloudtrail_logs.count': '>0' },
        hiddenFields: ['cloudtrail_logs.error_code'], listen: { 'Event Date': 'cloudtrail_logs.event_time_date' },
        row: 10, col: 0, width: 24, height: 8,
      }),
    ],
  });

  it('emits a file the schema accepts', async () => {
    const out = await renderDashboard(def, 'cloudtrail');
    expect(out.content.startsWith('#')).toBe(true);
    expect(validateDashboardYaml(out.content, out.path)).toEqual([]);
  });

  it('catches what the vocabulary types allow but Looker does not (a tile past the grid)', async () => {
    const wide = dashboard({
      name: 'too_wide', title: 'Too wide', filters: [],
      elements: [queryTile({ name: 'n', title: 'N', type: 'table', explore: 'cloudtrail_logs', fields: ['cloudtrail_logs.count'], row: 0, col: 12, width: 16, height: 4 })],
    });
    const out = await renderDashboard(wide, 'cloudtrail');
    expect(validateDashboardYaml(out.content, out.path)).toEqual([
      { file: 'dashboards/too_wide.dashboard.lookml', path: '/0/elements/0/width', message: expect.stringContaining('col 12 + width 16 runs past') },
    ]);
  });
});
