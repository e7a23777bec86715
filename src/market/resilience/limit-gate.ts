import { Clock, systemClock } from "./clock";
import { ConcurrencyLimit } from "./concurrency-limit";
import { describeWindow, limitPer, PlanLimits, rateWindows, WINDOW_MS, windowAdjective, WindowUnit } from "./plan-limits";
import { LocalQuotaCounter, nextUtcMidnight, QuotaCounter, QuotaScope, utcDay } from "./quota-counter";
import { TokenBucket, TokenLease } from "./token-bucket";

/** What a wait is for. */
export type Binding =
  | { readonly kind: "window"; readonly unit: WindowUnit; readonly requests: number }
  /** The upstream asked everyone to wait (Retry-After). */
  | { readonly kind: "hold" }
  /** Backing off after a 429 that did not say how long to wait. */
  | { readonly kind: "backoff" }
  /** The daily quota is used up until midnight (UTC). */
  | { readonly kind: "day"; readonly requests: number };

export interface GateWait {
  readonly waitMs: number;
  /** Null when there is nothing to wait for. */
  readonly binding: Binding | null;
}

/** How a request sent through the gate ended, as far as the gate cares. */
export type GateOutcome =
  { readonly kind: "success" } | { readonly kind: "rate-limited"; readonly retryAfterMs: number | null } | { readonly kind: "other" };

/** A request let through: `sent()` when it goes upstream, `finish()` exactly once when it is over. */
export interface GateTicket {
  /**
   * False when the upstream asked everyone to wait (Retry-After, a 429 backoff) after this request
   * was let through but before it went: it should queue again rather than go.
   */
  clear(): boolean;
  sent(): void;
  finish(outcome: GateOutcome): void;
}

export type Admission =
  | { readonly ok: true; readonly ticket: GateTicket }
  /** `stopped`: the caller's signal aborted; otherwise the wait would not fit `maxWaitMs`. */
  | { readonly ok: false; readonly stopped: boolean; readonly waitMs: number; readonly binding: Binding };

export interface AdmitOptions {
  /** Aborting it takes the request out of the queue. */
  readonly signal?: AbortSignal;
  /** Longest the request may wait: refused at once when its turn is further away, or when it is still queued then. */
  readonly maxWaitMs: number;
  /** Told when the request starts waiting (a turn more than 0 ms away), with when and why. */
  readonly onWait?: (wait: { readonly untilMs: number; readonly binding: Binding }) => void;
}

/** How the gate's limits read in messages. */
export interface GateWording {
  /** "Alpha Vantage allows 5 requests a minute on the free plan". */
  window(unit: WindowUnit, requests: number): string;
  /** "1 at a time on the free plan". */
  concurrency(n: number): string;
  /** "Alpha Vantage's 5-a-minute limit" (what a request waits for). */
  limitName(unit: WindowUnit, requests: number): string;
}

export interface LimitGateOptions {
  readonly limits: PlanLimits;
  readonly wording?: GateWording;
  readonly clock?: Clock;
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random?: () => number;
  /** Backoff after a 429 without Retry-After: the first ceiling, doubling per further 429 up to the maximum. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Where the daily quota (limits.perDay) is counted, and for whom; default this process alone. */
  readonly quota?: { readonly counter: QuotaCounter; readonly scope: QuotaScope };
}

interface Waiter {
  readonly resolve: (admission: Admission) => void;
}

interface WindowState {
  readonly unit: WindowUnit;
  readonly requests: number;
  readonly bucket: TokenBucket;
}

/**
 * A window as the gate keeps it: a token comes back a little after the window itself (a second for a
 * minute or an hour, 50 ms for a second), because the provider counts a request when it arrives, and
 * the first of a burst may arrive later after its sending (a new connection) than the one a window later.
 */
function windowWithMargin(unit: WindowUnit): number {
  return WINDOW_MS[unit] + Math.min(1_000, WINDOW_MS[unit] / 20);
}

const DEFAULT_WORDING: GateWording = {
  window: (unit, requests) => `The plan allows ${describeWindow(unit, requests)}`,
  concurrency: (n) => `${n} at a time`,
  limitName: (unit, requests) => `the plan's ${windowAdjective(unit, requests)} limit`,
};

/**
 * A plan's limits as one gate requests pass before going upstream: a bucket per window (second,
 * minute, hour), a concurrency limit, the upstream's own signals (Retry-After holds everyone; a 429
 * without one starts an exponential backoff, jittered, in which one request at a time probes until
 * a success ends it) and the daily quota.
 *
 * Requests wait their turn first come, first served. A request learns at once when its turn would
 * come, so one that cannot be served within its `maxWaitMs` is refused up front with that time;
 * one still queued when its wait runs out (the upstream asked for more) leaves with the time then.
 * Several providers (or keys) may share a gate: the server's per-provider and per-host ceilings.
 */
