/**
 * The bundled sample logs (samples/cloudtrail): every file loads with the records plain Node reads
 * from it, and filters on partition columns prune files as Athena prunes partitions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { filesUnder, readRecords, SAMPLES } from './helpers.js';

const sampleFiles = filesUnder(SAMPLES, '.json.gz');
let engine: DuckDbEngine;

beforeAll(async () => {
  engine = await DuckDbEngine.open({ data: SAMPLES, schema: cloudtrailTable });
});
afterAll(async () => {
  await engine?.close();
});

/** "Scanning Files: n/m" of the S3 branch of a plan. */
function scannedFiles(plan: string): [number, number] {
  const match = /Scanning Files:[\s│]*(\d+)\/(\d+)/.exec(plan); // the box may wrap the line
  if (!match) throw new Error(`no file pruning in plan:\n${plan}`);
  return [Number(match[1]), Number(match[2])];
}

describe('sample logs', () => {
  it('are all S3 deliveries that load, none skipped', () => {
    expect(sampleFiles.length).toBeGreaterThan(100);
    expect(engine.load.skipped).toEqual([]);
    expect(engine.load.files.map((f) => f.path)).toEqual(sampleFiles);
    expect(engine.load.files.every((f) => f.layout === 's3' && f.format === 'records')).toBe(true);
  });

  it('hold, per file, the records plain Node reads from it', async () => {
    const { rows } = await engine.run(
      `SELECT account, region, "timestamp", count(*) AS n FROM cloudtrail_logs GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    const expected = new Map<string, number>();
    for (const file of sampleFiles) {
      const [, account, region, yyyy, mm, dd] = /AWSLogs\/(\d{12})\/CloudTrail\/([^/]+)\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(file) ?? [];
      const key = `${account}|${region}|${yyyy}/${mm}/${dd}`;
      expected.set(key, (expected.get(key) ?? 0) + readRecords(file).length);
    }
    expect(new Map(rows.map((r) => [`${r['account']}|${r['region']}|${r['timestamp']}`, r['n']]))).toEqual(expected);
    expect(engine.load.recordsRead).toBe([...expected.values()].reduce((a, b) => a + b, 0));
  });

  it('prune files on "timestamp", region and account', async () => {
    const day = sampleFiles.filter((f) => f.includes('/2023/07/10/'));
    const [scanned, total] = scannedFiles(await engine.plan(`SELECT count(*) FROM cloudtrail_logs WHERE "timestamp" = '2023/07/10'`));
    expect([scanned, total]).toEqual([day.length, sampleFiles.length]);
    expect(scanned).toBeLessThan(total);

    const { rows } = await engine.run(`SELECT count(*) AS n FROM cloudtrail_logs WHERE "timestamp" = '2023/07/10'`);
    expect(rows[0]?.['n']).toBe(day.reduce((n, f) => n + readRecords(f).length, 0));

    const inRegion = sampleFiles.filter((f) => f.includes('/CloudTrail/eu-central-1/'));
    expect(scannedFiles(await engine.plan(`SELECT eventname FROM cloudtrail_logs WHERE region = 'eu-central-1'`))[0]).toBe(inRegion.length);
    const ofAccount = sampleFiles.filter((f) => f.includes('/AWSLogs/123456789123/'));
    expect(scannedFiles(await engine.plan(`SELECT 1 FROM cloudtrail_logs WHERE account = '123456789123' AND "year" = '2020'`))[0]).toBe(
      ofAccount.filter((f) => f.includes('/2020/')).length,
    );
  });
});
