import type { DailySeries } from "../core";

/**
 * A durable place to keep what the stores fetched beyond one session's memory: IndexedDB in the
 * add-in, Redis on a team server, files for the command line. The stores keep their in-memory maps in
 * front of it and decide freshness from the value's `fetchedAt`; a cache only stores and returns.
 * Implementations never reject: a failing cache behaves as a miss (get → null, set → no-op),
 * because losing the cache must never lose an answer.
 */
export interface PersistentCache<T> {
  /** `key` is `${provider}:${symbol}`, symbol normalized (seriesCacheKey). */
  get(key: string): Promise<T | null>;
  set(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

/** Daily histories (HistoryStore). */
export type SeriesCache = PersistentCache<DailySeries>;

/** The key of `symbol` from `provider` in any PersistentCache (each kind of value has its own cache). */
export function seriesCacheKey(provider: string, symbol: string): string {
  return `${provider}:${symbol}`;
}
