/**
 * Corrupt log files through `validate`: real fixture files plus a truncated .json.gz and a
 * malformed .json. The CLI exits 0 (the corrupt files are skipped, never fatal), and the engine's
 * load report counts exactly those two as skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DuckDbEngine } from '../../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { runCli } from '../../../helpers/cli.js';
import { FIXTURES, REPO, readRecords } from '../../../helpers/query/records.js';

const GOOD = [
  `${FIXTURES}/native/ec2_proxy_s3_exfiltration_2020-09-14011940.json.gz`,
  `${FIXTURES}/native/aws_cloudtrail.json.gz`,
  `${FIXTURES}/stratus-red-team/aws.persistence.iam-create-admin-user.json`,
];

let dir: string;
let data: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ct-validate-corrupt-'));
  data = join(dir, 'logs');
  mkdirSync(data);
  for (const f of GOOD) copyFileSync(f, join(data, basename(f)));
  const gz = readFileSync(GOOD[0]!);
  writeFileSync(join(data, 'truncated.json.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
  writeFileSync(join(data, 'malformed.json'), '{"Records":[{"eventVersion":"1.08","eventName":"ConsoleLogin",');
  writeFileSync(
    join(dir, 'cloudtrail-lookml.config.ts'),
    `import { cloudtrailBlock } from ${JSON.stringify(`${REPO}/model/index.ts`)};\nexport default cloudtrailBlock({ schema: 'security' });\n`,
  );
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('validate over a folder with corrupt files', () => {
  it('the engine skips and counts exactly the two corrupt files and loads every record of the others', async () => {
    const engine = await DuckDbEngine.open({ data, schema: cloudtrailTable });
    try {
      expect(engine.load.skipped.map((s) => basename(s.path)).sort()).toEqual(['malformed.json', 'truncated.json.gz']);
      expect(engine.load.skipped).toHaveLength(2);
      expect(engine.load.files).toHaveLength(GOOD.length);
      expect(engine.load.recordsRead).toBe(GOOD.flatMap(readRecords).length);
    } finally {
      await engine.close();
    }
  });

  it('`validate --data <tmp> --json r.json --config …` exits 0 and writes an ok report', async () => {
    const r = await runCli(['validate', '--data', data, '--json', 'r.json', '--config', 'cloudtrail-lookml.config.ts', '--now', '2024-05-10T12:00:00Z'], dir);
    expect(r.stderr, r.stdout).not.toMatch(/\n\s+at /);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { ok: boolean; engine: string; checked: { explores: number }; queries: number; failures: unknown[] };
    expect(report).toMatchObject({ ok: true, engine: 'duckdb', failures: [] });
    expect(report.checked.explores).toBeGreaterThanOrEqual(1);
    expect(report.queries).toBeGreaterThanOrEqual(report.checked.explores);
  });
});
