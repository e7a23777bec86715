import { CallBudget } from "./call-budget";
import { Clock, systemClock } from "./clock";
import { planWording } from "./gate-wording";
import { Admission, Binding, GateOutcome, GateTicket, LimitGate } from "./limit-gate";
import { rateWindows } from "./plan-limits";
import type { LimitedService, PlanLimits } from "./plan-limits";
import { planPhrase } from "./plan-settings";
import type { QuotaCounter, QuotaScope } from "./quota-counter";
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, RetryPolicy } from "./retry-policy";
import { DailySeries, HistoryProvider, HistoryRequest, MarketDataError, Ticker } from "../core";
import { formatWait } from "./wait-text";

/** How long one "host name not found" answers for every call to the provider without asking again. */
export const DEFAULT_HOST_NOT_FOUND_MEMORY_MS = 5_000;

/** A request waiting for a plan's limit (the CLI shows these). */
export interface LimitWait {
  readonly symbol: Ticker;
  /** When its turn is expected (ms since 1970). */
  readonly untilMs: number;
  /** What it waits for: "Alpha Vantage's 5-a-minute limit". */
  readonly reason: string;
}

export interface ResilientProviderOptions {
  readonly limits: PlanLimits;
  /** For messages: "Alpha Vantage". Default: the wrapped provider's name. */
  readonly label?: string;
  /**
   * Whose limits these are, for messages: "free" gives "… on the free plan", null "… on the
   * configured plan" (numbers set explicitly); absent, the plan is not named.
   */
  readonly plan?: string | null;
  /** Limits shared with other providers or keys (the server's per-provider and per-host ceilings), applied after this plan's. */
  readonly sharedGates?: readonly LimitGate[];
  /**
   * The gate that hears the upstream's Retry-After and 429s (holds and backoffs): default this plan's
   * own; the server passes its per-provider ceiling so they apply to every key. One of the gates.
   */
  readonly signalGate?: LimitGate;
  /** Where the daily quota (limits.perDay) is counted and for whom; default this process alone. */
  readonly quota?: { readonly counter: QuotaCounter; readonly scope: QuotaScope };
  /** Longest a request waits for the limits (default: all of its time budget that leaves room for the call). */
  readonly maxWaitMs?: number;
  /** Told when a request starts waiting for a limit. */
  readonly onWait?: (wait: LimitWait) => void;
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
  /** Times a request waited because of a rate limit: for a token, as the upstream asked, or for the daily quota. */
  rateLimitWaits: number;
}

/** How `run` sends one upstream request. */
export interface RunOptions {
  /** The caller's cancellation. */
  readonly signal?: AbortSignal;
  /**
   * Requests of the plan this one counts as, 1 by default: a provider that meters in credits charges
   * some endpoints more (Twelve Data's /statistics weighs 50). It takes that many of every window's
   * requests and of the day's; one that weighs more than a window holds is refused at once (plan-limit).
   */
  readonly cost?: number;
}

/** Thrown inside an attempt to end the whole request without retrying. */
class GiveUp {
  constructor(readonly error: MarketDataError) {}
}

/** One request: its time budget, and until when it may wait for limits. */
interface Call {
  readonly budget: CallBudget;
  readonly waitUntil: number;
}

/**
 * Wraps a provider with its plan's limits (a LimitGate: a bucket per window, the concurrency, the
 * upstream's Retry-After and 429 backoff, the daily quota) and any shared ones, plus retries with
 * backoff for outages. Requests wait their turn first come, first served while it fits their
 * budget; a request whose turn is further away is refused at once with a message saying, in the
 * plan's own unit, when to try again. Every request settles within its time budget.
 */
export class ResilientProvider implements HistoryProvider {
  readonly name: string;
  private readonly label: string;
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly own: LimitGate;
  private readonly gates: readonly LimitGate[];
  private readonly signalGate: LimitGate;
  private readonly maxWaitMs: number;
  /**
   * Least budget worth starting an attempt with: a request that got its slot or token only at the
   * end of its budget would be cut off at once, spending a request of the plan for nothing.
   */
  private readonly minAttemptMs: number;
  /** The latest "host name not found" and until when it answers for every call. */
  private hostNotFound: { readonly error: MarketDataError; readonly until: number } | null = null;
  private readonly counters: ResilientProviderStats = { requests: 0, retries: 0, rateLimitWaits: 0 };

