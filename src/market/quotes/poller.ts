import { MarketDataError, messageOf } from "../core";
import type { LiveQuote, QuoteOutcome, QuoteProvider, Ticker, TradingDay } from "../core";
import { isMarketErrorKind, relayErrorBodyOf } from "../relay";
import { systemClock } from "../resilience";
import type { Clock, PlanLimits } from "../resilience";
import { LocalQuoteCoordinator } from "./coordination";
import type { QuoteCoordinator, QuotePollResult } from "./coordination";
import { isFinalQuoteError, quoteChanged } from "./protocol";
import type { QuoteStreamStatus, QuoteTickerError, UpstreamState } from "./protocol";
import { RateCounter } from "./rate-counter";
import { effectiveQuoteIntervalMs, lastSettledClose, marketPhase, nextQuotePoll, usTradingDayOf } from "./schedule";
import type { QuotePoll } from "./schedule";

/** After the close, before the poll of closing prices (plus the delay the provider states for its quotes). */
export const DEFAULT_AFTER_CLOSE_DELAY_MS = 60_000;
/** The most of a provider's stated delay added to that wait. */
const MAX_STATED_DELAY_MINUTES = 30;
/** The loop looks at the clock at least this often (a clock that jumps, an interval that changes). */
const MAX_SLEEP_MS = 5 * 60_000;
/** Newly watched tickers arriving this close together share the requests of their first quotes (real time). */
const FIRST_QUOTE_GATHER_MS = 20;
/** A first-quote claim lasts this long (another instance's fetch of it is on its way meanwhile). */
const FIRST_QUOTE_CLAIM_MS = 60_000;
/** An after-close claim outlives any clock difference between instances. */
const AFTER_CLOSE_CLAIM_MS = 12 * 3_600_000;
/** Quotes kept of tickers nobody watches any more (for the next subscriber), least recently used out first. */
const MAX_KEPT_QUOTES = 10_000;
/** A ticker answered unknown is not asked again for this long, however often it is subscribed. */
const FINAL_ERROR_MEMORY_MS = 24 * 3_600_000;

export interface QuotePollerOptions {
  /** `{provider}:{key id}`: what the coordinator shares between instances. */
  readonly scope: string;
  readonly provider: QuoteProvider;
  /** Regular-hours interval, the setting (ms). */
  readonly intervalMs: number;
  /** The plan of the key polling (its windows set the shortest interval); null: no limits known. */
  readonly limits?: PlanLimits | null;
  readonly coordinator?: QuoteCoordinator;
  /** The market's time (tests inject one); the schedule and every time in results and status. */
  readonly clock?: Clock;
  readonly afterCloseDelayMs?: number;
  /** Aborts every upstream call (the server shutting down). */
  readonly signal?: AbortSignal;
  readonly log?: (message: string) => void;
}

/** What changed with a result: quotes and errors to push, and whether the status did. */
export interface QuoteUpdate {
  readonly quotes: readonly LiveQuote[];
  readonly errors: readonly QuoteTickerError[];
  readonly statusChanged: boolean;
}

export interface QuotePollerStats {
  /** Tickers this instance's clients watch. */
  readonly tickersWatched: number;
  /** Tickers any instance's clients watch (at the last poll), null before one. */
  readonly sharedTickersWatched: number | null;
  /** Quotes that changed in the last minute. */
  readonly quotesPerMinute: number;
  /** Upstream requests for this scope in the last minute, by any instance. */
  readonly upstreamPollsPerMinute: number;
  /** Of those, by this instance. */
  readonly ownPollsPerMinute: number;
  /** Upstream requests by this instance since it started. */
  readonly upstreamPolls: number;
  readonly lastPollAt: number | null;
  readonly nextPollAt: number | null;
  readonly intervalSeconds: number;
  /** Slots skipped because the previous poll was still running. */
  readonly skippedPolls: number;
  readonly finalErrors: number;
}

function isMarketDataError(value: unknown): value is MarketDataError {
  if (value instanceof MarketDataError) return true;
  const e = value as { name?: unknown; kind?: unknown } | null;
  return typeof e === "object" && e !== null && e.name === "MarketDataError" && isMarketErrorKind(e.kind);
}

function asMarketError(error: unknown): MarketDataError {
  return isMarketDataError(error) ? error : new MarketDataError("unavailable", `The quote request failed: ${messageOf(error)}`);
}

