/**
 * Small fixture blocks for golden, round-trip and fuzz tests: a view with every field kind, a
 * derived-table view, an abstract base view and a view extending it, an explore with every
 * explore parameter the vocabulary has, and a dashboard with both tile kinds and filters.
 */
import { Block, type BlockContent } from '../../generator/vocabulary/block.js';
import { view, type ViewDef } from '../../generator/vocabulary/view.js';
import { explore, join } from '../../generator/vocabulary/explore.js';
import { dashboard, queryTile, textTile } from '../../generator/vocabulary/dashboard.js';
import { sql, sqlText } from '../../generator/vocabulary/sql.js';

/** Every dimension, group, measure, filter and parameter kind, with the common parameters. */
export function eventsView() {
  return view('fixture_events', {
    source: { kind: 'table', sqlTableName: 'analytics.events' },
    label: 'Fixture Events',
    description: 'One row per fixture event.',
    drillFields: ['event_id', 'name'],
  })
    .add((v) => ({
      event_id: v.dimension({ type: 'string', primaryKey: true, hidden: true, sql: v.sql`${v.table}.id` }),
      user_id: v.dimension({ type: 'number', hidden: true, sql: v.sql`${v.table}.user_id` }),
      name: v.dimension({
        type: 'string',
        sql: v.sql`TRIM(${v.table}.name)`,
        label: 'Event Name',
        viewLabel: 'Events',
        groupLabel: 'Event',
        groupItemLabel: 'Name',
        description: 'The name of the event, trimmed.',
        tags: ['pii', 'name'],
        alias: ['event_name', 'old_name'],
        suggestions: ['login', 'logout'],
        html: '<b>{{ value }}</b>',
        links: [
          { label: 'Search', url: 'https://example.com/search?q={{ value | url_encode }}', iconUrl: 'https://example.com/icon.png' },
          { label: 'Docs', url: 'https://example.com/docs' },
        ],
      }),
      amount: v.dimension({ type: 'number', sql: v.sql`${v.table}.amount`, valueFormatName: 'usd', description: 'Amount in USD.' }),
      is_big: v.dimension({ type: 'yesno', sql: v.sql`${v.table}.amount > 1000` }),
      amount_tier: v.dimension({ type: 'tier', tiers: [0, 10, 100, 1000], style: 'integer', sql: v.sql`${v.table}.amount` }),
      location: v.dimension({ type: 'location', sqlLatitude: v.sql`${v.table}.lat`, sqlLongitude: v.sql`${v.table}.lon` }),
      zip: v.dimension({ type: 'zipcode', sql: v.sql`${v.table}.zip` }),
      month_number: v.dimension({ type: 'number', hidden: true, sql: v.sql`month(${v.table}.created_at)` }),
      created: v.dimensionGroup({
        type: 'time',
        timeframes: ['raw', 'time', 'date', 'week', 'month', 'month_name'],
        datatype: 'timestamp',
        convertTz: false,
        sql: v.sql`${v.table}.created_at`,
        label: 'Created',
      }),
      open: v.dimensionGroup({
        type: 'duration',
        intervals: ['hour', 'day'],
        sqlStart: v.sql`${v.table}.created_at`,
        sqlEnd: v.sql`${v.table}.closed_at`,
        description: 'How long the event stayed open.',
      }),
      status_param: v.parameter({
        type: 'unquoted',
        label: 'Status',
        allowedValues: [{ label: 'Open', value: 'open' }, { label: 'Closed', value: 'closed' }],
        defaultValue: 'open',
      }),
      date_window: v.filter({ type: 'date', description: 'Window for the templated filter.', sql: sqlText('{% condition date_window %} ${TABLE}.created_at {% endcondition %}') }),
      name_filter: v.filter({ type: 'string', suggestDimension: 'name' }),
    }))
    .add((v) => ({
      count: v.measure({ type: 'count', label: 'Events', drillFields: ['detail*'] }),
      big_count: v.measure({ type: 'count', filters: { is_big: 'yes', name: '-NULL' }, description: 'Events over 1000 USD.' }),
      distinct_users: v.measure({ type: 'count_distinct', sql: v.sql`${v.fields.user_id}`, drillFields: ['user_id'] }),
      total_amount: v.measure({ type: 'sum', sql: v.sql`${v.fields.amount}`, valueFormatName: 'usd', filters: { is_big: 'no' } }),
      average_amount: v.measure({ type: 'average', sql: v.sql`${v.fields.amount}`, valueFormat: '$#,##0.00' }),
      min_amount: v.measure({ type: 'min', sql: v.sql`${v.fields.amount}` }),
      max_amount: v.measure({ type: 'max', sql: v.sql`${v.fields.amount}` }),
      median_amount: v.measure({ type: 'median', sql: v.sql`${v.fields.amount}` }),
      distinct_amount: v.measure({ type: 'sum_distinct', sql: v.sql`${v.fields.amount}`, sqlDistinctKey: v.sql`${v.fields.event_id}` }),
      average_distinct_amount: v.measure({ type: 'average_distinct', sql: v.sql`${v.fields.amount}`, sqlDistinctKey: v.sql`${v.fields.event_id}` }),
      p90_amount: v.measure({ type: 'percentile', percentile: 90, sql: v.sql`${v.fields.amount}` }),
      names: v.measure({ type: 'list', listField: 'name' }),
    }))
    .add((v) => ({
      big_share: v.measure({ type: 'number', sql: v.sql`1.0 * ${v.fields.big_count} / NULLIF(${v.fields.count}, 0)`, valueFormatName: 'percent_1' }),
    }))
    .set('detail', ['event_id', 'name', 'created_date', 'amount']);
}

