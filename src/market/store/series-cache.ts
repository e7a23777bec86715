import { DailySeries } from "../core";

/**
 * A durable place to keep fetched histories beyond one session's memory: IndexedDB in the
 * add-in, Redis on a team server. The history store keeps its in-memory map in front of it
 * and decides freshness from `DailySeries.fetchedAt`; a cache only stores and returns.
 * Implementations never reject: a failing cache behaves as a miss (get → null, set → no-op),
 * because losing the cache must never lose an answer.
 */
export interface SeriesCache {
  /** `key` is `${provider}:${symbol}`, symbol normalized. */
  get(key: string): Promise<DailySeries | null>;
  set(key: string, series: DailySeries): Promise<void>;
  delete(key: string): Promise<void>;
  clear(): Promise<void>;
}

export function seriesCacheKey(provider: string, symbol: string): string {
  return `${provider}:${symbol}`;
}
