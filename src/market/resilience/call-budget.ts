import { Clock } from "./clock";

/** Rejection of `CallBudget.race` when the budget runs out or the caller cancels. */
export class CallStopped extends Error {
  constructor() {
    super("the call was stopped");
    this.name = "CallStopped";
  }
}

/**
 * One request's time budget: `signal` aborts when the budget runs out or the caller cancels, so
 * every wait and the upstream call itself end by the deadline. Call `end()` when done.
 */
export class CallBudget {
  private readonly controller = new AbortController();
  /** Aborted by end(), to cancel the deadline timer. */
  private readonly finished = new AbortController();
  private readonly deadline: number;
  private ranOut = false;

  constructor(
    private readonly clock: Clock,
    readonly budgetMs: number,
    private readonly callerSignal?: AbortSignal,
  ) {
    this.deadline = clock.now() + budgetMs;
    if (callerSignal?.aborted) this.controller.abort();
    else callerSignal?.addEventListener("abort", this.onCallerAbort, { once: true });
    void clock.sleep(budgetMs, this.finished.signal).then(() => {
      if (this.finished.signal.aborted || this.controller.signal.aborted) return;
      this.ranOut = true;
      this.controller.abort();
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** True when the deadline passed (as opposed to the caller cancelling). */
  get expired(): boolean {
    return this.ranOut;
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - this.clock.now());
  }

  /** Sleeps `ms`, waking early when the call stops. */
  sleep(ms: number): Promise<void> {
    return this.clock.sleep(ms, this.controller.signal);
  }

  /** `work`, or a CallStopped rejection as soon as the call stops, whichever comes first. */
  race<T>(work: Promise<T>): Promise<T> {
    work.catch(() => undefined); // its late failure, if the stop wins, is nobody's concern
    if (this.stopped) return Promise.reject(new CallStopped());
    return new Promise<T>((resolve, reject) => {
      const onStop = (): void => reject(new CallStopped());
      this.controller.signal.addEventListener("abort", onStop, { once: true });
      work.then(
        (value) => {
          this.controller.signal.removeEventListener("abort", onStop);
          resolve(value);
        },
        (error: unknown) => {
          this.controller.signal.removeEventListener("abort", onStop);
          reject(error);
        },
      );
    });
  }

  end(): void {
    this.callerSignal?.removeEventListener("abort", this.onCallerAbort);
    this.finished.abort();
  }

  private readonly onCallerAbort = (): void => this.controller.abort();
}
