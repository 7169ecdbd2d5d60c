// A counting semaphore with a FIFO queue: at most `limit` tasks run at once and waiting tasks start in the
// order they asked. A freed slot is handed straight to the oldest waiter, so a newcomer can never overtake
// the queue (no barging) and a burst from one caller cannot starve callers that were already waiting.

export interface LimiterStats {
  readonly active: number;
  readonly queued: number;
}

interface Waiter {
  readonly start: () => void;
  readonly fail: (reason: unknown) => void;
}

export class ConcurrencyLimiter {
  #active = 0;
  readonly #queue: Waiter[] = [];
  #closedReason: Error | undefined;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  }

  get stats(): LimiterStats {
    return { active: this.#active, queued: this.#queue.length };
  }

  /** Runs `task` once a slot is free. An aborted `signal` takes a still-queued task out of the queue. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.#acquire(signal);
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  /** Fails every queued task with `reason`; running tasks finish, new ones are refused. */
  close(reason = new Error('limiter closed')): void {
    this.#closedReason = reason;
    for (const waiter of this.#queue.splice(0)) waiter.fail(reason);
  }

  #acquire(signal: AbortSignal | undefined): Promise<void> {
    if (this.#closedReason) return Promise.reject(this.#closedReason);
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.limit && this.#queue.length === 0) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#queue.indexOf(waiter);
        if (at >= 0) this.#queue.splice(at, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  #release(): void {
    const next = this.#queue.shift();
    // The slot passes to the next waiter without ever being free, so the count cannot overshoot.
    if (next) next.start();
    else this.#active--;
  }
}
