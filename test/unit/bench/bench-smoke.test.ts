/**
 * Benchmarks are not tests, but their code must not rot: every section runs at the smoke size
 * and its results must have the expected shape and sane values. Generated data goes to a temp
 * folder, so a benchmark running in bench/.data at the same time is left alone.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { runBench, judgeGoals } from '../../../bench/bench.js';
import { formatResults } from '../../../bench/report.js';
import { ensureEvents } from '../../../bench/data.js';
import { SIZES } from '../../../bench/sizes.js';
import { filesScanned } from '../../../bench/plan-files.js';
import { compareRows, lastDays } from '../../../bench/handwritten.js';
import { median } from '../../../bench/stats.js';
import { planSlots } from '../../../bench/generate-events.js';
import { syntheticBlock, fieldCount } from '../../../bench/synthetic-model.js';
import { compileBlock } from '../../../generator/compile.js';
import { DuckDbEngine } from '../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../model/table/cloudtrail-columns.js';

const root = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const smoke = SIZES.smoke;

describe('bench helpers', () => {
  it('reads "Scanning Files" from a plan, also when the box wraps the numbers', () => {
    expect(filesScanned('│   Scanning Files: 0/110   │')).toEqual({ read: 0, total: 110, scans: 1 });
    expect(filesScanned('│      Scanning Files:      │\n│           16/110          │')).toEqual({ read: 16, total: 110, scans: 1 });
    expect(filesScanned('no pruning here')).toEqual({ read: 0, total: 0, scans: 0 });
  });

  it('computes medians, "last N days" and row comparisons', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const r = lastDays(new Date('2024-06-30T23:51:41Z'), 7);
    expect([r.start.toISOString(), r.end.toISOString()]).toEqual(['2024-06-24T00:00:00.000Z', '2024-07-01T00:00:00.000Z']);
    expect(compareRows([{ a: 1 }, { a: 2 }], [{ b: 1 }, { b: 2 }])).toBe('same');
    expect(compareRows([{ a: 1 }, { a: 2 }], [{ b: 2 }, { b: 1 }])).toBe('same_set');
    expect(compareRows([{ a: 1 }], [{ b: 2 }])).toBe('different');
    // LIMIT 2 over counts x:5, y:3, z:3 may keep y or z.
    expect(compareRows([{ k: 'x', n: 5 }, { k: 'y', n: 3 }], [{ k: 'x', n: 5 }, { k: 'z', n: 3 }])).toBe('tie_at_limit');
  });

  it('spreads exactly the requested number of events over the slots', () => {
    const slots = planSlots({ events: 1000, days: 3, regions: ['us-east-1', 'eu-west-1'], hoursPerFile: 1, end: new Date('2024-07-01T00:00:00Z') });
    expect(slots).toHaveLength(3 * 24 * 2);
    expect(slots.reduce((n, s) => n + s.count, 0)).toBe(1000);
  });

  it('builds synthetic models that compile without errors', async () => {
    const block = syntheticBlock({ views: 6, fieldsPerView: 20 });
    expect(fieldCount(block)).toBe(6 * 20);
    const r = await compileBlock(block);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.files?.length).toBeGreaterThan(6);
  });
});

describe('generated events', () => {
  it('are CloudTrail deliveries in the S3 layout, with the requested count', async () => {
    const data = await ensureEvents(smoke, { root });
    expect(data.report.events).toBe(smoke.events);
    const files = readdirSync(data.dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
    expect(files).toHaveLength(data.report.files);
    let records = 0;
    for (const f of files) {
      expect(f).toMatch(/\/AWSLogs\/\d{12}\/CloudTrail\/[a-z0-9-]+\/\d{4}\/\d{2}\/\d{2}\/\d{12}_CloudTrail_[a-z0-9-]+_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/);
      const body = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: Record<string, unknown>[] };
      for (const r of body.Records) {
        expect(typeof r.eventName).toBe('string');
        expect(typeof r.eventSource).toBe('string');
        expect(r.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      }
      records += body.Records.length;
    }
    expect(records).toBe(smoke.events);
    // The engine reads them as the Athena table, every record.
    const engine = await DuckDbEngine.open({ data: data.dir, schema: cloudtrailTable });
    try {
      expect(engine.load.skipped).toEqual([]);
      expect(engine.load.recordsRead).toBe(smoke.events);
    } finally {
      await engine.close();
    }
  });
});

describe('bench sections at the smoke size', () => {
  it('compile and validation', async () => {
    const r = await runBench({ size: 'smoke', only: ['compile', 'validation'], dataRoot: root });
    expect(r.compile!.synthetic.map((s) => s.views)).toEqual([...smoke.compileViews]);
    for (const m of [r.compile!.block, ...r.compile!.synthetic]) {
      expect(m.median_ms).toBeGreaterThan(0);
      expect(m.files).toBeGreaterThan(0);
    }
    expect(r.compile!.ratio_1000_100).toBeNull();
    const v = r.validation!;
    expect(v.clean.failures).toBe(0);
    expect(v.explores).toBeGreaterThan(0);
    expect(v.queries_per_clean_explore).toBeGreaterThanOrEqual(1);
    expect(v.faults.length).toBe(smoke.faultKs.length * 2);
    for (const f of v.faults) {
      expect(f.faults_named).toBe(f.k);
      expect(f.queries).toBeGreaterThan(1);
      expect(f.bound).toBe(2 * f.k * Math.ceil(Math.log2(f.n)) + 1);
    }
    expect(formatResults(r)).toContain('validation.queries_per_clean_explore');
  });

  it('scale, parquet, overhead and memory', async () => {
    const r = await runBench({ size: 'smoke', only: ['scale', 'parquet', 'overhead', 'memory'], dataRoot: root });
    const s = r.scale!;
    expect(s.generation!.events).toBe(smoke.events);
    expect(s.records_loaded).toBe(smoke.events);
    expect(s.dashboards!.length).toBeGreaterThan(0);
    expect(s.tiles!.filter((t) => t.error)).toEqual([]);
    // Smoke data spans 10 days, so a 7-day query reads most files, but never more than all.
    expect(s.pruning_read_fraction).toBeGreaterThan(0);
    expect(s.pruning_read_fraction).toBeLessThanOrEqual(1);
    // Ties in ORDER BY may come back in another order on another engine: the same rows is what counts.
    expect(s.parquet!.tiles.every((t) => t.same_rows !== 'different' && t.same_rows !== 'n/a')).toBe(true);
    expect(s.parquet_speedup).toBeGreaterThan(0);
    expect(s.overhead!.json.tiles.length).toBe(5);
    expect(s.overhead!.json.tiles.every((t) => t.same_rows !== 'different' && t.same_rows_athena_fns !== 'different')).toBe(true);
    expect(s.generated_vs_handwritten).toBeGreaterThan(0);
    expect(s.memory!.peak_rss_mb).toBeGreaterThan(50);
    expect(s.memory!.exit_code).toBe(0);
    expect(s.memory!.memory_limit).toMatch(/B$/);
    // The rewrite turns date_format with a literal format into strftime: planning gets cheaper.
    const planning = s.format_planning!.cases.find((c) => c.date_format_calls === 1)!;
    expect(planning.rewritten_ms).toBeLessThan(planning.macro_ms);
    expect(judgeGoals(r).map((g) => g.key)).toEqual(
      expect.arrayContaining(['scale.pruning_read_fraction', 'scale.parquet_speedup', 'scale.generated_vs_handwritten', 'scale.peak_rss_mb', 'scale.memory_validate_completes']),
    );
  }, 180_000);
});
