import { DailySeries, HistoryProvider, HistoryRequest } from "../core";
import { FailureLog, FailureReason } from "./failure-log";
import { FailureMemory, retriesOf, settleWithin, toMarketError } from "./failure-memory";
import { DEFAULT_SETTLE_MS, staleAt } from "./market-clock";
import { SeriesCache, seriesCacheKey } from "./series-cache";
import { DEFAULT_MEMORY_BYTES, HeldSeries, SeriesMemory } from "./series-memory";
import type { Ticker } from "../core";
import { mergeTail, tailSince } from "./tail-merge";

export interface HistoryStoreStats {
  /** Calls made to the provider (a tail fetch and the full refetch after it count as two). */
  requests: number;
  /** Gets answered from the session's memory. */
  cacheHits: number;
  /** Gets that joined a request already in flight for the same symbol. */
  coalesced: number;
  /** Refreshes that failed (the provider rejected). */
  errors: number;
  /** Retries made by the provider (when it reports them, as ResilientProvider does). */
  retries: number;
  /** Answers that were an older copy because a refresh failed (`staleBecause` set). */
  staleAnswers: number;
  /** Gets answered from the persistent cache (IndexedDB, Redis) without asking the provider. */
  persistentHits: number;
}

export interface HistoryStoreOptions {
  /** Durable copies behind the session's memory; also the fallback when the provider fails. */
  readonly cache?: SeriesCache;
  readonly now?: () => number;
  /** The provider honours HistoryRequest.since, so a stale copy fetches only its missing tail. */
  readonly supportsSince?: boolean;
  /** Delay after the US close before a history counts as stale (see market-clock). */
  readonly settleMs?: number;
  /**
   * Least time between upstream requests for one symbol: after a failed refresh (the stale copy
   * answers meanwhile) and after a fetch that came back already old (a relay's cached copy), so a
   * sheet with thousands of cells cannot turn one failure into thousands of requests.
   */
  readonly recheckAfterMs?: number;
  /** Longest wait for the persistent cache before treating it as a miss (IndexedDB can hang). */
  readonly cacheTimeoutMs?: number;
  /**
   * How long a failure with no copy to fall back on answers every get of that symbol (and key)
   * without asking the provider again (default 30 s, below `recheckAfterMs`): a sheet or a batch
   * asking again and again for a symbol that just failed costs one upstream attempt, not one each.
   * A refusal that says when it could be served (rate-limited or plan-limit with retryAfterSeconds)
   * is remembered exactly until then instead, however short or long that is; 0 remembers nothing.
   */
  readonly failureMemoryMs?: number;
  /** The memory to keep histories in, shared with other stores (the server's); default: its own of `memoryBytes`. */
  readonly memory?: SeriesMemory;
  /** Byte budget of the store's own memory when `memory` is not given (default DEFAULT_MEMORY_BYTES). */
  readonly memoryBytes?: number;
  /** Aborts every upstream call, in flight or to come (the server shutting down). Failures it causes are not remembered. */
  readonly signal?: AbortSignal;
}

export interface HistoryGetOptions {
  /** The analyst's own provider key (server relay); absent or null: the provider's configured key. */
  readonly apiKey?: string | null;
}

export const DEFAULT_RECHECK_AFTER_MS = 60_000;
export const DEFAULT_CACHE_TIMEOUT_MS = 2_000;
export const DEFAULT_FAILURE_MEMORY_MS = 30_000;

/**
 * Daily histories by symbol, fetched once and kept until the market clock says a newer bar is out.
 * Lookup order: memory (within a byte budget, least recently used out first), then the persistent
 * cache, then the provider. Concurrent gets of one symbol share one upstream request. When a refresh
 * fails, an older copy (memory or persistent) answers, marked `staleBecause`; with no copy the
 * failure is the answer, and answers that symbol's gets for `failureMemoryMs`.
 */
