import { isProviderName, MarketDataError, providerLabel } from "../core";
import type { EarningsHistory, SnapshotProvider, SnapshotRequest, Ticker, TickerSnapshot } from "../core";
import { addStats, DailyRecords, DailyRecordsOptions, ValuationMemory } from "./daily-records";
import { retriesOf } from "./failure-memory";
import { DEFAULT_CACHE_TIMEOUT_MS, DEFAULT_FAILURE_MEMORY_MS, DEFAULT_RECHECK_AFTER_MS } from "./history-store";
import type { HistoryGetOptions, HistoryStoreStats } from "./history-store";
import { FailureReason, mergeFailureReasons } from "./failure-log";
import { isUnofferedSnapshotProvider } from "./snapshot-providers";
import { DEFAULT_SETTLE_MS } from "./market-clock";
import type { PersistentCache } from "./series-cache";

/**
 * How long the store collects snapshot calls before asking upstream: the calls of one recalculation
 * arrive within a few milliseconds (each after its own cache lookup), and go out together.
 */
export const DEFAULT_SNAPSHOT_WINDOW_MS = 5;

export interface SnapshotStoreOptions {
  /** Durable copies of snapshots behind memory (Redis, IndexedDB, disk); also the fallback when a refresh fails. */
  readonly snapshotCache?: PersistentCache<TickerSnapshot>;
  /** The same for earnings histories. */
  readonly earningsCache?: PersistentCache<EarningsHistory>;
  readonly now?: () => number;
  /** Delay after the US close before a copy counts as stale (see market-clock); as HistoryStore. */
  readonly settleMs?: number;
  /** Least time between upstream requests for one ticker after a failed refresh, or a fetch that came back old; as HistoryStore. */
  readonly recheckAfterMs?: number;
  /** Longest wait for a persistent cache before treating it as a miss. */
  readonly cacheTimeoutMs?: number;
  /** How long a failure with no copy answers that ticker's gets (refusals: until their retry time); as HistoryStore. */
  readonly failureMemoryMs?: number;
  /** How long snapshot calls are collected before they go upstream together (default DEFAULT_SNAPSHOT_WINDOW_MS). */
  readonly batchWindowMs?: number;
  /** The memory to keep records in, shared with other stores (the server's); default: its own of `memoryBytes`. */
  readonly memory?: ValuationMemory;
  /** Byte budget of the store's own memory when `memory` is not given (default DEFAULT_VALUATION_MEMORY_BYTES). */
  readonly memoryBytes?: number;
  /** Aborts every upstream call (the server shutting down). Failures it causes are not remembered. */
  readonly signal?: AbortSignal;
  /**
   * Whether stats() reports the provider's retries (default true). False when the provider is the
   * history store's too (createDirectProvider's serves both, one set of retries): counted there once.
   */
  readonly countRetries?: boolean;
}

/** The counters of each kind of record. */
export interface SnapshotStoreStats {
  readonly snapshots: HistoryStoreStats;
  readonly earnings: HistoryStoreStats;
}

/**
 * Valuation data by ticker, fetched once per ticker per day, with HistoryStore's guarantees (see
 * DailyRecords): snapshots batched into requests of the provider's `snapshotsPerRequest` tickers
 * (the calls made within `batchWindowMs`), earnings histories one request per ticker. The analyst's
 * key travels as for histories: a call that goes upstream carries its key, and calls with different
 * keys never share a request. Both kinds share one memory and one set of counters for the data status.
 */
export class SnapshotStore {
  readonly providerName: string;
  private readonly snapshots: DailyRecords<TickerSnapshot>;
  private readonly earningsRecords: DailyRecords<EarningsHistory> | null;
  private readonly memory: ValuationMemory;
  private readonly countRetries: boolean;

  constructor(
    private readonly provider: SnapshotProvider,
    options: SnapshotStoreOptions = {},
  ) {
    this.providerName = provider.name;
    this.memory = options.memory ?? new ValuationMemory(options.memoryBytes);
    this.countRetries = options.countRetries ?? true;
    const common = {
      provider: provider.name,
      memory: this.memory,
      now: options.now ?? Date.now,
      settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
      recheckAfterMs: options.recheckAfterMs ?? DEFAULT_RECHECK_AFTER_MS,
      cacheTimeoutMs: options.cacheTimeoutMs ?? DEFAULT_CACHE_TIMEOUT_MS,
      failureMemoryMs: options.failureMemoryMs ?? DEFAULT_FAILURE_MEMORY_MS,
      signal: options.signal,
    } satisfies Partial<DailyRecordsOptions<TickerSnapshot>>;
    this.snapshots = new DailyRecords<TickerSnapshot>({
      ...common,
      what: "snapshot",
      fetch: (tickers, apiKey, signal) => provider.fetchSnapshots(tickers, requestOf(apiKey, signal)),
      perRequest: Math.max(1, Math.floor(provider.snapshotsPerRequest) || 1),
      windowMs: options.batchWindowMs ?? DEFAULT_SNAPSHOT_WINDOW_MS,
      cache: options.snapshotCache ?? null,
    });
    const fetchEarnings = provider.fetchEarnings?.bind(provider);
    this.earningsRecords =
      fetchEarnings === undefined
        ? null
        : new DailyRecords<EarningsHistory>({
            ...common,
            what: "earnings history",
            fetch: async ([ticker], apiKey, signal) => new Map([[ticker, await fetchEarnings(ticker, requestOf(apiKey, signal))]]),
            perRequest: 1,
            windowMs: 0,
            cache: options.earningsCache ?? null,
          });
  }

