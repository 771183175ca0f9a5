/**
 * Throttling and waiting. Athena throttles twice over: API rates (`ThrottlingException: Rate
 * exceeded`, 20 TPS for Start/Stop, 100 TPS for Get*) and the account's active-query quota
 * (`TooManyRequestsException`, Reason CONCURRENT_QUERY_LIMIT_EXCEEDED), which counts queued queries
 * of every workgroup and every other tool in the account. The SDK already retries throttles a few
 * times within ~1 s; the quota needs longer waits (other people's queries must finish), so this
 * layer adds a slower, jittered backoff with a cap on attempts on top.
 */

/** Waits `ms`; rejects early with an AbortError when the signal fires. Injected in tests. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The error a fired signal stands for (its reason when it is an Error, else a plain AbortError). */
export function abortReason(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  return err;
}

/** Rejects as soon as the signal fires, without waiting for `work` (which keeps running). */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

interface ErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly Reason?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** Every form Athena's throttling takes on the wire. */
export function isThrottle(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as ErrorShape;
  return (
    e.name === 'TooManyRequestsException' ||
    e.name === 'ThrottlingException' ||
    e.Reason === 'CONCURRENT_QUERY_LIMIT_EXCEEDED' ||
    e.$metadata?.httpStatusCode === 429 ||
    /rate exceeded|CONCURRENT_QUERY_LIMIT_EXCEEDED/i.test(e.message ?? '')
  );
}

export interface BackoffPolicy {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_THROTTLE_POLICY: BackoffPolicy = { maxAttempts: 8, baseMs: 1_000, capMs: 30_000 };

/**
 * "Full jitter" (a uniform wait between 0 and the capped exponential): many clients throttled at
 * the same moment must not all come back at the same moment.
 */
export function jitteredDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export interface RetryContext {
  readonly policy: BackoffPolicy;
  readonly sleep: Sleep;
  readonly random: () => number;
  readonly signal?: AbortSignal;
  /** Called before each wait, for progress output ("throttled, retrying in 2.1 s"). */
  readonly onRetry?: (attempt: number, delayMs: number, err: unknown) => void;
}

/** Runs `call`, retrying throttling errors only; anything else, or the last throttle, is thrown. */
export async function withThrottleRetry<T>(call: () => Promise<T>, ctx: RetryContext): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!isThrottle(err) || attempt + 1 >= ctx.policy.maxAttempts) throw err;
      const delay = jitteredDelay(attempt, ctx.policy, ctx.random);
      ctx.onRetry?.(attempt + 1, delay, err);
      await ctx.sleep(delay, ctx.signal);
    }
  }
}
