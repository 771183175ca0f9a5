/**
 * Execution validation (runValidation) on small blocks over the real fixture records: counts of a
 * clean run, bisection naming each injected broken field within the query bound, a broken tile
 * reported with its dashboard, title, SQL excerpt and the engine's message, and the JSON / JUnit
 * report shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { runValidation } from '../../../../generator/validate/execute/run-validation.js';
import { formatReport, reportJson, reportJunit, type ValidationReport } from '../../../../generator/validate/execute/report.js';
import { grammarIssue } from '../../../../generator/validate/sql/grammar-issue.js';
import { dimension, measure, type Field } from '../../../../generator/vocabulary/fields.js';
import { sqlText } from '../../../../generator/vocabulary/sql.js';
import type { Engine } from '../../../../generator/engines/engine.js';
import { ctIr } from '../../../helpers/query/cloudtrail-project.js';
import { FIXTURES } from '../../../helpers/query/records.js';
import { NOW } from '../../../helpers/query/blocks.js';
import { expectTrinoValid } from '../../../helpers/query/sql-gate.js';

/** The ct view: 10 dimensions (3 of them time frames) and 4 measures. */
const CLEAN = { dimensions: 10, measures: 4 };

let engine: DuckDbEngine;
/** The engine, counting the SQL texts it receives (each also passes the grammar gate). */
let sent: string[] = [];
let counting: Engine;
beforeAll(async () => {
  engine = await DuckDbEngine.open({ data: FIXTURES, schema: cloudtrailTable, kind: 'table' });
  counting = {
    name: 'duckdb',
    run: (sql, o) => (sent.push(sql), engine.run(sql, o)),
    explain: (sql, o) => (sent.push(sql), engine.explain(sql, o)),
    close: async () => {},
  };
});
afterAll(async () => {
  await engine?.close();
});

async function validate(o: Parameters<typeof ctIr>[0] = {}): Promise<ValidationReport> {
  sent = [];
  const report = await runValidation({ project: ctIr(o), engine: counting, now: NOW, grammar: grammarIssue });
  expect(report.queries).toBe(sent.length);
  for (const sql of sent) expectTrinoValid(sql);
  return report;
}

const TILES = [
  { name: 'by_source', title: 'Events by source', type: 'looker_bar' as const, explore: 'ct', fields: ['ct.event_source', 'ct.count'], sorts: ['ct.count desc'], limit: 10, listen: { date: 'ct.event_date' }, row: 0, col: 0, width: 12, height: 6 },
  { name: 'failed_logins', title: 'Failed console logins', type: 'single_value' as const, explore: 'ct', fields: ['ct.failed_console_logins'], row: 0, col: 12, width: 12, height: 6 },
];

// Broken fields: each fails differently.
const BAD_COLUMN = dimension({ type: 'string', sql: sqlText('${TABLE}.no_such_column') });
/** Binds fine; fails only when a row with a non-numeric eventsource is read. */
const BAD_CAST = measure({ type: 'sum', sql: sqlText('CAST(${TABLE}.eventsource AS INTEGER)') });
/** Never reaches the engine: the grammar gate's function allowlist rejects it. */
const UNKNOWN_FUNCTION = dimension({ type: 'string', sql: sqlText('frobnicate(${TABLE}.eventname)') });

