interface Waiter {
  readonly grant: (release: () => void) => void;
  readonly onAbort: () => void;
}

/** At most `limit` holders at once; others queue first come, first served. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly limit: number) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError(`concurrency limit must be a whole number ≥ 1, got ${limit}`);
  }

  /** How many callers are waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves with the slot's release function, or with null when `signal` aborts first (the caller
   * left the queue). Release exactly once.
   */
  acquire(signal?: AbortSignal): Promise<(() => void) | null> {
    if (signal?.aborted) return Promise.resolve(null);
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener("abort", waiter.onAbort);
          resolve(release);
        },
        onAbort: () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          resolve(null);
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next !== undefined) next.grant(this.releaser());
      else this.active--;
    };
  }
}