  /** Whether the provider has quarterly earnings histories at all. */
  get offersEarnings(): boolean {
    return this.earningsRecords !== null;
  }

  /** Whether the provider has valuation snapshots at all (see unofferedSnapshotProvider). */
  get offersSnapshots(): boolean {
    return !isUnofferedSnapshotProvider(this.provider);
  }

  /** The snapshot of `ticker`; rejects with MarketDataError. `apiKey` as for HistoryStore.get. */
  snapshot(ticker: Ticker, options: HistoryGetOptions = {}): Promise<TickerSnapshot> {
    if (!this.offersSnapshots) return Promise.reject(this.notOffered("valuation snapshots", ticker));
    return this.snapshots.get(ticker, options.apiKey ?? null);
  }

  /** The quarterly EPS history of `ticker`; rejects with MarketDataError (also when the provider has none). */
  earnings(ticker: Ticker, options: HistoryGetOptions = {}): Promise<EarningsHistory> {
    if (this.earningsRecords === null) {
      const why = this.provider.earningsUnavailable;
      return Promise.reject(
        why === undefined ? this.notOffered("quarterly earnings histories", ticker) : new MarketDataError("unavailable", why, ticker),
      );
    }
    return this.earningsRecords.get(ticker, options.apiKey ?? null);
  }

  /** Both kinds' counters added up (the data status); retries are the provider's. */
  stats(): HistoryStoreStats {
    const { snapshots, earnings } = this.statsByKind();
    return addStats(snapshots, earnings);
  }

  statsByKind(): SnapshotStoreStats {
    const none = { requests: 0, cacheHits: 0, coalesced: 0, errors: 0, retries: 0, staleAnswers: 0, persistentHits: 0 };
    return {
      snapshots: { ...this.snapshots.counters, retries: this.countRetries ? retriesOf(this.provider) : 0 },
      earnings: this.earningsRecords === null ? none : { ...this.earningsRecords.counters },
    };
  }

  /** Why refreshes failed, both kinds together (see HistoryStore.recentFailures). */
  recentFailures(): FailureReason[] {
    return mergeFailureReasons(this.snapshots.recentFailures(), this.earningsRecords?.recentFailures() ?? []);
  }

  /** "Retry now": forgets remembered refusals (see HistoryStore.forgetRefusals). */
  forgetRefusals(): number {
    return this.snapshots.forgetRefusals() + (this.earningsRecords?.forgetRefusals() ?? 0);
  }

  /** "Refresh data": the next get of each ticker asks the provider; copies still answer if that fails. */
  refresh(): void {
    this.snapshots.refresh();
    this.earningsRecords?.refresh();
  }

  /** refresh(), and forget this session's copies (persistent ones stay); counters are kept. */
  clear(): void {
    this.snapshots.clear();
    this.earningsRecords?.clear();
  }

  /** Resolves when every write to the persistent caches started so far has finished (or timed out). */
  async flush(): Promise<void> {
    await Promise.all([this.snapshots.flush(), this.earningsRecords?.flush()]);
  }

  private notOffered(what: string, ticker: Ticker): MarketDataError {
    const name = isProviderName(this.providerName) ? providerLabel(this.providerName) : this.providerName;
    return new MarketDataError("unavailable", `${name} offers no ${what} (asked for ${ticker})`, ticker);
  }

  /** Bytes this store's memory holds (shared memory: every store's), and its budget. */
  memoryUsage(): { bytes: number; budgetBytes: number; records: number } {
    return { bytes: this.memory.bytes(), budgetBytes: this.memory.budgetBytes, records: this.memory.count() };
  }
}

function requestOf(apiKey: string | null, signal: AbortSignal | undefined): SnapshotRequest {
  return { ...(apiKey === null ? {} : { apiKey }), ...(signal === undefined ? {} : { signal }) };
}
