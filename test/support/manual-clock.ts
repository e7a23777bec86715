import type { Clock } from "../../src/market/resilience";

interface Sleeper {
  readonly at: number;
  readonly order: number;
  readonly wake: () => void;
}

/** A clock that moves only when the test says so; sleeps wake in time order as it passes them. */
export class ManualClock implements Clock {
  private time: number;
  private sleepers: Sleeper[] = [];
  private created = 0;

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = {
        at: this.time + Math.max(0, ms),
        order: this.created++,
        wake: () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          signal?.removeEventListener("abort", sleeper.wake);
          resolve();
        },
      };
      signal?.addEventListener("abort", sleeper.wake, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** Sleeps not yet woken. */
  get pending(): number {
    return this.sleepers.length;
  }

  /** Moves time forward by `ms`, waking due sleeps one at a time and letting their code run. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await drainMicrotasks();
      const due = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (due === undefined) break;
      this.time = Math.max(this.time, due.at);
      due.wake();
    }
    this.time = target;
    await drainMicrotasks();
  }
}

/** Lets every queued promise continuation run (a macrotask boundary drains the microtask queue). */
export function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
