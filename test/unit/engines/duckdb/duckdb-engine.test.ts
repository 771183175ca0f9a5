/**
 * The DuckDB engine on the real fixture records: the table has the schema's shape, holds every
 * record of every file, and answers Athena SQL with the values plain Node reads from the files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineQueryError } from '../../../../generator/engines/engine.js';
import { DuckDbEngine } from '../../../../generator/engines/duckdb/index.js';
import { cloudtrailTable } from '../../../../model/table/cloudtrail-columns.js';
import { countBy, FIXTURES, filesUnder, INVICTUS_DAY, readRecords, type CloudTrailRecord } from './helpers.js';

let engine: DuckDbEngine;
const invictusFiles = filesUnder(INVICTUS_DAY, '.json.gz');
const invictusRecords: CloudTrailRecord[] = invictusFiles.flatMap(readRecords);

beforeAll(async () => {
  engine = await DuckDbEngine.open({ data: FIXTURES, schema: cloudtrailTable });
});
afterAll(async () => {
  await engine?.close();
});

describe('DuckDbEngine on the fixtures: table shape', () => {
  it('has the schema columns, lower-case and in order, then the partition columns', async () => {
    const { rows } = await engine.run('DESCRIBE cloudtrail_logs');
    expect(rows.map((r) => r['column_name'])).toEqual([
      ...cloudtrailTable.columns.map((c) => c.name),
      'timestamp',
      'region',
      'account',
      'year',
      'month',
      'day',
    ]);
  });

  it('types string and JSON-text columns as VARCHAR and nests the structs like the Athena DDL', async () => {
    const { rows } = await engine.run('DESCRIBE cloudtrail_logs');
    const typeOf = Object.fromEntries(rows.map((r) => [r['column_name'], r['column_type']]));
    for (const column of cloudtrailTable.columns.filter((c) => c.type.kind === 'string')) {
      expect(typeOf[column.name], column.name).toBe('VARCHAR');
    }
    expect(typeOf['useridentity']).toBe(
      'STRUCT("type" VARCHAR, principalid VARCHAR, arn VARCHAR, accountid VARCHAR, invokedby VARCHAR, accesskeyid VARCHAR, ' +
        'username VARCHAR, onbehalfof STRUCT(userid VARCHAR, identitystorearn VARCHAR), sessioncontext STRUCT(' +
        'attributes STRUCT(mfaauthenticated VARCHAR, creationdate VARCHAR), sessionissuer STRUCT("type" VARCHAR, ' +
        'principalid VARCHAR, arn VARCHAR, accountid VARCHAR, username VARCHAR), ec2roledelivery VARCHAR, ' +
        'webidfederationdata STRUCT(federatedprovider VARCHAR, attributes MAP(VARCHAR, VARCHAR))))',
    );
    expect(typeOf['resources']).toBe('STRUCT(arn VARCHAR, accountid VARCHAR, "type" VARCHAR)[]');
    expect(typeOf['tlsdetails']).toBe('STRUCT(tlsversion VARCHAR, ciphersuite VARCHAR, clientprovidedhostheader VARCHAR)');
    expect(typeOf['timestamp']).toBe('VARCHAR');
  });
});

describe('DuckDbEngine on the fixtures: records', () => {
  it('loads every fixture file, with the record count plain Node reads from it', async () => {
    const expected = filesUnder(FIXTURES).filter((f) => /\.json(\.gz)?$/.test(f));
    expect(engine.load.skipped).toEqual([]);
    expect(engine.load.files.map((f) => f.path)).toEqual(expected);
    for (const file of engine.load.files) expect(file.records, file.path).toBe(readRecords(file.path).length);
    const { rows } = await engine.run('SELECT count(*) AS n FROM cloudtrail_logs');
    expect(rows[0]?.['n']).toBe(expected.reduce((n, f) => n + readRecords(f).length, 0));
  });

  it('holds the same records per invictus delivery file as the file does', async () => {
    const { rows } = await engine.run(
      `SELECT eventid, eventname FROM cloudtrail_logs WHERE account = '218007301253' ORDER BY eventid, eventname`,
    );
    const expected = invictusRecords
      .map((r) => ({ eventid: r['eventID'] ?? null, eventname: r.eventName ?? null }))
      .sort((a, b) => String(a.eventid).localeCompare(String(b.eventid)) || String(a.eventname).localeCompare(String(b.eventname)));
    expect(rows.length).toBe(2900);
    expect(rows).toEqual(expected);
  });

  it('reads nested struct fields: useridentity.sessioncontext.sessionissuer.arn', async () => {
    const { rows } = await engine.run(
      `SELECT useridentity.sessioncontext.sessionissuer.arn AS arn, count(*) AS n FROM cloudtrail_logs
       WHERE account = '218007301253' AND useridentity.sessioncontext.sessionissuer.arn IS NOT NULL GROUP BY 1`,
    );
    const issuerArn = (r: CloudTrailRecord): string | undefined =>
      ((r.userIdentity?.['sessionContext'] as Record<string, Record<string, string>> | undefined)?.['sessionIssuer'])?.['arn'];
    expect(Object.fromEntries(rows.map((r) => [r['arn'], r['n']]))).toEqual(countBy(invictusRecords, issuerArn));
    expect(rows.find((r) => r['arn'] === 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-get-password-data-role')?.['n']).toBe(29);
  });

  it('answers json_extract_scalar on real ConsoleLogin records (MFAUsed, ConsoleLogin)', async () => {
    const { rows } = await engine.run(
      `SELECT useridentity.username AS username, eventtime,
              json_extract_scalar(additionaleventdata, '$.MFAUsed') AS mfa,
              json_extract_scalar(responseelements, '$.ConsoleLogin') AS outcome
       FROM cloudtrail_logs WHERE eventname = 'ConsoleLogin' AND account = '218007301253' ORDER BY eventtime`,
    );
    const expected = invictusRecords
      .filter((r) => r.eventName === 'ConsoleLogin')
      .map((r) => ({
        username: (r.userIdentity?.['userName'] as string | undefined) ?? null,
        eventtime: r.eventTime,
        mfa: (r['additionalEventData'] as Record<string, string>)['MFAUsed'],
        outcome: (r['responseElements'] as Record<string, string>)['ConsoleLogin'],
      }))
      .sort((a, b) => String(a.eventtime).localeCompare(String(b.eventtime)));
    expect(rows).toEqual(expected);
    expect(rows).toContainEqual({ username: 'bert-jan', eventtime: '2023-07-10T12:27:45Z', mfa: 'Yes', outcome: 'Success' });
  });

  it('keeps JSON objects as their text and a JSON null as SQL NULL', async () => {
    const { rows } = await engine.run(
      `SELECT count(*) FILTER (WHERE requestparameters IS NULL) AS nulls,
              count(*) FILTER (WHERE requestparameters = 'null') AS null_texts,
              count(*) FILTER (WHERE json_extract_scalar(requestparameters, '$.bucketName') IS NOT NULL) AS with_bucket
       FROM cloudtrail_logs WHERE account = '218007301253'`,
    );
    const withBucket = invictusRecords.filter((r) => typeof (r['requestParameters'] as Record<string, unknown> | null)?.['bucketName'] === 'string');
    expect(rows[0]).toEqual({
      nulls: invictusRecords.filter((r) => r['requestParameters'] === null || r['requestParameters'] === undefined).length,
      null_texts: 0,
      with_bucket: withBucket.length,
    });
    expect(withBucket.length).toBeGreaterThan(0);
  });
});

describe('DuckDbEngine on the fixtures: Athena SQL', () => {
  it('runs the Trino form CROSS JOIN UNNEST(resources) AS t(arn, accountid, type)', async () => {
    const { rows } = await engine.run(
      `SELECT t.type AS type, count(*) AS n FROM cloudtrail_logs CROSS JOIN UNNEST(resources) AS t(arn, accountid, type)
       WHERE account = '218007301253' GROUP BY 1`,
    );
    // Real SSM records list resources without a type: those rows have a NULL type, as in Athena.
    const resources = invictusRecords.flatMap((r) => (r['resources'] as Record<string, string>[] | null | undefined) ?? []);
    expect(Object.fromEntries(rows.map((r) => [String(r['type']), r['n']]))).toEqual(countBy(resources, (x) => x['type'] ?? 'null'));
    expect(rows.length).toBeGreaterThan(1);
  });

  it('rejects AS t(r) followed by r.arn, as Trino does', async () => {
    await expect(
      engine.run('SELECT r.arn FROM cloudtrail_logs CROSS JOIN UNNEST(resources) AS t(r)'),
    ).rejects.toThrow(EngineQueryError);
  });

  it('turns engine errors into EngineQueryError with DuckDB’s message and the Athena SQL', async () => {
    const sql = 'SELECT no_such_column FROM cloudtrail_logs';
    const error = await engine.run(sql).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineQueryError);
    expect((error as EngineQueryError).message).toMatch(/Referenced column "no_such_column" not found/);
    expect((error as EngineQueryError).sql).toBe(sql);
    expect((error as EngineQueryError).detail.type).toBe('Binder Error');
  });

  it('explains without running and fails on a bad query', async () => {
    await expect(engine.explain("SELECT eventname FROM cloudtrail_logs WHERE region = 'us-east-1'")).resolves.toBeUndefined();
    await expect(engine.explain('SELECT useridentity.nope FROM cloudtrail_logs')).rejects.toThrow(EngineQueryError);
  });

  it('returns JSON-friendly cells', async () => {
    const { columns, rows } = await engine.run(
      `SELECT CAST(42 AS BIGINT) AS small, CAST(9007199254740993 AS BIGINT) AS big, 1.5 AS dec, CAST(0.25 AS DOUBLE) AS dbl,
              TIMESTAMP '2024-05-01 08:15:30' AS ts, from_iso8601_timestamp('2024-05-01T08:15:30.123Z') AS tstz,
              DATE '2024-05-01' AS d, [1, 2] AS list, {'x': 'y'} AS st, true AS b, NULL AS n`,
    );
    expect(columns).toEqual(['small', 'big', 'dec', 'dbl', 'ts', 'tstz', 'd', 'list', 'st', 'b', 'n']);
    expect(rows[0]).toEqual({
      small: 42,
      big: '9007199254740993',
      dec: 1.5,
      dbl: 0.25,
      ts: '2024-05-01T08:15:30.000',
      tstz: '2024-05-01T08:15:30.123Z',
      d: '2024-05-01',
      list: '[1,2]',
      st: '{"x":"y"}',
      b: true,
      n: null,
    });
  });

  it('stops a running query when its signal aborts, and keeps working after', async () => {
    const controller = new AbortController();
    const running = engine.run('SELECT sum(hash(i)) AS s FROM range(100000000000) t(i)', { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(10_000);
    const { rows } = await engine.run('SELECT 1 AS one');
    expect(rows).toEqual([{ one: 1 }]);
  });
});
