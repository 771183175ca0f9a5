import { AthenaClient } from '@aws-sdk/client-athena';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkCredentials, EnvironmentError, isCredentialsError, redact } from '../../../../generator/engines/athena/credentials.js';

// AWS's documented example values, never real credentials.
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const TEMP_KEY_ID = 'ASIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEXAMPLE${'AbCdEfGh0123456789+/'.repeat(8)}`;

/** A client whose credential provider is the given function (the shape the SDK resolves to). */
function clientWith(credentials: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>) {
  return new AthenaClient({ region: 'us-east-1', credentials });
}

afterEach(() => vi.unstubAllEnvs());

describe('redact', () => {
  it('masks access key ids but keeps their AKIA/ASIA prefix', () => {
    expect(redact(`key ${KEY_ID} and ${TEMP_KEY_ID}.`)).toBe('key AKIA**** and ASIA****.');
  });

  it('masks secrets and tokens whether labelled or bare', () => {
    const text = [
      `aws_secret_access_key = ${SECRET}`,
      `{"SecretAccessKey":"${SECRET}","SessionToken":"${SESSION_TOKEN}"}`,
      `X-Amz-Security-Token=${SESSION_TOKEN}&x=1`,
      `bare ${SECRET} here`,
      `token ${SESSION_TOKEN}`,
    ].join('\n');
    const out = redact(text);
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain(SESSION_TOKEN.slice(0, 30));
    expect(out).not.toMatch(/wJalr|IQoJb3/);
    expect(out).toContain('aws_secret_access_key = ****');
    expect(out).toContain('bare **** here');
  });

  it('masks known values wherever they appear, whatever their shape', () => {
    expect(redact('profile said: hunter2-password!', ['hunter2-password'])).toBe('profile said: ****!');
  });

  it('leaves ordinary text alone: query ids, git SHAs, ARNs, SQL', () => {
    const text =
      'query 6b1f3c52-9a7e-4a51-8d0e-2f4a5b6c7d8e at 3f786850e387550fdab836ed7e6dc881de23001b: ' +
      "arn:aws:iam::123456789012:role/Admin; SELECT eventname FROM cloudtrail_logs WHERE errorcode = 'AccessDenied'";
    expect(redact(text)).toBe(text);
  });
});

describe('checkCredentials', () => {
  it('without any credential source, throws an EnvironmentError that says how to provide them, fast', async () => {
    // A machine with nothing configured: no env keys, no profile files, not on EC2/ECS.
    for (const name of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
      vi.stubEnv(name, undefined);
    }
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/aws/config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/aws/credentials');
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');

    const started = Date.now();
    const err = await checkCredentials(new AthenaClient({ region: 'us-east-1' })).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3_000);

    expect(err).toBeInstanceOf(EnvironmentError);
    const message = (err as Error).message;
    expect(message).toMatch(/No usable AWS credentials \(Could not load credentials from any providers\)/);
    expect(message).toMatch(/AWS_PROFILE/);
    expect(message).toMatch(/aws sso login/);
    expect(message).toMatch(/AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
    // printed as is by the CLI: no stack frames
    expect((err as Error).stack).toBe(`EnvironmentError: ${message}`);
    expect((err as Error).stack).not.toMatch(/\n\s+at /);
  });

  it('never puts a secret into the error, even when the provider quotes one', async () => {
    const client = clientWith(async () => {
      throw Object.assign(new Error(`Profile dev could not be parsed near aws_secret_access_key=${SECRET} for ${KEY_ID}`), { name: 'CredentialsProviderError' });
    });
    const err = (await checkCredentials(client).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(EnvironmentError);
    expect(`${err.message}\n${err.stack}`).not.toContain(SECRET);
    expect(`${err.message}\n${err.stack}`).not.toContain(KEY_ID);
    expect(err.message).toContain('AKIA****');
  });

  it('an expired SSO session says to run aws sso login', async () => {
    const client = clientWith(async () => {
      throw Object.assign(new Error('The SSO session associated with this profile has expired or is otherwise invalid.'), { name: 'CredentialsProviderError' });
    });
    await expect(checkCredentials(client)).rejects.toThrow(/SSO session looks expired: run aws sso login/);
  });

  it('any other failure while resolving is still an EnvironmentError', async () => {
    const client = clientWith(async () => {
      throw new Error(`credential_process exited 1: printed ${SECRET}`);
    });
    const err = (await checkCredentials(client).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(EnvironmentError);
    expect(err.message).not.toContain(SECRET);
  });

  it('gives up after the deadline instead of hanging on the instance-metadata service', async () => {
    const client = clientWith(() => new Promise(() => {}));
    await expect(checkCredentials(client, { timeoutMs: 20 })).rejects.toThrow(/AWS_EC2_METADATA_DISABLED=true/);
  });

  it('returns a printable summary: key id masked, temporary or not', async () => {
    const temp = await checkCredentials(clientWith(async () => ({ accessKeyId: TEMP_KEY_ID, secretAccessKey: SECRET, sessionToken: SESSION_TOKEN })));
    expect(temp).toEqual({ accessKeyId: 'ASIA****', temporary: true });
    const longTerm = await checkCredentials(clientWith(async () => ({ accessKeyId: KEY_ID, secretAccessKey: SECRET })));
    expect(JSON.stringify(longTerm)).not.toContain(SECRET);
    expect(longTerm.temporary).toBe(false);
  });

  it('recognises credentials errors by name or message only', () => {
    expect(isCredentialsError(Object.assign(new Error('x'), { name: 'CredentialsProviderError' }))).toBe(true);
    expect(isCredentialsError(new Error('Could not load credentials from any providers'))).toBe(true);
    expect(isCredentialsError(new Error('Table not found'))).toBe(false);
    expect(isCredentialsError('Could not load credentials')).toBe(false);
  });
});
