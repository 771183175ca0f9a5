/**
 * The events fixture's tables as a tiny DuckDB database (shim loaded): a handful of rows whose
 * answers a reader can work out by hand.
 *
 * events (id, user_id, name, amount, created_at, closed_at):
 *   e1  1  login    50  2024-05-02T08:15:30Z  2024-05-03T07:15:30Z   ← the reference timestamp
 *   e2  1  login   150  2024-05-03T23:59:59Z  NULL
 *   e3  2  logout  200  2024-05-06T00:00:00Z  2024-05-06T01:30:00Z
 *   e4  2  login     5  2024-04-30T10:00:00Z  NULL
 *   e5  3  test   NULL  2024-05-09T12:00:00Z  NULL
 * users: 1 alice (team 10), 2 bob (team 20), 3 NULL name (team 10); teams: 10 red, 20 blue
 * tags:  t1 e1 a 1 · t2 e1 b 2 · t3 e3 a 3
 */
import { ShimDb } from './duckdb.js';

export const EVENT_ROWS = [
  ['e1', 1, 'login', 50, '2024-05-02T08:15:30Z', '2024-05-03T07:15:30Z'],
  ['e2', 1, 'login', 150, '2024-05-03T23:59:59Z', null],
  ['e3', 2, 'logout', 200, '2024-05-06T00:00:00Z', '2024-05-06T01:30:00Z'],
  ['e4', 2, 'login', 5, '2024-04-30T10:00:00Z', null],
  ['e5', 3, 'test', null, '2024-05-09T12:00:00Z', null],
] as const;

const lit = (v: string | number | null): string => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);

export function openEventsDb(): Promise<ShimDb> {
  return ShimDb.open([
    'CREATE SCHEMA analytics',
    'CREATE TABLE analytics.events (id VARCHAR, user_id INTEGER, name VARCHAR, amount INTEGER, created_at TIMESTAMPTZ, closed_at TIMESTAMPTZ)',
    `INSERT INTO analytics.events VALUES ${EVENT_ROWS.map((r) => `(${r.map(lit).join(', ')})`).join(', ')}`,
    'CREATE TABLE analytics.users (id INTEGER, name VARCHAR, team_id INTEGER)',
    "INSERT INTO analytics.users VALUES (1, 'alice', 10), (2, 'bob', 20), (3, NULL, 10)",
    'CREATE TABLE analytics.teams (id INTEGER, name VARCHAR)',
    "INSERT INTO analytics.teams VALUES (10, 'red'), (20, 'blue')",
    'CREATE TABLE analytics.tags (id VARCHAR, event_id VARCHAR, tag VARCHAR, weight INTEGER)',
    "INSERT INTO analytics.tags VALUES ('t1', 'e1', 'a', 1), ('t2', 'e1', 'b', 2), ('t3', 'e3', 'a', 3)",
  ]);
}
