/**
 * The query-compiler fixture: events (every field kind), users and teams (many_to_one, teams
 * reached only through users), tags (one_to_many: fans events out), a derived table with Liquid,
 * and explores with every explore-level filter. Tables live in `@{SCHEMA}` (a manifest constant).
 */
import { view } from '../../../generator/vocabulary/view.js';
import { explore, join } from '../../../generator/vocabulary/explore.js';
import { sqlText } from '../../../generator/vocabulary/sql.js';
import { TIMEFRAMES } from '../../../generator/vocabulary/lookml-values.js';
import { fixtureIr, type FixtureProject } from './blocks.js';

export const eventsView = () =>
  view('events', { source: { kind: 'table', sqlTableName: '@{SCHEMA}.events' } })
    .add((v) => ({
      id: v.dimension({ type: 'string', primaryKey: true, sql: v.sql`${v.table}.id` }),
      user_id: v.dimension({ type: 'number', sql: v.sql`${v.table}.user_id` }),
      name: v.dimension({ type: 'string', sql: v.sql`${v.table}.name` }),
      amount: v.dimension({ type: 'number', sql: v.sql`${v.table}.amount` }),
      created: v.dimensionGroup({ type: 'time', timeframes: TIMEFRAMES, sql: v.sql`${v.table}.created_at` }),
      handled: v.dimensionGroup({
        type: 'duration',
        intervals: ['second', 'minute', 'hour', 'day'],
        sqlStart: v.sql`${v.table}.created_at`,
        sqlEnd: v.sql`${v.table}.closed_at`,
      }),
      region: v.parameter({ type: 'string', defaultValue: 'us-east-1' }),
      unit: v.parameter({ type: 'unquoted', allowedValues: [{ label: 'Day', value: 'day' }, { label: 'Hour', value: 'hour' }], defaultValue: 'day' }),
      name_filter: v.filter({ type: 'string' }),
    }))
    .add((v) => ({
      // Nested references: name_label → name_upper → name → ${TABLE}.
      name_upper: v.dimension({ type: 'string', sql: v.sql`UPPER(${v.fields.name})` }),
      is_big: v.dimension({ type: 'yesno', sql: v.sql`${v.fields.amount} > 100` }),
      amount_tier: v.dimension({ type: 'tier', tiers: [0, 10, 100], style: 'integer', sql: v.sql`${v.fields.amount}` }),
      // A cross-view reference: only valid when the users join is in the query.
      user_name_from_event: v.dimension({ type: 'string', sql: sqlText('${users.user_name}') }),
      count: v.measure({ type: 'count' }),
      distinct_users: v.measure({ type: 'count_distinct', sql: v.sql`${v.fields.user_id}` }),
      total_amount: v.measure({ type: 'sum', sql: v.sql`${v.fields.amount}` }),
      login_count: v.measure({ type: 'count', filters: { name: 'login' } }),
      login_users: v.measure({ type: 'count_distinct', sql: v.sql`${v.fields.user_id}`, filters: { name: 'login' } }),
      login_amount: v.measure({ type: 'sum', sql: v.sql`${v.fields.amount}`, filters: { name: 'login' } }),
      login_avg: v.measure({ type: 'average', sql: v.sql`${v.fields.amount}`, filters: { name: 'login' } }),
      login_min: v.measure({ type: 'min', sql: v.sql`${v.fields.amount}`, filters: { name: 'login' } }),
      login_max: v.measure({ type: 'max', sql: v.sql`${v.fields.amount}`, filters: { name: 'login' } }),
      login_median: v.measure({ type: 'median', sql: v.sql`${v.fields.amount}`, filters: { name: 'login' } }),
      login_p90: v.measure({ type: 'percentile', percentile: 90, sql: v.sql`${v.fields.amount}`, filters: { name: 'login' } }),
      login_names: v.measure({ type: 'list', listField: 'name', filters: { name: 'login' } }),
      big_login_count: v.measure({ type: 'count', filters: { name: 'login', amount: '>100' } }),
    }))
    .add((v) => ({
      name_label: v.dimension({ type: 'string', sql: v.sql`CONCAT(${v.fields.name_upper}, '!')` }),
      login_share: v.measure({ type: 'number', sql: v.sql`1.0 * ${v.fields.login_count} / NULLIF(${v.fields.count}, 0)` }),
    }))
    .add((v) => ({
      login_share_pct: v.measure({ type: 'number', sql: v.sql`100 * ${v.fields.login_share}` }),
    }));

