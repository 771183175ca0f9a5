/**
 * A bounded-concurrency gate shared by every call on one engine: at most `limit` tasks run at a
 * time, the rest wait in FIFO order. Bounding in the client (rather than letting Athena queue)
 * keeps us well under the account's active-query quota, which other tools share.
 */
import { abortReason } from './retry.js';

interface Waiter {
  readonly grant: () => void;
}

export class Scheduler {
  private active = 0;
  private readonly waiting: Waiter[] = [];
  /** Highest number of tasks seen running at once (for tests and run reports). */
  private peak = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  }

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  get peakRunning(): number {
    return this.peak;
  }

  /** Runs `task` once a slot is free; a signal that fires while waiting removes it from the queue. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.active < this.limit) {
      this.take();
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        this.remove(waiter);
        reject(abortReason(signal!));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.take();
          resolve();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private take(): void {
    this.active++;
    this.peak = Math.max(this.peak, this.active);
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.grant();
  }

  private remove(waiter: Waiter): void {
    const i = this.waiting.indexOf(waiter);
    if (i >= 0) this.waiting.splice(i, 1);
  }
}
