/**
 * The statement guard as the CLI uses it: `ddl --apply` sends exactly the block's CREATE EXTERNAL
 * TABLE and nothing else; without --apply nothing is sent at all; `validate --offline` never opens Athena.
 */
import { describe, expect, it } from 'vitest';
import { StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { run } from '../../../../generator/cli/main.js';
import type { CliIo } from '../../../../generator/cli/io.js';
import { sourceTableFile, withAthenaSeam } from '../../../../generator/cli/engine-factory.js';
import { createTableSql } from '../../../../generator/render/render-athena.js';
import { guardStatement } from '../../../../generator/engines/athena/statement-guard.js';
import { cloudtrailBlock } from '../../../../model/index.js';
import { tempDir } from '../../../helpers/tree.js';
import { FAKE_CREDENTIALS, FakeAthena, fakeClient, fakeClock, matchingMetadata } from './fake-athena.js';

const BLOCK = cloudtrailBlock();
const withoutLineComments = (sql: string) => sql.replace(/^--.*\n/gm, '');

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: tempDir('ctl-athena-ddl-'), isTty: false };
  const clock = fakeClock();
  const code = await withAthenaSeam({ client: fakeClient, engine: { now: clock.now, sleep: clock.sleep, random: () => 0 } }, () => run(argv, io));
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ddl --apply', () => {
  it('sends the one CREATE EXTERNAL TABLE of the block, without its trailing semicolon, and nothing else', async () => {
    const athena = new FakeAthena(matchingMetadata(BLOCK));
    const r = await cli(['ddl', '--apply', '--region', 'eu-west-1', '--workgroup', 'admin']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe('created default.cloudtrail_logs (or it already existed)');

    const expected = createTableSql(sourceTableFile(BLOCK)).replace(/;\s*$/, '');
    expect(athena.statements).toEqual([expected]);
    // The generated-file header comments stay in front of it; the statement itself is the CREATE.
    expect(withoutLineComments(expected)).toMatch(/^CREATE EXTERNAL TABLE /);
    expect(guardStatement(expected, { allowDdl: true }).kind).toBe('ddl');
    expect(athena.mock.commandCalls(StartQueryExecutionCommand)[0]!.args[0].input).toMatchObject({ WorkGroup: 'admin' });
    // The table is created, never described, dropped or queried.
    expect([...athena.operations].sort()).toEqual(['GetQueryExecution', 'GetQueryResults', 'StartQueryExecution']);
    for (const value of Object.values(FAKE_CREDENTIALS)) expect(r.out + r.err).not.toContain(value);
  });

  it('without --apply prints the DDL and sends nothing', async () => {
    const athena = new FakeAthena(matchingMetadata(BLOCK));
    const r = await cli(['ddl']);
    expect(r.code).toBe(0);
    expect(withoutLineComments(r.out)).toMatch(/^CREATE EXTERNAL TABLE/);
    expect(athena.mock.calls()).toHaveLength(0);
  });
});

describe('validate --offline --engine athena', () => {
  it('needs no credentials and sends nothing: offline checks only', async () => {
    const athena = new FakeAthena(matchingMetadata(BLOCK));
    const r = await cli(['validate', '--offline', '--engine', 'athena', '--region', 'us-east-1']);
    expect(r.code).toBe(0);
    expect(r.out).toBe('offline checks passed');
    expect(athena.mock.calls()).toHaveLength(0);
  });
});