describe('runValidation', () => {
  it('a clean block is ok, with counts: queries = 1 per clean explore + 1 per tile', async () => {
    const r = await validate({ tiles: TILES });
    expect(r).toEqual({ ok: true, engine: 'duckdb', checked: { explores: 1, ...CLEAN, tiles: 2 }, queries: 3, failures: [] });
    expect(formatReport(r)).toContain('duckdb: checked 1 explores, 10 dimensions, 4 measures, 2 tiles with 3 queries');
  });

  it('one broken field among n is named exactly, within 2·⌈log2 n⌉ + 1 queries', async () => {
    const r = await validate({ extra: { bad_column: BAD_COLUMN } });
    const n = CLEAN.dimensions + CLEAN.measures + 1;
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => [f.kind, f.explore, f.field])).toEqual([['field', 'ct', 'ct.bad_column']]);
    expect(r.failures[0]!.message).toMatch(/no_such_column/);
    expect(r.failures[0]!.excerpt).toContain('no_such_column');
    expect(r.failures[0]!.origin).toMatch(/run-validation\.test\.ts:\d+/);
    expect(r.queries).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 1);
  });

  it('three broken fields (bad column, bad cast that fails only on rows, unknown function) are each named', async () => {
    const r = await validate({ extra: { bad_column: BAD_COLUMN, bad_cast_total: BAD_CAST, frobnicated: UNKNOWN_FUNCTION } });
    const n = CLEAN.dimensions + CLEAN.measures + 3;
    expect(r.checked).toEqual({ explores: 1, dimensions: CLEAN.dimensions + 2, measures: CLEAN.measures + 1, tiles: 0 });
    expect(r.failures.map((f) => f.field).sort()).toEqual(['ct.bad_cast_total', 'ct.bad_column', 'ct.frobnicated']);
    const by = Object.fromEntries(r.failures.map((f) => [f.field, f]));
    expect(by['ct.bad_column']!.message).toMatch(/Binder Error/);
    expect(by['ct.bad_cast_total']!.message).toMatch(/Conversion Error/);
    expect(by['ct.frobnicated']!.message).toMatch(/^Trino grammar: line \d+:\d+: function frobnicate\(\) is not an Athena \(Trino\) function/);
    // Grammar-rejected probes are not sent, so they do not count as engine queries.
    expect(r.queries).toBeLessThanOrEqual(2 * 3 * Math.ceil(Math.log2(n)) + 1);
  });

  it('the bad cast binds: EXPLAIN alone would not have caught it', async () => {
    const r = await runValidation({ project: ctIr({ extra: { bad_cast_total: BAD_CAST } }), engine, now: NOW, grammar: grammarIssue, mode: 'explain' });
    expect(r.ok).toBe(true);
  });

  it('a broken tile is reported with its dashboard, title, SQL excerpt and the engine message', async () => {
    const versionNumber: Field = dimension({ type: 'number', sql: sqlText('${TABLE}.eventversion') });
    const broken = {
      name: 'new_versions', title: 'Events of version > 1', type: 'table' as const, explore: 'ct',
      fields: ['ct.event_version', 'ct.count'], filters: { 'ct.event_version': '>1' },
      row: 6, col: 0, width: 24, height: 6,
    };
    const r = await validate({ extra: { event_version: versionNumber }, tiles: [...TILES, broken] });
    expect(r.checked.tiles).toBe(3);
    expect(r.failures).toHaveLength(1);
    const f = r.failures[0]!;
    expect(f).toMatchObject({ kind: 'tile', dashboard: 'ct_overview', tile: 'Events of version > 1', explore: 'ct' });
    // varchar > integer: DuckDB refuses it when binding, as Athena does ("Cannot apply operator").
    expect(f.message).toMatch(/^Binder Error: Cannot compare values of type VARCHAR and type INTEGER_LITERAL/);
    expect(f.sql).toContain('(ct.eventversion > 1)');
    // The excerpt is centred on the line the engine names (LINE 6), with line numbers.
    expect(f.excerpt).toContain('   6 |     (ct.eventversion > 1)');
    expect(f.origin).toMatch(/cloudtrail-project\.ts:\d+/);
    expect(formatReport(r)).toContain('FAIL dashboard ct_overview / tile "Events of version > 1"');
    // The explore's own field check passed: the tile is the only failure.
    expect(r.queries).toBe(1 + 3);
  });

  it('a tile naming a missing dashboard filter is a compile failure with no SQL', async () => {
    const r = await validate({ tiles: [{ ...TILES[1]!, name: 'deaf', title: 'Deaf', listen: { nope: 'ct.event_date' } }] });
    expect(r.failures).toEqual([
      expect.objectContaining({ kind: 'tile', dashboard: 'ct_overview', tile: 'Deaf', message: expect.stringMatching(/dashboard filter "nope", which does not exist/) }),
    ]);
    expect(r.failures[0]!.sql).toBeUndefined();
  });
});

describe('reports', () => {
  let report: ValidationReport;
  beforeAll(async () => {
    report = await validate({ extra: { bad_column: BAD_COLUMN, frobnicated: UNKNOWN_FUNCTION }, tiles: TILES });
  });

  it('JSON: ok, engine, checked{explores,dimensions,measures,tiles}, queries, failures[]', () => {
    const json = JSON.parse(reportJson(report)) as Record<string, unknown>;
    expect(Object.keys(json).sort()).toEqual(['checked', 'engine', 'failures', 'ok', 'queries']);
    expect(json).toMatchObject({ ok: false, engine: 'duckdb', checked: { explores: 1, dimensions: CLEAN.dimensions + 2, measures: CLEAN.measures, tiles: 2 } });
    expect(typeof json['queries']).toBe('number');
    const failures = json['failures'] as Record<string, unknown>[];
    expect(failures.map((f) => f['field']).sort()).toEqual(['ct.bad_column', 'ct.frobnicated']);
    for (const f of failures) expect(f).toMatchObject({ kind: 'field', explore: 'ct', message: expect.any(String), sql: expect.any(String) });
  });

  it('JUnit XML: suite counts and one failure element per failure', () => {
    const xml = reportJunit(report);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const suite = /<testsuite name="duckdb" tests="(\d+)" failures="(\d+)">/.exec(xml);
    expect(suite?.slice(1).map(Number)).toEqual([4, 2]); // 2 summary cases + 2 failures
    const cases = [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => [m[1], m[2]]);
    expect(cases).toEqual([
      ['validate', `${CLEAN.dimensions + 2} dimensions and ${CLEAN.measures} measures in 1 explores`],
      ['validate', '2 dashboard tiles'],
      ...report.failures.map((f) => ['explore.ct', f.field]),
    ]);
    const failures = [...xml.matchAll(/<failure message="([^"]*)">([\s\S]*?)<\/failure>/g)];
    expect(failures).toHaveLength(2);
    for (const f of failures) expect(f[1]).not.toMatch(/[<>]/);
    expect(xml).toMatch(/<\/testsuite>\n<\/testsuites>\n$/);
  });
});