export class LimitGate {
  readonly limits: PlanLimits;
  readonly wording: GateWording;
  readonly slots: ConcurrencyLimit;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly windows: WindowState[];
  private readonly quota: { readonly counter: QuotaCounter; readonly scope: QuotaScope } | null;
  private readonly queue: Waiter[] = [];
  private holdUntil = Number.NEGATIVE_INFINITY;
  private dayUsedUpUntil = Number.NEGATIVE_INFINITY;
  private readonly backoff = { active: false, level: 0, until: Number.NEGATIVE_INFINITY, episode: 0, probeInFlight: false };
  private timer: AbortController | null = null;
  private timerAt = Number.NaN;

  constructor(options: LimitGateOptions) {
    this.limits = options.limits;
    this.wording = options.wording ?? DEFAULT_WORDING;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 8_000;
    this.slots = new ConcurrencyLimit(options.limits.concurrency);
    const now = (): number => this.clock.now();
    this.windows = rateWindows(options.limits)
      .filter(({ unit }) => unit !== "day")
      .map(({ unit, requests }) => ({
        unit,
        requests,
        bucket: new TokenBucket({ capacity: requests, windowMs: windowWithMargin(unit), now }),
      }));
    const perDay = limitPer(options.limits, "day");
    this.quota = perDay === null ? null : (options.quota ?? { counter: new LocalQuotaCounter(), scope: { provider: "", apiKey: null } });
  }

  /** Requests waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /** How long a request arriving now would wait for its turn, and why. */
  estimate(): GateWait {
    return this.turnOf(this.queue.length);
  }

  /** Waits for the request's turn within `maxWaitMs`, first come, first served. */
  admit(options: AdmitOptions): Promise<Admission> {
    const { signal } = options;
    const ahead = this.queue.length;
    const turn = this.turnOf(ahead);
    if (signal?.aborted) return Promise.resolve(this.refusal(turn, true));
    if (turn.waitMs > options.maxWaitMs) return Promise.resolve(this.refusal(turn, false));
    if (ahead === 0 && turn.waitMs <= 0 && !this.probing()) return Promise.resolve({ ok: true, ticket: this.grant() });
    if (turn.waitMs > 0 && turn.binding !== null) options.onWait?.({ untilMs: this.clock.now() + turn.waitMs, binding: turn.binding });

    return new Promise<Admission>((resolve) => {
      const deadline = new AbortController();
      const waiter: Waiter = {
        resolve: (admission) => {
          deadline.abort();
          signal?.removeEventListener("abort", onAbort);
          resolve(admission);
        },
      };
      const leaveQueue = (stopped: boolean): void => {
        const index = this.queue.indexOf(waiter);
        if (index < 0) return;
        const now = this.turnOf(index);
        this.queue.splice(index, 1);
        waiter.resolve(this.refusal(now, stopped));
        this.pump();
      };
      const onAbort = (): void => leaveQueue(true);
      signal?.addEventListener("abort", onAbort, { once: true });
      void this.clock.sleep(options.maxWaitMs, deadline.signal).then(() => {
        if (!deadline.signal.aborted) leaveQueue(false);
      });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** The upstream asked to wait until `time` (Retry-After): nobody goes before. */
  hold(time: number): void {
    if (time <= this.holdUntil) return;
    this.holdUntil = time;
    this.pump();
  }

  /**
   * Counts the request against the daily quota, if the plan has one: ok, or how long until the
   * quota starts again (midnight UTC). Called just before the request goes upstream.
   */
  async takeDaily(): Promise<{ readonly ok: true } | { readonly ok: false; readonly waitMs: number; readonly requests: number }> {
    const perDay = limitPer(this.limits, "day");
    if (perDay === null || this.quota === null) return { ok: true };
    const now = this.clock.now();
    if (now < this.dayUsedUpUntil) return { ok: false, waitMs: this.dayUsedUpUntil - now, requests: perDay };
    const taken = await this.quota.counter.take(this.quota.scope, utcDay(now), perDay);
    if (taken.ok) return { ok: true };
    this.dayUsedUpUntil = nextUtcMidnight(now);
    this.pump();
    return { ok: false, waitMs: this.dayUsedUpUntil - this.clock.now(), requests: perDay };
  }

  /** In a backoff, one request probes at a time: another waits for its outcome. */
  private probing(): boolean {
    return this.backoff.active && this.backoff.probeInFlight;
  }

  private refusal(turn: GateWait, stopped: boolean): Admission {
    return { ok: false, stopped, waitMs: Math.max(0, turn.waitMs), binding: turn.binding ?? { kind: "backoff" } };
  }

  /**
   * When the request with `ahead` requests before it in the queue would have its turn: no earlier
   * than a hold, a backoff or the end of a used-up day, and when every window has a token for it
   * after those ahead took theirs (tokens return one window after they were sent).
   */
  private turnOf(ahead: number): GateWait {
    const now = this.clock.now();
    let floor = now;
    let floorBinding: Binding | null = null;
    const raise = (time: number, binding: Binding): void => {
      if (time > floor) {
        floor = time;
        floorBinding = binding;
      }
    };
    raise(this.holdUntil, { kind: "hold" });
    if (this.backoff.active) raise(this.backoff.until, { kind: "backoff" });
    const perDay = limitPer(this.limits, "day");
    if (perDay !== null) raise(this.dayUsedUpUntil, { kind: "day", requests: perDay });

    // Longest window first, so a turn that two windows put at the same time is the longer one's ("5 a minute").
    const windows = this.windows.map((w) => ({ ...w, free: w.bucket.available(), out: w.bucket.outstanding() })).reverse();
    const turns: number[] = [];
    const bindings: (Binding | null)[] = [];
    for (let i = 0; i <= ahead; i++) {
      const afterPrevious = i > 0 && turns[i - 1] > floor;
      let time = afterPrevious ? turns[i - 1] : floor;
      let binding = afterPrevious ? bindings[i - 1] : floorBinding;
      for (const w of windows) {
        if (i < w.free) continue;
        const index = i - w.free;
        const back = index < w.out ? (w.bucket.returnTime(index) ?? now) : turns[index - w.out] + w.bucket.windowMs;
        if (back > time) {
          time = back;
          binding = { kind: "window", unit: w.unit, requests: w.requests };
        }
      }
      turns.push(time);
      bindings.push(binding);
    }
    const waitMs = turns[ahead] - now;
    return { waitMs, binding: waitMs > 0 ? bindings[ahead] : null };
  }

  /** Lets waiting requests through while their turn has come; sleeps until the next one's otherwise. */
  private pump(): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined || this.probing()) return this.cancelTimer();
      const turn = this.turnOf(0);
      if (turn.waitMs > 0) return this.wakeAt(this.clock.now() + turn.waitMs);
      this.queue.shift();
      head.resolve({ ok: true, ticket: this.grant() });
    }
  }