  constructor(
    private readonly inner: HistoryProvider,
    private readonly options: ResilientProviderOptions,
  ) {
    this.name = inner.name;
    this.label = options.label ?? inner.name;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    if (!(this.policy.maxAttempts >= 1)) throw new RangeError(`maxAttempts must be at least 1, got ${this.policy.maxAttempts}`);
    this.minAttemptMs = Math.min(1000, this.policy.budgetMs / 10);
    this.maxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    const phrase = options.plan === undefined ? "" : planPhrase(options.plan);
    this.own = new LimitGate({
      limits: options.limits,
      wording: planWording(this.label, phrase),
      clock: this.clock,
      random: this.random,
      backoffBaseMs: this.policy.baseDelayMs,
      backoffMaxMs: this.policy.maxDelayMs,
      quota: options.quota,
    });
    this.gates = [this.own, ...(options.sharedGates ?? [])];
    this.signalGate = options.signalGate ?? this.own;
    if (!this.gates.includes(this.signalGate)) throw new RangeError("signalGate must be one of the provider's gates");
  }

  stats(): ResilientProviderStats {
    return { ...this.counters };
  }

  /** Read by HistoryStore for its `retries` counter. */
  retryCount(): number {
    return this.counters.retries;
  }

  /** The wrapped provider's own check (see HistoryProvider.checkTicker). */
  checkTicker(symbol: Ticker): void {
    this.inner.checkTicker?.(symbol);
  }

  fetchHistory(symbol: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    // A ticker the provider refuses without asking (^GSPC on Tiingo) is refused before it takes a
    // turn, a token or a day's request: it would spend the plan on a request never sent.
    try {
      this.checkTicker(symbol);
    } catch (error) {
      return Promise.reject(error);
    }
    const since = request.since;
    return this.run(symbol, (signal) => this.inner.fetchHistory(symbol, { signal, since }), { signal: request.signal });
  }

  /**
   * Runs `work`, one upstream request for `symbol`, within this provider's limits, retries and time
   * budget, exactly as fetchHistory runs a history request: its turn at every gate, a slot, the day's
   * quota, at most `maxAttempts` tries, everything within the budget. `work` gets the budget's signal
   * and rejects with MarketDataError. Snapshot and earnings requests of the same provider and key go
   * through here (ProviderOptions.limiter), so they share the histories' queue and counts. `symbol`
   * names the request in messages and waits (a batch's first ticker).
   */
  async run<T>(symbol: Ticker, work: (signal: AbortSignal) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const cost = options.cost ?? 1;
    if (!Number.isInteger(cost) || cost < 1) throw new RangeError(`cost must be a whole number of at least 1, got ${cost}`);
    this.refuseBeyondWindows(symbol, cost);
    const budget = new CallBudget(this.clock, this.policy.budgetMs, options.signal);
    try {
      return await this.withRetries(symbol, work, cost, { budget, waitUntil: this.clock.now() + this.maxWaitMs });
    } finally {
      budget.end();
    }
  }

  /** A request weighing more than a window of some gate holds can never go: plan-limit, before it waits. */
  private refuseBeyondWindows(symbol: Ticker, cost: number): void {
    if (cost === 1) return;
    for (const gate of this.gates) {
      for (const { unit, requests } of rateWindows(gate.limits)) {
        if (cost <= requests) continue;
        throw new MarketDataError(
          "plan-limit",
          `${gate.wording.window(unit, requests)}, and this request for ${symbol} counts as ${cost}: the plan does not cover it`,
          symbol,
        );
      }
    }
  }

