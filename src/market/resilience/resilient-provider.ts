import { CallBudget } from "./call-budget";
import { Clock, systemClock } from "./clock";
import { ConcurrencyLimit } from "./concurrency-limit";
import type { LimitedService, PlanLimits } from "./plan-limits";
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, RetryPolicy } from "./retry-policy";
import { TokenBucket } from "./token-bucket";
import { DailySeries, HistoryProvider, HistoryRequest, MarketDataError, Ticker } from "../core";
import { formatWait } from "./wait-text";

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
/** How long one "host name not found" answers for every call to the provider without asking again. */
export const DEFAULT_HOST_NOT_FOUND_MEMORY_MS = 5_000;

export interface ResilientProviderOptions {
  readonly limits: PlanLimits;
  /** For messages: "Alpha Vantage". Default: the wrapped provider's name. */
  readonly label?: string;
  /** Whose limits these are, for messages: "free" gives "… on the free plan". */
  readonly plan?: string;
  /**
   * Requests that may go out back to back before the per-minute rate spaces them. Default
   * `limits.concurrency`: a strict "N a minute" window is then exceeded by at most burst − 1, which
   * Retry-After handling absorbs. Raise it to requestsPerMinute for a provider that counts per
   * calendar minute.
   */
  readonly burst?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly clock?: Clock;
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random?: () => number;
  /**
   * After a failure because the provider's host name did not resolve, calls within this many ms
   * fail at once with the same reason instead of each asking DNS again (default 5 s): a recalculation
   * or a CLI run over many tickers while offline answers in one round trip. 0 turns it off.
   */
  readonly hostNotFoundMemoryMs?: number;
}

export interface ResilientProviderStats {
  /** Calls made to the wrapped provider, retries included. */
  requests: number;
  /** Calls made after a failed one. */
  retries: number;
  /** Times a request waited because of a rate limit: for a token, or as the upstream asked. */
  rateLimitWaits: number;
}

/** Thrown inside an attempt to end the whole request without retrying. */
class GiveUp {
  constructor(readonly error: MarketDataError) {}
}

/**
 * Wraps a provider with its plan's limits: a token bucket for the per-minute rate (and one for the
 * daily quota), at most `concurrency` requests in flight, and retries with backoff for rate limits
 * and outages. Every request settles within the time budget: a wait that would
 * overrun it (a token, Retry-After) is refused at once with a message saying when to try again.
 */
export class ResilientProvider implements HistoryProvider {
  readonly name: string;
  private readonly label: string;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly slots: ConcurrencyLimit;
  private readonly perMinute: TokenBucket;
  private readonly perDay: TokenBucket | null;
  /**
   * Least budget worth starting an attempt with: a request that got its slot or token only at the
   * end of its budget would be cut off at once, spending a request of the plan for nothing.
   */
  private readonly minAttemptMs: number;
  /** Until when the upstream asked everyone to wait (Retry-After). */
  private upstreamHoldUntil = Number.NEGATIVE_INFINITY;
  /** The latest "host name not found" and until when it answers for every call. */
  private hostNotFound: { readonly error: MarketDataError; readonly until: number } | null = null;
  private readonly counters: ResilientProviderStats = { requests: 0, retries: 0, rateLimitWaits: 0 };

  constructor(
    private readonly inner: HistoryProvider,
    private readonly options: ResilientProviderOptions,
  ) {
    const { limits } = options;
    this.name = inner.name;
    this.label = options.label ?? inner.name;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    if (!(this.policy.maxAttempts >= 1)) throw new RangeError(`maxAttempts must be at least 1, got ${this.policy.maxAttempts}`);
    this.minAttemptMs = Math.min(1000, this.policy.budgetMs / 10);
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    const now = (): number => this.clock.now();
    this.slots = new ConcurrencyLimit(limits.concurrency);
    this.perMinute = new TokenBucket({
      capacity: options.burst ?? limits.concurrency,
      refillPerMs: limits.requestsPerMinute / MS_PER_MINUTE,
      now,
    });
    this.perDay =
      limits.requestsPerDay === null
        ? null
        : new TokenBucket({ capacity: limits.requestsPerDay, refillPerMs: limits.requestsPerDay / MS_PER_DAY, now });
  }