function tickerError(symbol: string, error: MarketDataError): QuoteTickerError {
  return { symbol, ...relayErrorBodyOf(error, error.message), final: isFinalQuoteError(error) };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The live quotes of one scope (a provider and a key) for one server instance: the tickers its clients
 * watch, polled on the US market's schedule (see schedule.ts) in batches of the provider's
 * quotesPerRequest, never faster than half the key's plan allows, each ticker once per interval for
 * every client. Only changed quotes are passed on; a ticker answered unknown is passed on once and
 * not polled again. A newly watched ticker gets the last quote known (here, or from another instance),
 * and one upstream quote when none is current and no poll is near (before the open, after the close).
 *
 * With a shared coordinator (Redis), one instance polls each slot for what any instance's clients
 * watch and every instance receives the results.
 */
export class QuotePoller {
  readonly scope: string;
  private readonly provider: QuoteProvider;
  private readonly coordinator: QuoteCoordinator;
  private readonly clock: Clock;
  private readonly configuredIntervalMs: number;
  private readonly limits: PlanLimits | null;
  private readonly baseAfterCloseDelayMs: number;
  private readonly log: (message: string) => void;
  private readonly stopper = new AbortController();
  /** One per upstream request in flight, aborted by stop() (one signal per request: a shared one would gather a listener per batch). */
  private readonly inFlight = new Set<AbortController>();
  private readonly wanted = new Set<Ticker>();
  private readonly quotes = new Map<Ticker, LiveQuote>();
  private readonly finals = new Map<Ticker, { readonly error: QuoteTickerError; readonly at: number }>();
  private readonly transient = new Map<Ticker, QuoteTickerError>();
  private readonly listeners = new Set<(update: QuoteUpdate) => void>();
  private readonly polls = new RateCounter();
  private readonly ownPolls = new RateCounter();
  private readonly changes = new RateCounter();
  private firstQueue = new Set<Ticker>();
  private firstTimer: ReturnType<typeof setTimeout> | null = null;
  private keyRefusal: { readonly error: MarketDataError; readonly at: number } | null = null;
  private upstream: UpstreamState = { ok: true };
  private lastPhase: string | null = null;
  private afterCloseOwed: TradingDay | null = null;
  private next: QuotePoll | null = null;
  private lastPollAt: number | null = null;
  private sharedWatched: number | null = null;
  private statedDelayMinutes = 0;
  private polling = false;
  private skipped = 0;
  private started = false;
  private stopped = false;

  constructor(options: QuotePollerOptions) {
    this.scope = options.scope;
    this.provider = options.provider;
    this.coordinator = options.coordinator ?? new LocalQuoteCoordinator();
    this.clock = options.clock ?? systemClock;
    this.configuredIntervalMs = options.intervalMs;
    this.limits = options.limits ?? null;
    this.baseAfterCloseDelayMs = options.afterCloseDelayMs ?? DEFAULT_AFTER_CLOSE_DELAY_MS;
    this.log = options.log ?? (() => undefined);
    if (options.signal?.aborted) this.stopper.abort();
    options.signal?.addEventListener("abort", () => this.stop(), { once: true });
  }

  /** Starts the schedule (and hearing other instances' results). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.coordinator.join(this.scope, (result) => this.apply(result));
    void this.loop().catch((error: unknown) => this.log(`live quotes for ${this.scope} stopped polling: ${messageOf(error)}`));
  }

  /** Stops polling; what this instance watched is withdrawn from the shared set. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.stopper.abort();
    for (const request of this.inFlight) request.abort();
    if (this.firstTimer !== null) clearTimeout(this.firstTimer);
    this.coordinator.leave(this.scope);
    const watched = [...this.wanted];
    this.wanted.clear();
    if (watched.length > 0) void this.coordinator.retract(this.scope, watched).catch(() => undefined);
  }

  onUpdate(listener: (update: QuoteUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** This instance's clients now watch `tickers` (each once: the hub counts its streams). */
  want(tickers: readonly Ticker[]): void {
    if (this.stopped) return;
    const added: Ticker[] = [];
    const refused: QuoteTickerError[] = [];
    const now = this.clock.now();
    for (const ticker of tickers) {
      if (this.wanted.has(ticker)) continue;
      this.wanted.add(ticker);
      const final = this.finals.get(ticker);
      if (final !== undefined && now - final.at >= FINAL_ERROR_MEMORY_MS) this.finals.delete(ticker);
      if (this.finals.has(ticker)) continue;
      if (this.keyRefusal !== null) {
        const error = tickerError(ticker, new MarketDataError("invalid-key", this.keyRefusal.error.message, ticker));
        this.finals.set(ticker, { error, at: now });
        refused.push(error);
        continue;
      }
      added.push(ticker);
    }
    if (refused.length > 0) this.emit({ quotes: [], errors: refused, statusChanged: false });
    if (added.length === 0) return;
    void this.coordinator.announce(this.scope, added).catch(() => undefined);
    void this.prime(added).catch((error: unknown) => this.log(`first quotes for ${this.scope} failed: ${messageOf(error)}`));
  }

  /** No client of this instance watches `tickers` any more. */
  unwant(tickers: readonly Ticker[]): void {
    const removed = tickers.filter((ticker) => this.wanted.delete(ticker));
    for (const ticker of removed) {
      this.firstQueue.delete(ticker);
      this.transient.delete(ticker);
    }
    if (removed.length > 0 && !this.stopped) void this.coordinator.retract(this.scope, removed).catch(() => undefined);
  }

  get watchedCount(): number {
    return this.wanted.size;
  }

  lastQuote(ticker: Ticker): LiveQuote | undefined {
    return this.quotes.get(ticker);
  }

  /** The error a ticker was answered with for good (unknown…), if any. */
  finalError(ticker: Ticker): QuoteTickerError | undefined {
    return this.finals.get(ticker)?.error;
  }

  /** The last per-ticker error that did not stop polling, until a quote replaces it. */
  transientError(ticker: Ticker): QuoteTickerError | undefined {
    return this.transient.get(ticker);
  }

  status(): QuoteStreamStatus {
    const now = this.clock.now();
    return {
      phase: marketPhase(now, this.afterCloseOwed),
      intervalSeconds: this.intervalMs() / 1000,
      configuredIntervalSeconds: this.configuredIntervalMs / 1000,
      nextPollAt: this.wanted.size > 0 && this.next !== null ? this.next.at : null,
      lastPollAt: this.lastPollAt,
      upstream: this.upstream,
      shared: this.coordinator.shared,
    };
  }

  stats(): QuotePollerStats {
    const now = this.clock.now();
    return {
      tickersWatched: this.wanted.size,
      sharedTickersWatched: this.sharedWatched,
      quotesPerMinute: this.changes.perMinute(now),
      upstreamPollsPerMinute: this.polls.perMinute(now),
      ownPollsPerMinute: this.ownPolls.perMinute(now),
      upstreamPolls: this.ownPolls.count,
      lastPollAt: this.lastPollAt,
      nextPollAt: this.wanted.size > 0 && this.next !== null ? this.next.at : null,
      intervalSeconds: this.intervalMs() / 1000,
      skippedPolls: this.skipped,
      finalErrors: this.finals.size,
    };
  }

  /** The interval in use: the setting, or longer where the plan needs it for the batches a poll takes. */
  intervalMs(): number {
    const tickers = Math.max(this.wanted.size, this.sharedWatched ?? 0);
    // A provider that charges per ticker spends a plan request on each one, however they are batched.
    const requests = this.provider.costPerTicker === true ? tickers : Math.ceil(tickers / this.batchSize());
    return effectiveQuoteIntervalMs(this.configuredIntervalMs, this.limits, requests);
  }

  private batchSize(): number {
    return Math.max(1, Math.floor(this.provider.quotesPerRequest));
  }

  private afterCloseDelayMs(): number {
    return this.baseAfterCloseDelayMs + Math.min(MAX_STATED_DELAY_MINUTES, this.statedDelayMinutes) * 60_000;
  }

  private async loop(): Promise<void> {
    let from = this.clock.now();
    while (!this.stopped) {
      const poll = nextQuotePoll(from, {
        intervalMs: this.intervalMs(),
        afterCloseDelayMs: this.afterCloseDelayMs(),
        afterCloseOwed: this.afterCloseOwed,
      });
      this.next = poll;
      const wait = poll.at - this.clock.now();
      if (wait > 0) {
        await this.clock.sleep(Math.min(wait, MAX_SLEEP_MS), this.stopper.signal);
        if (this.stopped) return;
        if (this.clock.now() < poll.at) {
          from = this.clock.now();
          continue;
        }
      }
      from = poll.at + 1;
      void this.poll(poll);
    }
  }

  /** One scheduled poll: what anyone watches, if this instance wins the slot. */
  private async poll(poll: QuotePoll): Promise<void> {
    this.afterCloseOwed = poll.kind === "regular" ? poll.day : null;
    if (this.polling) {
      this.skipped++;
      return;
    }
    this.polling = true;
    try {
      const own = [...this.wanted].filter((ticker) => !this.finals.has(ticker));
      const watched = (await this.coordinator.watched(this.scope, own)).filter((ticker) => !this.finals.has(ticker));
      this.sharedWatched = watched.length;
      if (watched.length === 0 || this.stopped) return;
      const claim = poll.kind === "regular" ? `slot:${poll.at}` : `close:${poll.day}`;
      const ttl = poll.kind === "regular" ? Math.max(2 * this.intervalMs(), 60_000) : AFTER_CLOSE_CLAIM_MS;
      if (!(await this.coordinator.claim(this.scope, claim, ttl))) return;
      await this.fetch(watched.sort(), poll.kind);
    } catch (error) {
      this.log(`live quotes for ${this.scope}: poll failed: ${messageOf(error)}`);
    } finally {
      this.polling = false;
    }
  }

  private async fetch(tickers: readonly Ticker[], kind: QuotePollResult["kind"]): Promise<void> {
    await Promise.all(chunks(tickers, this.batchSize()).map((batch) => this.fetchBatch(batch, kind)));
  }

  private async fetchBatch(batch: readonly Ticker[], kind: QuotePollResult["kind"]): Promise<void> {
    if (this.stopped) return;
    const at = this.clock.now();
    this.ownPolls.add(at);
    let outcomes: ReadonlyMap<Ticker, QuoteOutcome>;
    const request = new AbortController();
    this.inFlight.add(request);
    try {
      outcomes = await this.provider.fetchQuotes(batch, { signal: request.signal });
    } catch (error) {
      if (this.stopped) return;
      const failure = asMarketError(error);
      // A refused key is final for every ticker of the scope: no more polls with it. A plan that lacks
      // the endpoint (plan-limit without a retry time) is final for the batch's tickers, not a poll an interval.
      const final = failure.kind === "invalid-key" || (failure.kind === "plan-limit" && failure.retryAfterSeconds === null);
      const errors = final ? batch.map((ticker) => tickerError(ticker, failure)) : [];
      if (failure.kind === "invalid-key") this.keyRefusal = { error: failure, at };
      await this.deliver({
        origin: this.coordinator.instanceId,
        at,
        kind,
        requests: 1,
        tickers: batch,
        quotes: [],
        errors,
        failure: relayErrorBodyOf(failure, failure.message),
      });
      return;
    } finally {
      this.inFlight.delete(request);
    }
    if (this.stopped) return;
    const quotes: LiveQuote[] = [];
    const errors: QuoteTickerError[] = [];
    for (const ticker of batch) {
      const outcome = outcomes.get(ticker);
      if (outcome === undefined) {
        // Not an answer about the ticker (the provider should say unknown-symbol): asked again next time.
        const missing = new MarketDataError("no-data", `${this.provider.name} sent no quote for ${ticker}`, ticker);
        errors.push({ ...tickerError(ticker, missing), final: false });
      } else if (isMarketDataError(outcome)) {
        errors.push(tickerError(ticker, outcome));
      } else {
        quotes.push(outcome.symbol === ticker ? outcome : { ...outcome, symbol: ticker });
      }
    }
    await this.deliver({ origin: this.coordinator.instanceId, at, kind, requests: 1, tickers: batch, quotes, errors, failure: null });
  }

  /**
   * Applies an own result here first (the lowest latency), then sends it to the other instances:
   * of a regular poll only the quotes that changed, of the others all (they refresh what later
   * subscribers are given as current).
   */
  private async deliver(result: QuotePollResult): Promise<void> {
    const changed = result.quotes.filter((quote) => quoteChanged(this.quotes.get(quote.symbol as Ticker), quote));
    this.apply(result);
    if (!this.coordinator.shared) return;
    const shared = result.kind === "regular" ? { ...result, quotes: changed } : result;
    await this.coordinator.publish(this.scope, shared).catch((error: unknown) => this.log(`publishing quotes failed: ${messageOf(error)}`));
  }

  /** A result, own or another instance's (or recalled from the shared store, with no requests). */
  private apply(result: QuotePollResult): void {
    if (this.stopped) return;
    if (result.requests > 0) {
      this.polls.add(result.at, result.requests);
      this.lastPollAt = Math.max(this.lastPollAt ?? Number.NEGATIVE_INFINITY, result.at);
      if (result.kind === "regular") this.afterCloseOwed = usTradingDayOf(result.at);
      else if (result.kind === "after-close" && this.afterCloseOwed === usTradingDayOf(result.at)) this.afterCloseOwed = null;
    }
    const changed: LiveQuote[] = [];
    for (const quote of result.quotes) {
      const ticker = quote.symbol as Ticker;
      if (quoteChanged(this.quotes.get(ticker), quote)) changed.push(quote);
      this.keep(ticker, quote);
      this.transient.delete(ticker);
      if (quote.delayMinutes !== null && quote.delayMinutes > this.statedDelayMinutes) this.statedDelayMinutes = quote.delayMinutes;
    }
    const errors: QuoteTickerError[] = [];
    const nowFinal: Ticker[] = [];
    for (const error of result.errors) {
      const ticker = error.symbol as Ticker;
      if (error.final) {
        if (this.finals.has(ticker)) continue;
        this.finals.set(ticker, { error, at: this.clock.now() });
        this.transient.delete(ticker);
        this.firstQueue.delete(ticker);
        if (this.wanted.has(ticker)) nowFinal.push(ticker);
        errors.push(error);
      } else {
        const before = this.transient.get(ticker);
        if (before !== undefined && before.error === error.error && before.message === error.message) continue;
        this.transient.set(ticker, error);
        errors.push(error);
      }
    }
    if (nowFinal.length > 0) void this.coordinator.retract(this.scope, nowFinal).catch(() => undefined);
    let statusChanged = false;
    if (result.requests > 0) {
      const upstream: UpstreamState = result.failure === null ? { ok: true } : { ok: false, at: result.at, ...result.failure };
      statusChanged = upstream.ok !== this.upstream.ok || (!upstream.ok && !this.upstream.ok && upstream.message !== this.upstream.message);
      this.upstream = upstream;
      const phase = marketPhase(this.clock.now(), this.afterCloseOwed);
      if (phase !== this.lastPhase) statusChanged = true;
      this.lastPhase = phase;
    }
    if (changed.length > 0) this.changes.add(this.clock.now(), changed.length);
    if (changed.length > 0 || errors.length > 0 || statusChanged) this.emit({ quotes: changed, errors, statusChanged });
  }

  private emit(update: QuoteUpdate): void {
    for (const listener of this.listeners) listener(update);
  }

  private keep(ticker: Ticker, quote: LiveQuote): void {
    this.quotes.delete(ticker);
    this.quotes.set(ticker, quote);
    if (this.quotes.size <= MAX_KEPT_QUOTES) return;
    for (const old of this.quotes.keys()) {
      if (this.quotes.size <= MAX_KEPT_QUOTES) break;
      if (!this.wanted.has(old)) this.quotes.delete(old);
    }
  }

  /**
   * Newly watched tickers: the last quotes and final errors other instances published, then one
   * upstream quote for those without a current one when no poll comes within an interval.
   */
  private async prime(tickers: readonly Ticker[]): Promise<void> {
    const unknown = tickers.filter((ticker) => !this.quotes.has(ticker) && !this.finals.has(ticker));
    if (unknown.length > 0 && this.coordinator.shared) {
      const known = await this.coordinator.recall(this.scope, unknown);
      if (known.quotes.size > 0 || known.errors.size > 0) {
        this.apply({
          origin: "recalled",
          at: this.clock.now(),
          kind: "first",
          requests: 0,
          tickers: [],
          quotes: [...known.quotes.values()],
          errors: [...known.errors.values()],
          failure: null,
        });
      }
    }
    if (this.stopped) return;
    const now = this.clock.now();
    const interval = this.intervalMs();
    const next = nextQuotePoll(now, {
      intervalMs: interval,
      afterCloseDelayMs: this.afterCloseDelayMs(),
      afterCloseOwed: this.afterCloseOwed,
    });
    if (next.at - now <= interval) return; // a poll comes soon enough
    const settled = lastSettledClose(now, this.afterCloseDelayMs());
    for (const ticker of tickers) {
      if (!this.wanted.has(ticker) || this.finals.has(ticker)) continue;
      const fetchedAt = this.quotes.get(ticker)?.fetchedAt ?? Number.NEGATIVE_INFINITY;
      if (fetchedAt < settled) this.firstQueue.add(ticker);
    }
    if (this.firstQueue.size > 0 && this.firstTimer === null) {
      this.firstTimer = setTimeout(() => {
        this.firstTimer = null;
        void this.fetchFirst(settled).catch((error: unknown) => this.log(`first quotes for ${this.scope} failed: ${messageOf(error)}`));
      }, FIRST_QUOTE_GATHER_MS);
    }
  }

  private async fetchFirst(settled: number): Promise<void> {
    const queued = [...this.firstQueue].filter((ticker) => this.wanted.has(ticker) && !this.finals.has(ticker));
    this.firstQueue = new Set();
    if (queued.length === 0 || this.stopped) return;
    const claims = await Promise.all(
      queued.map((ticker) => this.coordinator.claim(this.scope, `first:${ticker}:${settled}`, FIRST_QUOTE_CLAIM_MS)),
    );
    const mine = queued.filter((_, i) => claims[i]).sort();
    if (mine.length > 0) await this.fetch(mine, "first");
  }
}