/** A derived table (multi-line SQL with a datagroup trigger). */
export function usersView() {
  return view('fixture_users', {
    source: {
      kind: 'derived',
      sql: sqlText('SELECT\n  user_id,\n  MIN(created_at) AS first_seen\nFROM analytics.events\nGROUP BY 1'),
      datagroupTrigger: 'fixture_daily',
    },
    description: 'First sighting per user.',
  }).add((v) => ({
    user_id: v.dimension({ type: 'number', primaryKey: true, sql: v.sql`${v.table}.user_id` }),
    first_seen: v.dimensionGroup({ type: 'time', timeframes: ['date', 'month'], sql: v.sql`${v.table}.first_seen` }),
    user_count: v.measure({ type: 'count' }),
  }));
}

/** An abstract base (no source, extension: required) and a view that extends it. */
export function personBaseView() {
  return view('fixture_person_base', { source: { kind: 'none' }, extensionRequired: true }).add((v) => ({
    person_id: v.dimension({ type: 'number', primaryKey: true, sql: v.sql`${v.table}.id` }),
    full_name: v.dimension({ type: 'string', sql: v.sql`${v.table}.full_name`, label: 'Name' }),
    person_count: v.measure({ type: 'count' }),
  }));
}

export function adminsView() {
  return view('fixture_admins', { source: { kind: 'table', sqlTableName: 'analytics.admins' }, extends: ['fixture_person_base'] }).add((v) => ({
    // Overrides the base's full_name (same name, own definition).
    full_name: v.dimension({ type: 'string', sql: sqlText('UPPER(${TABLE}.full_name)'), label: 'Admin Name' }),
    admin_level: v.dimension({ type: 'number', sql: v.sql`${v.table}.level` }),
  }));
}

export function eventsExplore() {
  return explore({
    name: 'fixture_events',
    label: 'Fixture Events',
    groupLabel: 'Fixtures',
    description: 'Events with their users.',
    tags: ['fixture'],
    fields: ['ALL_FIELDS*', '-fixture_events.zip'],
    persistWith: 'fixture_daily',
    alwaysFilter: { 'fixture_events.created_date': '7 days' },
    conditionallyFilter: { filters: { 'fixture_events.created_date': '1 day' }, unless: ['fixture_events.event_id', 'users.user_id'] },
    sqlAlwaysWhere: sql`\${fixture_events.amount} >= 0`,
    accessFilters: [{ field: 'fixture_events.name', userAttribute: 'allowed_names' }],
    joins: [
      join({
        name: 'users',
        from: 'fixture_users',
        type: 'left_outer',
        relationship: 'many_to_one',
        viewLabel: 'Users',
        sqlOn: sqlText('${fixture_events.user_id} = ${users.user_id}'),
        fields: ['user_id', 'first_seen_date'],
      }),
      join({
        name: 'fixture_admins',
        type: 'inner',
        relationship: 'one_to_one',
        sqlOn: sqlText('${users.user_id} = ${fixture_admins.person_id}'),
        requiredJoins: ['users'],
      }),
    ],
  });
}