  stats(): ResilientProviderStats {
    return { ...this.counters };
  }

  /** Read by HistoryStore for its `retries` counter. */
  retryCount(): number {
    return this.counters.retries;
  }

  async fetchHistory(symbol: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    const call = new CallBudget(this.clock, this.policy.budgetMs, request.signal);
    try {
      return await this.withRetries(symbol, request.since, call);
    } finally {
      call.end();
    }
  }

  private async withRetries(symbol: Ticker, since: number | undefined, call: CallBudget): Promise<DailySeries> {
    let lastFailure: MarketDataError | null = null;
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        return await this.attempt(symbol, since, call, lastFailure);
      } catch (error) {
        if (error instanceof GiveUp) throw error.error;
        failure = error;
      }
      if (call.stopped) throw this.stoppedError(symbol, call, lastFailure ?? asMarketError(failure));
      if (!isRetryable(failure)) throw failure;
      const delay = retryDelayMs(failure, attempt, this.policy, this.random);
      // Even after the last attempt: the next callers should not hit a wall the upstream announced.
      if (failure.retryAfterSeconds !== null) this.holdEveryone(delay);
      if (attempt >= this.policy.maxAttempts) throw failure;
      lastFailure = failure;
      if (delay + this.minAttemptMs > call.remainingMs()) {
        throw failure.kind === "rate-limited" && failure.retryAfterSeconds !== null ? this.rateLimitedError(symbol, delay) : failure;
      }
      this.counters.retries++;
      if (failure.kind === "rate-limited") this.counters.rateLimitWaits++;
      await call.sleep(delay);
      if (call.stopped) throw this.stoppedError(symbol, call, failure);
    }
  }

  /**
   * One call to the provider within the budget: a token first (its wait is known at once, so an
   * overlong one is refused before queueing), then a slot, then the request.
   */
  private async attempt(
    symbol: Ticker,
    since: number | undefined,
    call: CallBudget,
    lastFailure: MarketDataError | null,
  ): Promise<DailySeries> {
    this.failFastIfHostNotFound(symbol);
    await this.takeToken(symbol, call, lastFailure);
    const release = await this.slots.acquire(call.signal);
    if (release === null && !call.expired) throw new GiveUp(this.stoppedError(symbol, call, lastFailure));
    if (release === null || call.remainingMs() < this.minAttemptMs) {
      release?.();
      throw new GiveUp(this.queueError(symbol, call));
    }
    try {
      // Calls that queued for a slot while another learned the host is not found end here.
      this.failFastIfHostNotFound(symbol);
      this.counters.requests++;
      const work = new Promise<DailySeries>((resolve) => resolve(this.inner.fetchHistory(symbol, { signal: call.signal, since })));
      return await call.race(work);
    } catch (error) {
      if (error instanceof MarketDataError && error.hostNotFound) this.rememberHostNotFound(error);
      throw error;
    } finally {
      release();
    }
  }

  private rememberHostNotFound(error: MarketDataError): void {
    const memoryMs = this.options.hostNotFoundMemoryMs ?? DEFAULT_HOST_NOT_FOUND_MEMORY_MS;
    if (memoryMs > 0) this.hostNotFound = { error, until: this.clock.now() + memoryMs };
  }

  /** Ends the request with the remembered "host name not found", worded for `symbol`, while it is recent. */
  private failFastIfHostNotFound(symbol: Ticker): void {
    const known = this.hostNotFound;
    if (known === null || this.clock.now() >= known.until) return;
    const { error } = known;
    // The same words as if this call had asked DNS itself: "Could not reach Yahoo for QQQ: host name not found …".
    const message = error.symbol === null ? error.message : error.message.replace(` for ${error.symbol}`, ` for ${symbol}`);
    throw new GiveUp(new MarketDataError(error.kind, message, symbol, null, { hostNotFound: true }));
  }

  private async takeToken(symbol: Ticker, call: CallBudget, lastFailure: MarketDataError | null): Promise<void> {
    const remaining = call.remainingMs() - this.minAttemptMs;
    const dayWait = this.perDay?.waitMs() ?? 0;
    if (dayWait > remaining) throw new GiveUp(this.dailyQuotaError(symbol, dayWait));
    const minuteWait = this.perMinute.waitMs();
    if (minuteWait > remaining) {
      const held = this.upstreamHoldUntil > this.clock.now();
      throw new GiveUp(held ? this.rateLimitedError(symbol, minuteWait) : this.perMinuteError(symbol, minuteWait));
    }
    this.perMinute.reserve();
    this.perDay?.reserve();
    const wait = Math.max(dayWait, minuteWait);
    if (wait <= 0) return;
    this.counters.rateLimitWaits++;
    await call.sleep(wait);
    if (call.stopped) {
      this.perMinute.refund();
      this.perDay?.refund();
      throw new GiveUp(this.stoppedError(symbol, call, lastFailure));
    }
  }

  /** Retry-After applies to the whole provider, not just the request that was told. */
  private holdEveryone(delayMs: number): void {
    const until = this.clock.now() + delayMs;
    this.upstreamHoldUntil = Math.max(this.upstreamHoldUntil, until);
    this.perMinute.holdUntil(until);
  }

  private get planText(): string {
    return this.options.plan === undefined ? "" : ` on the ${this.options.plan} plan`;
  }

  private perMinuteError(symbol: Ticker, waitMs: number): MarketDataError {
    const n = this.options.limits.requestsPerMinute;
    return new MarketDataError(
      "rate-limited",
      `${this.label} allows ${n} ${plural(n, "request")} a minute${this.planText}; try again in ${formatWait(waitMs)}`,
      symbol,
      Math.ceil(waitMs / 1000),
    );
  }

  private dailyQuotaError(symbol: Ticker, waitMs: number): MarketDataError {
    const n = this.options.limits.requestsPerDay ?? 0;
    return new MarketDataError(
      "plan-limit",
      `${this.label} allows ${n} ${plural(n, "request")} a day${this.planText} and they are used up; try again in ${formatWait(waitMs)}`,
      symbol,
      Math.ceil(waitMs / 1000),
    );
  }

  private rateLimitedError(symbol: Ticker, waitMs: number): MarketDataError {
    return new MarketDataError(
      "rate-limited",
      `${this.label} is rate-limiting requests (it asked to wait before the next one); try again in ${formatWait(waitMs)}`,
      symbol,
      Math.ceil(waitMs / 1000),
    );
  }

  private queueError(symbol: Ticker, call: CallBudget): MarketDataError {
    const n = this.options.limits.concurrency;
    return new MarketDataError(
      "rate-limited",
      `Too many requests are waiting for ${this.label} (${n} at a time${this.planText}); gave up on ${symbol} after ${formatWait(call.budgetMs)}, try again shortly`,
      symbol,
    );
  }

  private stoppedError(symbol: Ticker, call: CallBudget, lastFailure: MarketDataError | null): MarketDataError {
    if (!call.expired) return new MarketDataError("unavailable", `The request to ${this.label} for ${symbol} was cancelled`, symbol);
    const last = lastFailure === null ? "" : ` (last error: ${lastFailure.message})`;
    return new MarketDataError(
      "unavailable",
      `${this.label} did not answer for ${symbol} within the ${formatWait(call.budgetMs)} time limit${last}`,
      symbol,
    );
  }
}

function asMarketError(error: unknown): MarketDataError | null {
  return error instanceof MarketDataError ? error : null;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** A provider wrapped with the published free-plan limits of its service. */
export function withPlanLimits(
  service: LimitedService,
  provider: HistoryProvider,
  overrides: Partial<ResilientProviderOptions> = {},
): ResilientProvider {
  return new ResilientProvider(provider, { limits: service.freePlanLimits, label: service.label, plan: "free", ...overrides });
}
