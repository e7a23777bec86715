import { MarketDataError } from "../core";
import type { EarningsHistory, Ticker, TickerSnapshot } from "../core";
import { FailureLog, FailureReason } from "./failure-log";
import { FailureMemory, settleWithin, toMarketError } from "./failure-memory";
import type { HistoryStoreStats } from "./history-store";
import { staleAt } from "./market-clock";
import { PersistentCache, seriesCacheKey } from "./series-cache";
import { ByteBudgetMemory } from "./series-memory";
import { recordBytes } from "./snapshot-json";

/** What the snapshot store keeps per ticker: a snapshot or an earnings history. */
export type ValuationRecord = TickerSnapshot | EarningsHistory;

/** A record kept in memory, and when the next get asks upstream instead of answering it. */
export interface HeldRecord {
  readonly value: ValuationRecord;
  recheckAt: number;
}

/** Memory budget of a snapshot store built without one: ~1 KB a snapshot, so tens of thousands. */
export const DEFAULT_VALUATION_MEMORY_BYTES = 16 * 1024 * 1024;

/** Snapshots and earnings histories in memory within a byte budget; several stores may share one (the server's). */
export class ValuationMemory extends ByteBudgetMemory<HeldRecord> {
  constructor(budgetBytes: number = DEFAULT_VALUATION_MEMORY_BYTES, sizeOf: (value: ValuationRecord) => number = recordBytes) {
    super(budgetBytes, (held) => sizeOf(held.value));
  }
}

/** The upstream call for some tickers: an outcome per ticker, or a rejection for the whole request. */
export type FetchRecords<T> = (
  tickers: readonly Ticker[],
  apiKey: string | null,
  signal: AbortSignal | undefined,
) => Promise<ReadonlyMap<Ticker, T | MarketDataError>>;

export interface DailyRecordsOptions<T> {
  /** Provider name: the persistent cache's key space, and messages. */
  readonly provider: string;
  /** What one record is, for messages: "snapshot", "earnings history". */
  readonly what: string;
  readonly fetch: FetchRecords<T>;
  /** Most tickers one upstream request carries. */
  readonly perRequest: number;
  /** How long calls are collected before their upstream requests go out (0: at the next turn of the event loop). */
  readonly windowMs: number;
  readonly cache: PersistentCache<T> | null;
  readonly memory: ValuationMemory;
  readonly now: () => number;
  readonly settleMs: number;
  readonly recheckAfterMs: number;
  readonly cacheTimeoutMs: number;
  readonly failureMemoryMs: number;
  readonly signal: AbortSignal | undefined;
}

interface Waiter<T> {
  resolve(value: T): void;
  reject(error: MarketDataError): void;
}

/** Tickers waiting for their upstream request, per key (an analyst's key pays only for its own calls). */
interface Queue<T> {
  readonly apiKey: string | null;
  readonly waiting: Map<Ticker, Waiter<T>[]>;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * One kind of per-ticker daily record (snapshots, or earnings histories) with HistoryStore's
 * guarantees: kept until the market clock's next US close plus settle delay (one upstream request per
 * ticker per day), memory then the persistent cache then the provider, concurrent gets of a ticker
 * sharing one request, an older copy answering (marked `staleBecause`) when a refresh fails, a failure
 * with no copy remembered briefly. What HistoryStore does not need: the tickers asked for within
 * `windowMs` of each other go upstream together, `perRequest` to a request.
 */
export class DailyRecords<T extends ValuationRecord> {
  private readonly scope: string;
  private readonly failed: FailureMemory;
  private readonly failures = new FailureLog();
  private readonly inFlight = new Map<Ticker, Promise<T>>();
  private readonly queues = new Map<string, Queue<T>>();
  private readonly pendingWrites = new Set<Promise<void>>();
  readonly counters = { requests: 0, cacheHits: 0, coalesced: 0, errors: 0, retries: 0, staleAnswers: 0, persistentHits: 0 };
  /** Copies fetched before this instant are refetched (refresh()). */
  private refreshedAt = Number.NEGATIVE_INFINITY;
  /** Bumped by clear(), so a request started before it does not refill memory. */
  private generation = 0;

  constructor(private readonly options: DailyRecordsOptions<T>) {
    this.scope = options.memory.newScope();
    this.failed = new FailureMemory(options.now, options.failureMemoryMs);
  }

  get(ticker: Ticker, apiKey: string | null): Promise<T> {
    const held = this.options.memory.get(this.scope + ticker);
    if (held !== undefined && this.options.now() < held.recheckAt) {
      this.counters.cacheHits++;
      if (held.value.staleBecause !== undefined) this.counters.staleAnswers++;
      return Promise.resolve(held.value as T);
    }
    const pending = this.inFlight.get(ticker);
    if (pending !== undefined) {
      this.counters.coalesced++;
      return this.countingStale(pending);
    }
    if (held === undefined) {
      const failure = this.failed.recent(ticker, apiKey);
      if (failure !== null) return Promise.reject(failure);
    }
    const request = this.refreshOrFallBack(ticker, (held?.value as T | undefined) ?? null, apiKey, this.generation).finally(() => {
      if (this.inFlight.get(ticker) === request) this.inFlight.delete(ticker);
    });
    this.inFlight.set(ticker, request);
    return this.countingStale(request);
  }

  recentFailures(): FailureReason[] {
    return this.failures.reasons();
  }

  forgetRefusals(): number {
    return this.failed.forgetRefusals();
  }

  refresh(): void {
    this.refreshedAt = this.options.now();
    for (const held of this.options.memory.heldIn(this.scope)) held.recheckAt = Number.NEGATIVE_INFINITY;
    this.failed.clear();
  }

  clear(): void {
    this.refresh();
    this.options.memory.deleteScope(this.scope);
    this.inFlight.clear();
    this.generation++;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }

