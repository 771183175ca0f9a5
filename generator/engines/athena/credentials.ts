/**
 * Credentials preflight: find out in seconds, before any query is queued, whether the AWS SDK can
 * sign requests, and say in plain words how to fix it when it cannot. Nothing here ever prints a
 * secret: every message that may carry provider output goes through `redact()`.
 */
import type { AthenaClient } from '@aws-sdk/client-athena';

/**
 * The user's environment is not ready (no credentials, expired SSO session, missing table…).
 * Not a bug and not a query error: the CLI prints the message alone, so the stack is replaced by
 * the message and no `cause` is attached (a provider error could quote a config file line).
 */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(redact(message));
    this.name = 'EnvironmentError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

// ---- redaction ----

const MASK = '****';
/** Long-term (AKIA) and temporary (ASIA) access key ids (20 characters; matched from 16 up to be lenient). */
const KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{12,}\b/g;
/** `secret…=value`, `"SecretAccessKey": "value"`, `aws_session_token = value`, `X-Amz-Security-Token=value`. */
const LABELLED_SECRET =
  /((?:secret[_-]?access[_-]?key|secretkey|session[_-]?token|security[_-]?token|aws_secret_access_key|aws_session_token)["']?\s*[:=]\s*["']?)([^\s"',;&]+)/gi;
/** A bare 40-character secret: base64 alphabet, mixed case (so git SHAs and hex digests are left alone). */
const BARE_SECRET = /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]*[a-z])(?=[A-Za-z0-9/+=]*[A-Z])[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/g;
/** Session tokens are hundreds of base64 characters; nothing legitimate in an error message is that long. */
const LONG_TOKEN = /[A-Za-z0-9/+=]{100,}/g;

/**
 * Masks credential material in text meant for people: access key ids keep their AKIA/ASIA prefix
 * (it tells long-term from temporary keys), secrets and tokens are replaced. `known` values (the
 * resolved credentials themselves) are masked wherever they appear, whatever their shape.
 */
export function redact(text: string, known: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const value of known) {
    if (value !== undefined && value.length >= 8) out = out.split(value).join(MASK);
  }
  return out
    .replace(LABELLED_SECRET, (_m, label: string) => `${label}${MASK}`)
    .replace(KEY_ID, (_m, prefix: string) => `${prefix}${MASK}`)
    .replace(LONG_TOKEN, MASK)
    .replace(BARE_SECRET, MASK);
}

// ---- detection ----

const HOW_TO_PROVIDE = [
  'Provide AWS credentials in one of these ways:',
  '  • a named profile: export AWS_PROFILE=<profile> (from ~/.aws/config or ~/.aws/credentials)',
  '  • IAM Identity Center (SSO): aws sso login --profile <profile>, then export AWS_PROFILE=<profile>',
  '  • environment variables: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary keys)',
  '  • an instance or container role when running on EC2, ECS, Lambda or CodeBuild',
  'Offline validation (DuckDB) needs no credentials: run without the Athena engine.',
].join('\n');

/** True when an SDK error means "no usable credentials" rather than "AWS refused the request". */
export function isCredentialsError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'CredentialsProviderError' || err.name === 'TokenProviderError') return true;
  return /could not load credentials|credentials? (?:is|are) missing|sso session .* (?:expired|invalid)|token is expired/i.test(
    err.message,
  );
}

/** Turns a credentials failure into an EnvironmentError that says what to do; other errors pass through. */
export function toEnvironmentError(err: unknown): unknown {
  if (!isCredentialsError(err)) return err;
  const reason = (err as Error).message;
  const sso = /sso/i.test(reason) ? ' Your SSO session looks expired: run aws sso login.' : '';
  return new EnvironmentError(`No usable AWS credentials (${reason}).${sso}\n${HOW_TO_PROVIDE}`);
}

function credentialsFailure(err: unknown): EnvironmentError {
  const reason = err instanceof Error ? err.message : String(err);
  return new EnvironmentError(`Resolving AWS credentials failed (${reason}).\n${HOW_TO_PROVIDE}`);
}

export interface CredentialsCheckOptions {
  /**
   * Upper bound on the whole provider chain. Why a deadline and not AWS_EC2_METADATA_DISABLED:
   * the last link of the default chain asks the EC2 instance-metadata service, which off-EC2 can
   * wait ~1 s per request (token PUT, then role GET). Disabling it globally would break users who
   * legitimately run on an EC2 instance role, and mutating process.env would leak into every
   * other SDK client in the process. So the chain runs unchanged, bounded by this deadline; the
   * error message tells off-EC2 users they may set AWS_EC2_METADATA_DISABLED=true themselves.
   */
  readonly timeoutMs?: number;
}

/** What the preflight learnt, safe to print: never the secret, the key id only masked. */
export interface CredentialsSummary {
  readonly accessKeyId: string;
  readonly temporary: boolean;
  readonly expiresAt?: Date;
}

/**
 * Resolves the client's credential provider once (the SDK memoises it, so the first query does not
 * pay again) and throws EnvironmentError when there are none.
 */
export async function checkCredentials(
  client: Pick<AthenaClient, 'config'>,
  options: CredentialsCheckOptions = {},
): Promise<CredentialsSummary> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new EnvironmentError(
            `Resolving AWS credentials took longer than ${timeoutMs} ms (the SDK may be waiting for the EC2 instance-metadata service). ` +
              `If you are not on EC2, set AWS_EC2_METADATA_DISABLED=true.\n${HOW_TO_PROVIDE}`,
          ),
        ),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    const creds = await Promise.race([client.config.credentials(), deadline]);
    if (!creds?.accessKeyId || !creds.secretAccessKey) {
      throw new EnvironmentError(`The AWS credential provider returned no access key.\n${HOW_TO_PROVIDE}`);
    }
    return {
      accessKeyId: redact(creds.accessKeyId),
      temporary: creds.sessionToken !== undefined,
      ...(creds.expiration === undefined ? {} : { expiresAt: creds.expiration }),
    };
  } catch (err) {
    // Whatever went wrong while resolving, it is an environment problem, never a query problem.
    if (err instanceof EnvironmentError) throw err;
    throw isCredentialsError(err) ? toEnvironmentError(err) : credentialsFailure(err);
  } finally {
    clearTimeout(timer);
  }
}