  private async withRetries<T>(symbol: Ticker, work: (signal: AbortSignal) => Promise<T>, cost: number, call: Call): Promise<T> {
    let lastFailure: MarketDataError | null = null;
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        return await this.attempt(symbol, work, cost, call, lastFailure);
      } catch (error) {
        if (error instanceof GiveUp) throw error.error;
        failure = error;
      }
      if (call.budget.stopped) throw this.stoppedError(symbol, call.budget, lastFailure ?? asMarketError(failure));
      if (!isRetryable(failure)) throw failure;
      if (attempt >= this.policy.maxAttempts) throw failure;
      lastFailure = failure;
      // A 429 put the whole provider on hold (Retry-After) or into a backoff: the next attempt waits
      // for it at the gate with everyone else, or is refused there when that is beyond the budget.
      if (failure.kind === "rate-limited") continue;
      const delay = retryDelayMs(failure, attempt, this.policy, this.random);
      if (delay + this.minAttemptMs > call.budget.remainingMs()) throw failure;
      await call.budget.sleep(delay);
      if (call.budget.stopped) throw this.stoppedError(symbol, call.budget, failure);
    }
  }

  /** How much longer this request may wait for limits. */
  private waitAllowance(call: Call): number {
    return Math.max(0, Math.min(call.budget.remainingMs() - this.minAttemptMs, call.waitUntil - this.clock.now()));
  }

  /**
   * One call to the provider within the budget: its turn at every gate and a slot at each, the
   * daily quota, then the request.
   */
  private async attempt<T>(
    symbol: Ticker,
    work: (signal: AbortSignal) => Promise<T>,
    cost: number,
    call: Call,
    lastFailure: MarketDataError | null,
  ): Promise<T> {
    const budget = call.budget;
    this.failFastIfHostNotFound(symbol);
    const passage = await this.passGates(symbol, cost, call, lastFailure);
    let outcome: GateOutcome = { kind: "other" };
    try {
      for (let taken = 0; taken < cost; taken++) await this.takeDaily(symbol, call, lastFailure);
      // Calls that queued while another learned the host is not found end here.
      this.failFastIfHostNotFound(symbol);
      passage.sent();
      this.counters.requests++;
      if (lastFailure !== null) this.counters.retries++;
      const pending = new Promise<T>((resolve) => resolve(work(budget.signal)));
      try {
        const result = await budget.race(pending);
        outcome = { kind: "success" };
        return result;
      } catch (error) {
        if (error instanceof MarketDataError && error.hostNotFound) this.rememberHostNotFound(error);
        if (error instanceof MarketDataError && error.kind === "rate-limited") {
          const retryAfterMs = error.retryAfterSeconds === null ? null : Math.max(0, error.retryAfterSeconds) * 1000;
          outcome = { kind: "rate-limited", retryAfterMs };
        }
        throw error;
      }
    } finally {
      passage.end(outcome);
    }
  }

  /**
   * The request's turn at every gate (this plan's, then shared ones), then a slot at each. A request
   * let through before the upstream asked everyone to wait (Retry-After, a 429 backoff) and still
   * waiting for a slot then queues again instead of going. Throws GiveUp when it may not wait that long.
   */
  private async passGates(
    symbol: Ticker,
    cost: number,
    call: Call,
    lastFailure: MarketDataError | null,
  ): Promise<{ sent(): void; end(outcome: GateOutcome): void }> {
    const budget = call.budget;
    for (;;) {
      const tickets: { readonly gate: LimitGate; readonly ticket: GateTicket; readonly first: boolean }[] = [];
      const releases: (() => void)[] = [];
      const end = (outcome: GateOutcome): void => {
        for (const release of releases) release();
        // The upstream's answer is heard once per request, however many of the plan's requests it counts as.
        for (const { gate, ticket, first } of tickets) ticket.finish(gate === this.signalGate && first ? outcome : { kind: "other" });
      };
      try {
        for (const gate of this.gates) {
          const started = this.clock.now();
          const onWait = this.options.onWait;
          // A request counting as several takes that many turns, one after the other, so each window gives it that many tokens.
          for (let turn = 0; turn < cost; turn++) {
            const admission = await gate.admit({
              signal: budget.signal,
              maxWaitMs: this.waitAllowance(call),
              onWait: onWait && ((wait) => onWait({ symbol, untilMs: wait.untilMs, reason: this.reasonOf(gate, wait.binding) })),
            });
            if (!admission.ok) throw new GiveUp(this.refusalError(symbol, gate, admission, budget, lastFailure));
            tickets.push({ gate, ticket: admission.ticket, first: turn === 0 });
          }
          if (this.clock.now() > started) this.counters.rateLimitWaits++;
        }
        for (const gate of this.gates) {
          const release = await gate.slots.acquire(budget.signal);
          if (release === null && !budget.expired) throw new GiveUp(this.stoppedError(symbol, budget, lastFailure));
          if (release === null || budget.remainingMs() < this.minAttemptMs) {
            release?.();
            throw new GiveUp(this.queueError(symbol, budget, gate));
          }
          releases.push(release);
        }
      } catch (error) {
        end({ kind: "other" });
        throw error;
      }
      if (tickets.every(({ ticket }) => ticket.clear())) {
        return { sent: () => tickets.forEach(({ ticket }) => ticket.sent()), end };
      }
      end({ kind: "other" });
    }
  }

  /** Counts the request against the daily quota; waits for the next day only when that fits the request's wait. */
  private async takeDaily(symbol: Ticker, call: Call, lastFailure: MarketDataError | null): Promise<void> {
    for (;;) {
      const taken = await call.budget.race(this.own.takeDaily());
      if (taken.ok) return;
      if (taken.waitMs > this.waitAllowance(call)) {
        throw new GiveUp(this.refusalError(symbol, this.own, { waitMs: taken.waitMs, binding: { kind: "day", requests: taken.requests } }));
      }
      this.counters.rateLimitWaits++;
      await call.budget.sleep(taken.waitMs);
      if (call.budget.stopped) throw new GiveUp(this.stoppedError(symbol, call.budget, lastFailure));
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

  /** What a request waiting at `gate` waits for, for people: "Alpha Vantage's 5-a-minute limit". */
  private reasonOf(gate: LimitGate, binding: Binding): string {
    switch (binding.kind) {
      case "window":
        return gate.wording.limitName(binding.unit, binding.requests);
      case "day":
        return gate.wording.limitName("day", binding.requests);
      case "hold":
        return `${this.label}, which asked to wait (Retry-After)`;
      case "backoff":
        return `${this.label}, which is rate-limiting requests`;
    }
  }

  /** A request that may not wait for its turn at `gate` that long, worded in the limit's own unit. */
  private refusalError(
    symbol: Ticker,
    gate: LimitGate,
    refusal: Pick<Extract<Admission, { ok: false }>, "waitMs" | "binding"> & { readonly stopped?: boolean },
    budget?: CallBudget,
    lastFailure: MarketDataError | null = null,
  ): MarketDataError {
    if (refusal.stopped === true && budget !== undefined && !budget.expired) return this.stoppedError(symbol, budget, lastFailure);
    const { waitMs, binding } = refusal;
    const again = `try again in ${formatWait(waitMs)}`;
    const seconds = Math.max(1, Math.ceil(waitMs / 1000));
    switch (binding.kind) {
      case "window":
        return new MarketDataError("rate-limited", `${gate.wording.window(binding.unit, binding.requests)}; ${again}`, symbol, seconds);
      case "day":
        return new MarketDataError(
          "plan-limit",
          `${gate.wording.window("day", binding.requests)} and they are used up; ${again}`,
          symbol,
          seconds,
        );
      case "hold":
        return new MarketDataError(
          "rate-limited",
          `${this.label} is rate-limiting requests (it asked to wait before the next one); ${again}`,
          symbol,
          seconds,
        );
      case "backoff":
        return new MarketDataError("rate-limited", `${this.label} is rate-limiting requests (HTTP 429); ${again}`, symbol, seconds);
    }
  }

  private queueError(symbol: Ticker, budget: CallBudget, gate: LimitGate): MarketDataError {
    return new MarketDataError(
      "rate-limited",
      `Too many requests are waiting for ${this.label} (${gate.wording.concurrency(gate.limits.concurrency)}); gave up on ${symbol} after ${formatWait(budget.budgetMs)}, try again shortly`,
      symbol,
    );
  }

  private stoppedError(symbol: Ticker, budget: CallBudget, lastFailure: MarketDataError | null): MarketDataError {
    if (!budget.expired) return new MarketDataError("unavailable", `The request to ${this.label} for ${symbol} was cancelled`, symbol);
    const last = lastFailure === null ? "" : ` (last error: ${lastFailure.message})`;
    return new MarketDataError(
      "unavailable",
      `${this.label} did not answer for ${symbol} within the ${formatWait(budget.budgetMs)} time limit${last}`,
      symbol,
    );
  }
}

function asMarketError(error: unknown): MarketDataError | null {
  return error instanceof MarketDataError ? error : null;
}

/** A provider wrapped with the published free-plan limits of its service. */
export function withPlanLimits(
  service: LimitedService,
  provider: HistoryProvider,
  overrides: Partial<ResilientProviderOptions> = {},
): ResilientProvider {
  return new ResilientProvider(provider, { limits: service.plans.tiers.free, label: service.label, plan: "free", ...overrides });
}