export const usersView = () =>
  view('users', { source: { kind: 'table', sqlTableName: '@{SCHEMA}.users' } }).add((v) => ({
    user_id: v.dimension({ type: 'number', primaryKey: true, sql: v.sql`${v.table}.id` }),
    user_name: v.dimension({ type: 'string', sql: v.sql`${v.table}.name` }),
    team_id: v.dimension({ type: 'number', sql: v.sql`${v.table}.team_id` }),
    user_count: v.measure({ type: 'count' }),
  }));

export const teamsView = () =>
  view('teams', { source: { kind: 'table', sqlTableName: '@{SCHEMA}.teams' } }).add((v) => ({
    team_id: v.dimension({ type: 'number', primaryKey: true, sql: v.sql`${v.table}.id` }),
    team_name: v.dimension({ type: 'string', sql: v.sql`${v.table}.name` }),
  }));

export const tagsView = () =>
  view('tags', { source: { kind: 'table', sqlTableName: '@{SCHEMA}.tags' } }).add((v) => ({
    tag_id: v.dimension({ type: 'string', primaryKey: true, sql: v.sql`${v.table}.id` }),
    event_id: v.dimension({ type: 'string', sql: v.sql`${v.table}.event_id` }),
    tag: v.dimension({ type: 'string', sql: v.sql`${v.table}.tag` }),
    weight: v.dimension({ type: 'number', sql: v.sql`${v.table}.weight` }),
  })).add((v) => ({
    tag_count: v.measure({ type: 'count' }),
    total_weight: v.measure({ type: 'sum', sql: v.sql`${v.fields.weight}` }),
  }));

/** A derived table whose SQL reads a templated filter of the events explore. */
export const dailyView = () =>
  view('daily_logins', {
    source: {
      kind: 'derived',
      sql: sqlText(
        [
          'SELECT user_id, COUNT(*) AS logins',
          'FROM @{SCHEMA}.events',
          "WHERE name = 'login' AND {% condition events.created_date %} created_at {% endcondition %}",
          'GROUP BY 1',
        ].join('\n'),
      ),
    },
  }).add((v) => ({
    user_id: v.dimension({ type: 'number', primaryKey: true, sql: v.sql`${v.table}.user_id` }),
    logins: v.dimension({ type: 'number', sql: v.sql`${v.table}.logins` }),
  })).add((v) => ({
    total_logins: v.measure({ type: 'sum', sql: v.sql`${v.fields.logins}` }),
  }));

export const eventsExplore = () =>
  explore({
    name: 'events',
    joins: [
      join({ name: 'users', relationship: 'many_to_one', sqlOn: sqlText('${events.user_id} = ${users.user_id}') }),
      // teams is reachable only through users: its sql_on needs the users join.
      join({ name: 'teams', relationship: 'many_to_one', sqlOn: sqlText('${users.team_id} = ${teams.team_id}') }),
      join({ name: 'tags', relationship: 'one_to_many', sqlOn: sqlText('${events.id} = ${tags.event_id}') }),
      join({ name: 'daily_logins', relationship: 'many_to_one', sqlOn: sqlText('${events.user_id} = ${daily_logins.user_id}') }),
      // An alias of users whose sql_on names nothing else, but which needs teams (required_joins).
      join({ name: 'owners', from: 'users', type: 'inner', relationship: 'many_to_one', sqlOn: sqlText('${events.user_id} = ${owners.user_id}'), requiredJoins: ['teams'] }),
    ],
  });

/** The explore-level filters, each on its own explore. */
export const guardedExplores = () => [
  explore({ name: 'always_where', from: 'events', sqlAlwaysWhere: sqlText("${always_where.name} <> 'test' AND ${users.user_name} IS NOT NULL"), joins: [join({ name: 'users', relationship: 'many_to_one', sqlOn: sqlText('${always_where.user_id} = ${users.user_id}') })] }),
  explore({ name: 'always_filtered', from: 'events', alwaysFilter: { 'always_filtered.created_date': '7 days' } }),
  explore({
    name: 'conditionally_filtered',
    from: 'events',
    conditionallyFilter: { filters: { 'conditionally_filtered.created_date': '1 day' }, unless: ['conditionally_filtered.id', 'conditionally_filtered.user_id'] },
  }),
  explore({ name: 'access_filtered', from: 'events', accessFilters: [{ field: 'access_filtered.name', userAttribute: 'allowed_names' }] }),
];

export const eventsProject = (): FixtureProject => ({
  views: [eventsView(), usersView(), teamsView(), tagsView(), dailyView()],
  explores: [eventsExplore(), ...guardedExplores()],
  constants: { SCHEMA: 'analytics' },
});

export const eventsIr = () => fixtureIr(eventsProject());
