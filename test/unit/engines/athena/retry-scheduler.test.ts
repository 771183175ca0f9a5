import { describe, expect, it } from 'vitest';
import { convertCell } from '../../../../generator/engines/athena/result-set.js';
import { isThrottle, jitteredDelay, realSleep, withThrottleRetry } from '../../../../generator/engines/athena/retry.js';
import { Scheduler } from '../../../../generator/engines/athena/scheduler.js';

describe('isThrottle', () => {
  it.each([
    [{ name: 'TooManyRequestsException', message: 'x' }, true],
    [{ name: 'ThrottlingException', message: 'Rate exceeded' }, true],
    [{ name: 'Other', Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED' }, true],
    [{ name: 'Other', message: 'Rate exceeded' }, true],
    [{ name: 'Other', $metadata: { httpStatusCode: 429 } }, true],
    [{ name: 'InvalidRequestException', message: 'line 1:1' }, false],
    [null, false],
    ['Rate exceeded', false],
  ])('%j → %s', (err, expected) => {
    expect(isThrottle(err)).toBe(expected);
  });
});

describe('jittered backoff', () => {
  it('grows exponentially and is capped', () => {
    const policy = { maxAttempts: 10, baseMs: 100, capMs: 1_000 };
    expect([0, 1, 2, 3, 4, 8].map((a) => jitteredDelay(a, policy, () => 0.999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(jitteredDelay(3, policy, () => 0)).toBe(0);
  });

  it('does not retry errors that are not throttles', async () => {
    let calls = 0;
    const call = async (): Promise<never> => {
      calls++;
      throw new Error('boom');
    };
    await expect(withThrottleRetry(call, { policy: { maxAttempts: 5, baseMs: 1, capMs: 1 }, sleep: async () => {}, random: () => 0 })).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });

  it('the real sleep ends early on abort', async () => {
    const ctrl = new AbortController();
    const slept = realSleep(60_000, ctrl.signal);
    ctrl.abort();
    await expect(slept).rejects.toThrow();
  });
});

/** A promise the test opens by hand (Promise.withResolvers is Node 22+). */
function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Scheduler', () => {
  it('runs at most `limit` tasks at once, in FIFO order', async () => {
    const scheduler = new Scheduler(2);
    const started: number[] = [];
    const gates = Array.from({ length: 4 }, () => gate());
    const tasks = gates.map((g, i) =>
      scheduler.run(async () => {
        started.push(i);
        await g.promise;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(scheduler.queued).toBe(2);
    gates[1]!.resolve();
    await tasks[1];
    expect(started).toEqual([0, 1, 2]);
    gates.forEach((g) => g.resolve());
    await Promise.all(tasks);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(scheduler.peakRunning).toBe(2);
    expect(scheduler.running).toBe(0);
  });

  it('drops a queued task whose signal fires', async () => {
    const scheduler = new Scheduler(1);
    const g = gate();
    const first = scheduler.run(() => g.promise);
    const ctrl = new AbortController();
    let ran = false;
    const second = scheduler.run(async () => {
      ran = true;
    }, ctrl.signal);
    ctrl.abort();
    await expect(second).rejects.toThrow();
    g.resolve();
    await first;
    expect(ran).toBe(false);
    expect(scheduler.queued).toBe(0);
  });

  it('rejects a non-positive limit', () => {
    expect(() => new Scheduler(0)).toThrow(RangeError);
  });
});

describe('convertCell', () => {
  it.each([
    ['42', 'integer', 42],
    ['-7', 'tinyint', -7],
    ['9007199254740993', 'bigint', '9007199254740993'],
    ['1.5', 'real', 1.5],
    ['12.30', 'decimal(10,2)', '12.30'],
    ['true', 'boolean', true],
    ['2024-05-01 08:15:30.000', 'timestamp', '2024-05-01 08:15:30.000'],
    ['{a=1}', 'row', '{a=1}'],
    [undefined, 'bigint', null],
    ['', 'varchar', ''],
  ] as const)('%j as %s → %j', (value, type, expected) => {
    expect(convertCell(value, type)).toEqual(expected);
  });
});
