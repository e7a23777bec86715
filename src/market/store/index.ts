/**
 * Histories and valuation data kept once per ticker: the session's memory, a persistent cache behind
 * it (IndexedDB in store/browser, Redis and disk in store/node), freshness from the market clock, tail
 * fetches merged in, snapshot calls batched.
 */
export { DEFAULT_CACHE_TIMEOUT_MS, DEFAULT_FAILURE_MEMORY_MS, DEFAULT_RECHECK_AFTER_MS, HistoryStore } from "./history-store";
export { ByteBudgetMemory, DEFAULT_MEMORY_BYTES, SeriesMemory, seriesBytes } from "./series-memory";
export type { HeldSeries } from "./series-memory";
export type { HistoryGetOptions, HistoryStoreOptions, HistoryStoreStats } from "./history-store";
export { MAX_FAILURE_REASONS, MAX_REASON_TICKERS, mergeFailureReasons, reasonOf, TICKER_PLACEHOLDER } from "./failure-log";
export type { FailureReason } from "./failure-log";
export { seriesCacheKey } from "./series-cache";
export type { PersistentCache, SeriesCache } from "./series-cache";
export { ADJUSTED_CLOSE_TOLERANCE, mergeTail, TAIL_OVERLAP_BARS, tailSince } from "./tail-merge";
export type { TailMerge } from "./tail-merge";
export { DEFAULT_SETTLE_MS, isStale, staleAt, US_MARKET_TIME_ZONE } from "./market-clock";
export { formatStats } from "./format-stats";
export { addStats, DEFAULT_VALUATION_MEMORY_BYTES, ValuationMemory } from "./daily-records";
export type { HeldRecord, ValuationRecord } from "./daily-records";
export { DEFAULT_SNAPSHOT_WINDOW_MS, SnapshotStore } from "./snapshot-store";
export type { SnapshotStoreOptions, SnapshotStoreStats } from "./snapshot-store";
export { MarketStores } from "./market-stores";
export type { MarketStats } from "./market-stores";
export { isUnofferedSnapshotProvider, snapshotProviderOf, unofferedSnapshotProvider } from "./snapshot-providers";
export { earningsFromJson, recordBytes, snapshotFromJson } from "./snapshot-json";