export class HistoryStore {
  readonly providerName: string;
  private readonly memory: SeriesMemory;
  /** This store's key space in `memory` (which other stores may share). */
  private readonly scope: string;
  /** Recent failures with no copy to fall back on, by symbol and key. */
  private readonly failed: FailureMemory;
  private readonly inFlight = new Map<string, Promise<DailySeries>>();
  private readonly pendingWrites = new Set<Promise<void>>();
  private readonly counters = { requests: 0, cacheHits: 0, coalesced: 0, errors: 0, staleAnswers: 0, persistentHits: 0 };
  private readonly failures = new FailureLog();
  private readonly cache: SeriesCache | null;
  private readonly now: () => number;
  private readonly supportsSince: boolean;
  private readonly settleMs: number;
  private readonly recheckAfterMs: number;
  private readonly cacheTimeoutMs: number;
  private readonly signal: AbortSignal | undefined;
  /** Copies fetched before this instant are refetched (refresh()). */
  private refreshedAt = Number.NEGATIVE_INFINITY;
  /** Bumped by clear(), so a request started before it does not refill memory. */
  private generation = 0;

  constructor(
    private readonly provider: HistoryProvider,
    options: HistoryStoreOptions = {},
  ) {
    this.providerName = provider.name;
    this.cache = options.cache ?? null;
    this.now = options.now ?? Date.now;
    this.supportsSince = options.supportsSince ?? false;
    this.settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    this.recheckAfterMs = options.recheckAfterMs ?? DEFAULT_RECHECK_AFTER_MS;
    this.cacheTimeoutMs = options.cacheTimeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS;
    this.failed = new FailureMemory(this.now, options.failureMemoryMs ?? DEFAULT_FAILURE_MEMORY_MS);
    this.memory = options.memory ?? new SeriesMemory(options.memoryBytes ?? DEFAULT_MEMORY_BYTES);
    this.scope = this.memory.newScope();
    this.signal = options.signal;
  }

  /**
   * The history of `ticker`. `apiKey` is the analyst's own key, used if (and only if) this get
   * goes upstream; a get that joins one already in flight shares that request and its key.
   */
  get(ticker: Ticker, options: HistoryGetOptions = {}): Promise<DailySeries> {
    const key = ticker;
    const apiKey = options.apiKey ?? null;
    const held = this.memory.get(this.scope + key);
    if (held !== undefined && this.now() < held.recheckAt) {
      this.counters.cacheHits++;
      if (held.series.staleBecause !== undefined) this.counters.staleAnswers++;
      return Promise.resolve(held.series);
    }
    const pending = this.inFlight.get(key);
    if (pending !== undefined) {
      this.counters.coalesced++;
      return this.countingStale(pending);
    }
    if (held === undefined) {
      const failure = this.failed.recent(key, apiKey);
      if (failure !== null) return Promise.reject(failure);
    }
    return this.countingStale(this.load(key, held?.series ?? null, apiKey));
  }

  /** Bytes of histories this store's memory holds (shared memory: every store's), and its budget. */
  memoryUsage(): { bytes: number; budgetBytes: number; histories: number } {
    return { bytes: this.memory.bytes(), budgetBytes: this.memory.budgetBytes, histories: this.memory.count() };
  }

  stats(): HistoryStoreStats {
    return { ...this.counters, retries: retriesOf(this.provider) };
  }

  /**
   * Why refreshes failed: the most recent distinct reasons (at most MAX_FAILURE_REASONS), each
   * with a count and a few tickers, most frequent first. Kept for the store's life, like the
   * counters, so a caller can compare before and after an action to see what it ran into.
   */
  recentFailures(): FailureReason[] {
    return this.failures.reasons();
  }

  /**
   * "Retry now" for refused cells: forgets the remembered refusals (rate-limited, and plan-limit for
   * a used-up day), so the next get of those symbols asks the provider again instead of answering
   * from memory until their retry time. Other remembered failures and every copy stay. Returns how
   * many were forgotten.
   */
  forgetRefusals(): number {
    return this.failed.forgetRefusals();
  }

  /**
   * "Refresh data": the next get of each symbol asks the provider, even for copies the market
   * clock still calls fresh. Copies stay available as the answer if that refresh fails.
   */
  refresh(): void {
    this.refreshedAt = this.now();
    for (const held of this.memory.heldIn(this.scope)) held.recheckAt = Number.NEGATIVE_INFINITY;
    this.failed.clear();
  }

  /**
   * refresh(), and forget this session's copies; counters are kept. Persistent copies stay as the
   * fallback for a failed refresh (and as the base for a tail fetch).
   */
  clear(): void {
    this.refresh();
    this.memory.deleteScope(this.scope);
    this.inFlight.clear();
    this.generation++;
  }