  private wakeAt(time: number): void {
    if (this.timer !== null && this.timerAt === time) return;
    this.cancelTimer();
    const timer = new AbortController();
    this.timer = timer;
    this.timerAt = time;
    void this.clock.sleep(time - this.clock.now(), timer.signal).then(() => {
      if (timer.signal.aborted || this.timer !== timer) return;
      this.timer = null;
      this.pump();
    });
  }

  private cancelTimer(): void {
    this.timer?.abort();
    this.timer = null;
  }

  private grant(): GateTicket {
    const leases: TokenLease[] = this.windows.map((w) => w.bucket.take());
    const probe = this.backoff.active;
    const episode = this.backoff.episode;
    if (probe) this.backoff.probeInFlight = true;
    let finished = false;
    return {
      clear: () => !(this.holdUntil > this.clock.now()) && !(this.backoff.active && !probe),
      sent: () => {
        for (const lease of leases) lease.send();
      },
      finish: (outcome) => {
        if (finished) return;
        finished = true;
        for (const lease of leases) lease.release(); // tokens of a request never sent go back
        if (probe) this.backoff.probeInFlight = false;
        this.learn(outcome, probe, episode);
        this.pump();
      },
    };
  }

  /** What the upstream's answer says about the next requests. */
  private learn(outcome: GateOutcome, probe: boolean, episode: number): void {
    const now = this.clock.now();
    const backoff = this.backoff;
    if (outcome.kind === "success") {
      backoff.active = false;
      backoff.level = 0;
      return;
    }
    if (outcome.kind !== "rate-limited") return;
    if (outcome.retryAfterMs !== null) {
      if (now + outcome.retryAfterMs > this.holdUntil) this.holdUntil = now + outcome.retryAfterMs;
      return;
    }
    if (!backoff.active) {
      backoff.active = true;
      backoff.level = 1;
      backoff.episode++;
    } else if (probe && episode === backoff.episode) {
      backoff.level++;
    } else {
      return; // sent before this backoff began: already accounted for
    }
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (backoff.level - 1));
    backoff.until = now + this.random() * ceiling;
  }
}