export function eventsDashboard() {
  return dashboard({
    name: 'fixture_overview',
    title: 'Fixture Overview',
    description: 'Events at a glance.',
    refresh: '1 hour',
    crossfilterEnabled: true,
    filters: [
      {
        name: 'created',
        title: 'Created',
        type: 'field_filter',
        explore: 'fixture_events',
        field: 'fixture_events.created_date',
        defaultValue: '7 days',
        allowMultipleValues: true,
        required: false,
        uiConfig: { type: 'relative_timeframes', display: 'inline' },
      },
      { name: 'event_name', title: 'Event name', type: 'field_filter', explore: 'fixture_events', field: 'fixture_events.name', listensToFilters: ['created'] },
    ],
    elements: [
      textTile({ name: 'intro', titleText: 'Overview', subtitleText: 'Read me', bodyText: 'Counts of *fixture* events: "quoted", #hash, key: value', row: 0, col: 0, width: 24, height: 2 }),
      queryTile({
        name: 'events_by_day',
        title: 'Events by day',
        type: 'looker_column',
        explore: 'fixture_events',
        fields: ['fixture_events.created_date', 'fixture_events.count', 'fixture_events.is_big'],
        pivots: ['fixture_events.is_big'],
        fillFields: ['fixture_events.created_date'],
        sorts: ['fixture_events.created_date desc'],
        filters: { 'fixture_events.amount': '>10' },
        listen: { created: 'fixture_events.created_date', event_name: 'fixture_events.name' },
        limit: 500,
        noteText: 'Note: counts include retries',
        noteState: 'collapsed',
        noteDisplay: 'hover',
        vis: { stacking: 'normal', show_value_labels: false, series_colors: { 'fixture_events.count': '#1A73E8' } },
        row: 2,
        col: 0,
        width: 24,
        height: 8,
      }),
    ],
  });
}

export function fixtureContent(views: readonly ViewDef[] = [eventsView().build(), usersView().build(), personBaseView().build(), adminsView().build()]): BlockContent {
  return {
    manifest: { projectName: 'fixture_project', constants: { FIXTURE_CONNECTION: { value: 'fixture_db', export: 'override_required' }, FIXTURE_SCHEMA: { value: 'analytics' } } },
    model: {
      name: 'fixture',
      label: 'Fixture',
      connection: '@{FIXTURE_CONNECTION}',
      includes: ['explores/*.explore.lkml', 'views/*.view.lkml', 'dashboards/*.dashboard.lookml'],
      datagroups: [{ name: 'fixture_daily', label: 'Daily', sqlTrigger: 'SELECT CURRENT_DATE', maxCacheAge: '24 hours' }],
      persistWith: 'fixture_daily',
      weekStartDay: 'monday',
    },
    views,
    explores: [eventsExplore()],
    dashboards: [eventsDashboard()],
    athena: [
      {
        kind: 'create-table',
        name: 'events.create-table',
        description: 'The events table.\nTwo lines of description.',
        ddl: {
          database: 'analytics',
          table: 'events',
          columns: [
            { name: 'id', type: 'string' },
            { name: 'amount', type: 'double' },
            { name: 'payload', type: 'struct<a:string,b:array<bigint>>' },
          ],
          partitionedBy: [{ name: 'dt', type: 'string' }],
          storedAs: 'PARQUET',
          location: 's3://fixture-bucket/events/',
          tblProperties: [['projection.enabled', 'true'], ['projection.dt.type', 'date']],
        },
      },
      { kind: 'script', name: 'events.maintenance', description: 'Maintenance statements.', statements: ['MSCK REPAIR TABLE analytics.events', "SELECT count(*) FROM analytics.events WHERE dt = '2024/01/01'"] },
    ],
    exemptions: [],
  };
}

export function fixtureBlock(): Block {
  return Block.of(fixtureContent());
}

/** A block holding one view (and an explore over it), for focused render and fuzz tests. */
export function singleViewBlock(def: ViewDef): Block {
  return Block.of({
    ...fixtureContent([def]),
    explores: [],
    dashboards: [],
    athena: [],
    model: { name: 'fixture', connection: 'fixture_db', includes: ['views/*.view.lkml'] },
  });
}