  /** Resolves when every write to the persistent cache started so far has finished (or timed out). */
  async flush(): Promise<void> {
    await Promise.all([...this.pendingWrites]);
  }

  private load(key: Ticker, held: DailySeries | null, apiKey: string | null): Promise<DailySeries> {
    const request = this.refreshOrFallBack(key, held, apiKey, this.generation).finally(() => {
      if (this.inFlight.get(key) === request) this.inFlight.delete(key);
    });
    this.inFlight.set(key, request);
    return request;
  }

  private async refreshOrFallBack(key: Ticker, held: DailySeries | null, apiKey: string | null, generation: number): Promise<DailySeries> {
    let base = held;
    if (this.cache !== null) {
      // Even with a copy in memory: another session or server instance may have refreshed it.
      const stored = await this.readPersistent(key);
      if (stored !== null && this.isFresh(stored)) {
        this.counters.persistentHits++;
        this.remember(key, stored, staleAt(stored.fetchedAt, this.settleMs), generation);
        return stored;
      }
      base = newer(base, stored);
    }
    try {
      const series = await this.fetchUpstream(key, base, apiKey);
      this.remember(key, series, Math.max(staleAt(series.fetchedAt, this.settleMs), this.now() + this.recheckAfterMs), generation);
      if (series.staleBecause === undefined) this.writePersistent(key, series);
      return series;
    } catch (error) {
      const failure = toMarketError(error, key, this.providerName);
      this.counters.errors++;
      this.failures.record(failure.kind, failure.message, failure.symbol ?? key, this.now());
      if (base === null) {
        if (generation === this.generation && this.signal?.aborted !== true) this.failed.remember(key, apiKey, failure);
        throw failure;
      }
      const stale: DailySeries = { ...base, staleBecause: failure.message };
      this.remember(key, stale, this.now() + this.recheckAfterMs, generation);
      return stale;
    }
  }

  /** The missing tail when the provider can ask for one and it joins cleanly; else the full history. */
  private async fetchUpstream(key: Ticker, base: DailySeries | null, apiKey: string | null): Promise<DailySeries> {
    const since = this.supportsSince && base !== null ? tailSince(base) : null;
    const withKey = apiKey === null ? undefined : { apiKey };
    if (base !== null && since !== null) {
      const merge = mergeTail(base, await this.callProvider(key, { since, ...withKey }));
      if (merge.kind === "merged") return merge.series;
      // History was re-adjusted (dividend, split) or the overlap could not be checked.
    }
    return this.callProvider(key, withKey);
  }

  private async callProvider(key: Ticker, request?: HistoryRequest): Promise<DailySeries> {
    this.counters.requests++;
    return this.provider.fetchHistory(key, this.signal === undefined ? request : { ...request, signal: this.signal });
  }

  private isFresh(series: DailySeries): boolean {
    return (
      series.staleBecause === undefined && series.fetchedAt >= this.refreshedAt && this.now() < staleAt(series.fetchedAt, this.settleMs)
    );
  }

  private remember(key: string, series: DailySeries, recheckAt: number, generation: number): void {
    if (generation !== this.generation) return;
    const held: HeldSeries = { series, recheckAt };
    this.memory.set(this.scope + key, held);
  }

  private countingStale(answer: Promise<DailySeries>): Promise<DailySeries> {
    return answer.then((series) => {
      if (series.staleBecause !== undefined) this.counters.staleAnswers++;
      return series;
    });
  }

  /** A cache promises never to reject; a hung or throwing one still only costs a miss. */
  private readPersistent(key: string): Promise<DailySeries | null> {
    const cache = this.cache;
    if (cache === null) return Promise.resolve(null);
    return settleWithin(() => cache.get(seriesCacheKey(this.providerName, key)), this.cacheTimeoutMs, null);
  }

  private writePersistent(key: string, series: DailySeries): void {
    const cache = this.cache;
    if (cache === null) return;
    const write = settleWithin(() => cache.set(seriesCacheKey(this.providerName, key), series), this.cacheTimeoutMs, undefined).then(
      () => void this.pendingWrites.delete(write),
    );
    this.pendingWrites.add(write);
  }
}

function newer(a: DailySeries | null, b: DailySeries | null): DailySeries | null {
  if (a === null || b === null) return a ?? b;
  return b.fetchedAt > a.fetchedAt ? b : a;
}
