/**
 * The real CLI process with no AWS credentials anywhere (no env variables, an empty HOME so no
 * ~/.aws files): `validate --engine athena` must fail within seconds with exit 2 and the how-to
 * message, without a stack trace, before any query could be queued.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { looksLikeStackTrace, runCli } from '../../helpers/cli.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tree.js';

afterAll(cleanupTempDirs);

/** The parent's environment minus every variable the AWS credential chain reads. */
function withoutAwsCredentials(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^AWS_/.test(k) || k === 'AWS_CA_BUNDLE') env[k] = v;
  return {
    ...env,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-such-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-such-credentials'),
  };
}

describe('validate --engine athena without credentials (CLI process)', () => {
  it('exits 2 within seconds with the how-to message and no stack trace', async () => {
    const home = tempDir('ctl-e2e-nocreds-');
    const started = Date.now();
    // runCli merges env over process.env, so unset variables are passed as empty strings too.
    const unset = Object.fromEntries(Object.keys(process.env).filter((k) => /^AWS_/.test(k) && k !== 'AWS_CA_BUNDLE').map((k) => [k, '']));
    const r = await runCli(
      ['validate', '--engine', 'athena', '--region', 'us-east-1', '--workgroup', 'primary', '--database', 'default'],
      home,
      { ...unset, ...withoutAwsCredentials(home) },
    );
    const seconds = (Date.now() - started) / 1000;

    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(/^error: (No usable AWS credentials|Resolving AWS credentials)/);
    expect(r.stderr).toContain('AWS_PROFILE');
    expect(looksLikeStackTrace(r.stderr)).toBe(false);
    // The CLI itself loads in ~2 s; the credentials chain is bounded at 5 s even where it waits for EC2 metadata.
    expect(seconds).toBeLessThan(20);
  }, 60_000);
});
