/**
 * A dashboard tile through the command line, as a responder would run it: `cloudtrail-lookml
 * query --dashboard … --tile … --format json` prints the tile's rows, which match the console
 * sign-ins counted by hand in the fixture files.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../..');
const DELIVERIES = join(ROOT, 'test/fixtures/cloudtrail/invictus-ir-aws_dataset/AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10');

interface LoginRecord { eventName: string; eventTime: string; responseElements?: { ConsoleLogin?: string } | null }

describe('cloudtrail-lookml query --dashboard console_login_overview', () => {
  it('prints the rows of "Console Logins Over Time" as JSON', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      'bin/cloudtrail-lookml.js', 'query',
      '--dashboard', 'console_login_overview', '--tile', 'Console Logins Over Time',
      '--data', 'test/fixtures/cloudtrail', '--now', '2023-07-12T00:00:00Z', '--format', 'json',
    ], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const rows = JSON.parse(stdout) as Record<string, unknown>[];

    const logins = readdirSync(DELIVERIES)
      .flatMap((f) => (JSON.parse(gunzipSync(readFileSync(join(DELIVERIES, f))).toString('utf8')) as { Records: LoginRecord[] }).Records)
      .filter((r) => r.eventName === 'ConsoleLogin');
    const succeeded = logins.filter((r) => r.responseElements?.ConsoleLogin === 'Success').length;
    const failed = logins.filter((r) => r.responseElements?.ConsoleLogin === 'Failure').length;

    expect(rows).toEqual([
      {
        'cloudtrail_logs.event_time_date': '2023-07-10',
        'cloudtrail_logs.console_login_success_count': succeeded,
        'cloudtrail_logs.console_login_failure_count': failed,
        'cloudtrail_logs.console_login_count': logins.length,
      },
    ]);
    expect([succeeded, failed]).toEqual([2, 0]);
  }, 120_000);
});
