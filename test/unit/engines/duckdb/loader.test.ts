/**
 * Finding and probing log files: S3 layouts (account and organization trails), loose files in the
 * three formats, and corrupt or truncated files that must be skipped and counted, never fatal.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDbEngine, formatFromHead, s3Partitions } from '../../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { FIXTURES, filesUnder, INVICTUS_DAY, readRecords, readText, removeTempFolders, tempFolder } from './helpers.js';

const invictusFiles = filesUnder(INVICTUS_DAY, '.json.gz');
const stratusNative = join(FIXTURES, 'native', 'stratus-red-team.json.gz');
const trailscraperJson = join(FIXTURES, 'trailscraper', '111111111111_CloudTrail_eu-central-1_20171211T1505Z_A6kvhMoVeCsc7v8U.json');

let engines: DuckDbEngine[] = [];
async function open(data: string): Promise<DuckDbEngine> {
  const engine = await DuckDbEngine.open({ data, schema: cloudtrailTable });
  engines.push(engine);
  return engine;
}
afterEach(async () => {
  await Promise.all(engines.map((e) => e.close()));
  engines = [];
  removeTempFolders();
});

function place(folder: string, relative: string, data: Buffer | string): string {
  const path = join(folder, relative).replaceAll('\\', '/');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  return path;
}

describe('s3Partitions', () => {
  it('reads account, region and day from account and organization trail paths', () => {
    expect(s3Partitions('/x/AWSLogs/123456789012/CloudTrail/eu-west-1/2024/05/02/f.json.gz')).toEqual({
      timestamp: '2024/05/02', region: 'eu-west-1', account: '123456789012', year: '2024', month: '05', day: '02',
    });
    expect(s3Partitions('C:\\logs\\AWSLogs\\o-aa111bb222\\123456789012\\CloudTrail\\us-east-1\\2023\\12\\31\\f.json.gz')).toMatchObject({
      account: '123456789012', region: 'us-east-1', timestamp: '2023/12/31',
    });
  });

  it('does not take other paths for the S3 layout', () => {
    expect(s3Partitions('/x/AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2024/05/02/f.json.gz')).toBeUndefined();
    expect(s3Partitions('/x/AWSLogs/123456789012/CloudTrail/us-east-1/2024/05/f.json.gz')).toBeUndefined();
    expect(s3Partitions('/x/logs/f.json.gz')).toBeUndefined();
  });
});

describe('formatFromHead', () => {
  it('tells the three formats and non-JSON apart from the first characters', () => {
    expect(formatFromHead('\uFEFF  {\n  "Records": [')).toBe('records');
    expect(formatFromHead('[ {"eventVersion"')).toBe('array');
    expect(formatFromHead('{"eventVersion":"1.08"}\n{"eventVersion"')).toBe('lines');
    expect(formatFromHead('   ')).toEqual({ problem: 'empty file' });
    expect(formatFromHead('PK\u0003\u0004')).toMatchObject({ problem: expect.stringMatching(/^not JSON/) });
  });
});

describe('loading a folder with corrupt files', () => {
  it('skips and counts a corrupt gzip, a truncated gzip and a truncated JSON file, and loads the good ones', async () => {
    const folder = tempFolder('corrupt');
    const day = 'AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10';
    const good = invictusFiles.slice(0, 3).map((f) => {
      const target = join(folder, day, f.slice(f.lastIndexOf('/') + 1)).replaceAll('\\', '/');
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(f, target);
      return target;
    });
    const original = readFileSync(invictusFiles[3]!);
    const plain = readText(invictusFiles[3]!);
    const badGzip = place(folder, `${day}/218007301253_CloudTrail_us-east-1_20230710T1300Z_badgzip0000000.json.gz`, Buffer.from('this is not gzip'));
    const cutGzip = place(folder, `${day}/218007301253_CloudTrail_us-east-1_20230710T1300Z_cutgzip0000000.json.gz`, original.subarray(0, original.length >> 1));
    const cutJson = place(folder, 'loose/cut.json', plain.slice(0, plain.length >> 1));
    place(folder, 'AWSLogs/218007301253/CloudTrail-Digest/us-east-1/2023/07/10/218007301253_CloudTrail-Digest_us-east-1_x.json.gz', gzipSync('{}'));
    place(folder, 'README.md', '# notes');

    const engine = await open(folder);

    expect(engine.load.skipped.map((s) => s.path).sort()).toEqual([badGzip, cutGzip, cutJson].sort());
    expect(engine.load.skipped.find((s) => s.path === cutJson)?.reason).toMatch(/Malformed JSON|unexpected end/);
    expect(engine.load.ignored.map((i) => i.reason).sort()).toEqual(['CloudTrail-Digest file, not event records', 'not a .json/.jsonl file']);
    expect(engine.load.files.map((f) => f.path)).toEqual(good.sort());
    const expected = good.reduce((n, f) => n + readRecords(f).length, 0);
    expect(engine.load.recordsRead).toBe(expected);
    const { rows } = await engine.run('SELECT count(*) AS n FROM cloudtrail_logs');
    expect(rows[0]?.['n']).toBe(expected);
  });

  it('reports a folder with only bad files as an empty table, not an error', async () => {
    const folder = tempFolder('allbad');
    place(folder, 'a.json.gz', 'nope');
    place(folder, 'b.json', '{"Records": [');
    const engine = await open(folder);
    expect(engine.load.skipped).toHaveLength(2);
    expect(engine.load.files).toEqual([]);
    const { rows } = await engine.run('SELECT count(*) AS n, count(DISTINCT "timestamp") AS days FROM cloudtrail_logs');
    expect(rows[0]).toEqual({ n: 0, days: 0 });
  });
});

describe('loading loose files', () => {
  it('loads JSON lines, .jsonl.gz, JSON arrays and {"Records"} files, with partitions from each record', async () => {
    const folder = tempFolder('loose');
    const records = readRecords(stratusNative);
    const lines = records.slice(0, 100).map((r) => JSON.stringify(r)).join('\n');
    const linesFile = place(folder, 'lines/part-1.jsonl', `${lines}\n`);
    const linesGz = place(folder, 'lines/part-2.json.gz', gzipSync(records.slice(100, 150).map((r) => JSON.stringify(r)).join('\n')));
    const arrayFile = place(folder, 'arrays/some.json', JSON.stringify(records.slice(150, 160), null, 2));
    const recordsFile = place(folder, 'native.json', readFileSync(trailscraperJson));

    const engine = await open(folder);

    expect(engine.load.skipped).toEqual([]);
    expect(engine.load.files.map((f) => [f.path, f.format, f.records])).toEqual([
      [arrayFile, 'array', 10],
      [linesFile, 'lines', 100],
      [linesGz, 'lines', 50],
      [recordsFile, 'records', 2],
    ]);
    const { rows } = await engine.run(
      `SELECT eventid, region, account, "timestamp", "year", "month", "day" FROM cloudtrail_logs ORDER BY eventid`,
    );
    const all = [...records.slice(0, 160), ...readRecords(trailscraperJson)];
    const expected = all
      .map((r) => {
        const [year, month, day] = String(r.eventTime).slice(0, 10).split('-');
        return { eventid: r['eventID'], region: r.awsRegion, account: r.recipientAccountId, timestamp: `${year}/${month}/${day}`, year, month, day };
      })
      .sort((a, b) => String(a.eventid).localeCompare(String(b.eventid)));
    expect(rows).toEqual(expected);
  });

  it('loads a single file given as the path', async () => {
    const engine = await open(trailscraperJson);
    expect(engine.load.files).toHaveLength(1);
    const { rows } = await engine.run('SELECT eventname FROM cloudtrail_logs ORDER BY eventname');
    expect(rows.map((r) => r['eventname'])).toEqual(readRecords(trailscraperJson).map((r) => r.eventName).sort());
  });
});

describe('loading S3 layouts', () => {
  it('takes partitions of an organization trail from the path, not from the records', async () => {
    const folder = tempFolder('org');
    const path = `AWSLogs/o-aa111bb222/999988887777/CloudTrail/ap-south-1/2030/01/02/999988887777_CloudTrail_ap-south-1_20300102T0000Z_x.json.gz`;
    place(folder, path, readFileSync(invictusFiles[0]!));
    const engine = await open(folder);
    expect(engine.load.files[0]).toMatchObject({ layout: 's3', partitions: { account: '999988887777', region: 'ap-south-1', timestamp: '2030/01/02' } });
    const { rows } = await engine.run('SELECT DISTINCT account, region, "timestamp", "year", "month", "day", awsregion FROM cloudtrail_logs');
    expect(rows).toEqual([
      { account: '999988887777', region: 'ap-south-1', timestamp: '2030/01/02', year: '2030', month: '01', day: '02', awsregion: 'us-east-1' },
    ]);
  });
});

describe('materialising', () => {
  it('reads the files once into a table when kind is table', async () => {
    const engine = await DuckDbEngine.open({ data: join(FIXTURES, 'trailscraper'), schema: cloudtrailTable, kind: 'table', tableName: 'ct' });
    engines.push(engine);
    expect(engine.tableSql).toMatch(/^CREATE OR REPLACE TABLE "ct"/);
    const { rows } = await engine.run('SELECT count(*) AS n FROM ct');
    expect(rows[0]?.['n']).toBe(4); // the .json and the .json.gz hold the same 2 records
    expect(await engine.plan('SELECT count(*) FROM ct')).not.toContain('READ_JSON');
  });
});