  private async refreshOrFallBack(ticker: Ticker, held: T | null, apiKey: string | null, generation: number): Promise<T> {
    const { cache, now, settleMs, recheckAfterMs } = this.options;
    let base = held;
    if (cache !== null) {
      // Even with a copy in memory: another session or server instance may have fetched it today.
      const stored = await settleWithin(() => cache.get(this.cacheKey(ticker)), this.options.cacheTimeoutMs, null);
      if (stored !== null && this.isFresh(stored)) {
        this.counters.persistentHits++;
        this.remember(ticker, stored, staleAt(stored.fetchedAt, settleMs), generation);
        return stored;
      }
      if (stored !== null && (base === null || stored.fetchedAt > base.fetchedAt)) base = stored;
    }
    try {
      const value = await this.upstream(ticker, apiKey);
      this.remember(ticker, value, Math.max(staleAt(value.fetchedAt, settleMs), now() + recheckAfterMs), generation);
      if (value.staleBecause === undefined && cache !== null) this.write(cache, ticker, value);
      return value;
    } catch (error) {
      const failure = toMarketError(error, ticker, this.options.provider);
      this.counters.errors++;
      this.failures.record(failure.kind, failure.message, failure.symbol ?? ticker, now());
      if (base === null) {
        if (generation === this.generation && this.options.signal?.aborted !== true) this.failed.remember(ticker, apiKey, failure);
        throw failure;
      }
      const stale = { ...base, staleBecause: failure.message };
      this.remember(ticker, stale, now() + recheckAfterMs, generation);
      return stale;
    }
  }

  /** Queues `ticker` for the next upstream request of its key; the request goes when full or when the window closes. */
  private upstream(ticker: Ticker, apiKey: string | null): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = apiKey ?? "";
      let queue = this.queues.get(id);
      if (queue === undefined) {
        queue = { apiKey, waiting: new Map(), timer: null };
        this.queues.set(id, queue);
      }
      const waiters = queue.waiting.get(ticker);
      if (waiters === undefined) queue.waiting.set(ticker, [{ resolve, reject }]);
      else waiters.push({ resolve, reject });
      if (queue.waiting.size >= this.options.perRequest) this.send(id);
      else queue.timer ??= setTimeout(() => this.send(id), this.options.windowMs);
    });
  }

  private send(id: string): void {
    const queue = this.queues.get(id);
    if (queue === undefined) return;
    this.queues.delete(id);
    if (queue.timer !== null) clearTimeout(queue.timer);
    const tickers = [...queue.waiting.keys()];
    for (let i = 0; i < tickers.length; i += this.options.perRequest) {
      void this.request(tickers.slice(i, i + this.options.perRequest), queue);
    }
  }

  private async request(tickers: readonly Ticker[], queue: Queue<T>): Promise<void> {
    const { provider, what } = this.options;
    this.counters.requests++;
    let outcomes: ReadonlyMap<Ticker, T | MarketDataError>;
    try {
      outcomes = await this.options.fetch(tickers, queue.apiKey, this.options.signal);
    } catch (error) {
      for (const ticker of tickers) settle(queue.waiting.get(ticker)!, forTicker(toMarketError(error, ticker, provider), ticker));
      return;
    }
    for (const ticker of tickers) {
      const outcome = outcomes.get(ticker);
      settle(
        queue.waiting.get(ticker)!,
        outcome === undefined
          ? new MarketDataError("bad-response", `${provider} sent no ${what} for ${ticker}`, ticker)
          : outcome instanceof Error
            ? forTicker(toMarketError(outcome, ticker, provider), ticker)
            : outcome,
      );
    }
  }

  private cacheKey(ticker: Ticker): string {
    return seriesCacheKey(this.options.provider, ticker);
  }

  private isFresh(value: T): boolean {
    const { now, settleMs } = this.options;
    return value.staleBecause === undefined && value.fetchedAt >= this.refreshedAt && now() < staleAt(value.fetchedAt, settleMs);
  }

  private remember(ticker: Ticker, value: T, recheckAt: number, generation: number): void {
    if (generation === this.generation) this.options.memory.set(this.scope + ticker, { value, recheckAt });
  }

  private countingStale(answer: Promise<T>): Promise<T> {
    return answer.then((value) => {
      if (value.staleBecause !== undefined) this.counters.staleAnswers++;
      return value;
    });
  }

  private write(cache: PersistentCache<T>, ticker: Ticker, value: T): void {
    const write = settleWithin(() => cache.set(this.cacheKey(ticker), value), this.options.cacheTimeoutMs, undefined).then(
      () => void this.pendingWrites.delete(write),
    );
    this.pendingWrites.add(write);
  }
}

function settle<T>(waiters: readonly Waiter<T>[], outcome: T | MarketDataError): void {
  for (const waiter of waiters) {
    if (outcome instanceof MarketDataError) waiter.reject(outcome);
    else waiter.resolve(outcome);
  }
}

/** A failure of a request carrying several tickers, as this ticker's (the failure log names tickers). */
function forTicker(error: MarketDataError, ticker: Ticker): MarketDataError {
  if (error.symbol === ticker) return error;
  return new MarketDataError(error.kind, error.message, ticker, error.retryAfterSeconds, { hostNotFound: error.hostNotFound });
}

/** Counters of several stores (or kinds) added up. */
export function addStats(...all: readonly HistoryStoreStats[]): HistoryStoreStats {
  const sum: HistoryStoreStats = { requests: 0, cacheHits: 0, coalesced: 0, errors: 0, retries: 0, staleAnswers: 0, persistentHits: 0 };
  for (const stats of all) for (const key of Object.keys(sum) as (keyof HistoryStoreStats)[]) sum[key] += stats[key];
  return sum;
}
