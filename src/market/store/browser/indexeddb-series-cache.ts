import { clear, createStore, del, get, set, UseStore } from "idb-keyval";
import { SeriesCache } from "..";
import { DailySeries, seriesFromJson, seriesToJson } from "../../core";

export const SERIES_DB_NAME = "rotation-desk";
export const SERIES_STORE_NAME = "series";

export interface IndexedDbSeriesCacheOptions {
  /** An idb-keyval store; default createStore("rotation-desk", "series") on first use. */
  readonly store?: UseStore;
}

/**
 * Histories kept in the browser's IndexedDB (the add-in's webview), as SeriesJson, so reopening a
 * workbook recalculates from disk. Never rejects: without IndexedDB, or when it fails (quota,
 * private mode, a blocked upgrade), reads are misses and writes are dropped.
 */
export class IndexedDbSeriesCache implements SeriesCache {
  private store: UseStore | null;

  constructor(options: IndexedDbSeriesCacheOptions = {}) {
    this.store = options.store ?? null;
  }

  async get(key: string): Promise<DailySeries | null> {
    try {
      const value: unknown = await get(key, this.useStore());
      return value === undefined ? null : seriesFromJson(value);
    } catch {
      return null; // unreadable or from an older format: a miss, overwritten by the next fetch
    }
  }

  async set(key: string, series: DailySeries): Promise<void> {
    try {
      await set(key, seriesToJson(series), this.useStore());
    } catch {
      // Dropped: the series is still in the session's memory.
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await del(key, this.useStore());
    } catch {
      // Nothing to undo.
    }
  }

  async clear(): Promise<void> {
    try {
      await clear(this.useStore());
    } catch {
      // Nothing to undo.
    }
  }

  /** Created lazily: idb-keyval opens the database on first use, and only where IndexedDB exists. */
  private useStore(): UseStore {
    this.store ??= createStore(SERIES_DB_NAME, SERIES_STORE_NAME);
    return this.store;
  }
}
