import { clear, createStore, del, get, set, UseStore } from "idb-keyval";
import { earningsFromJson, PersistentCache, SeriesCache, snapshotFromJson } from "..";
import { DailySeries, EarningsHistory, seriesFromJson, seriesToJson, TickerSnapshot } from "../../core";

export const SERIES_DB_NAME = "rotation-desk";
export const SERIES_STORE_NAME = "series";
/** Each kind of value has a database of its own: idb-keyval creates one object store per database. */
export const SNAPSHOT_DB_NAME = "rotation-desk-snapshots";
export const SNAPSHOT_STORE_NAME = "snapshots";
export const EARNINGS_DB_NAME = "rotation-desk-earnings";
export const EARNINGS_STORE_NAME = "earnings";

export interface IndexedDbSeriesCacheOptions {
  /** An idb-keyval store; default createStore("rotation-desk", "series") on first use. */
  readonly store?: UseStore;
}

/** Where values of one kind are kept, and how they are stored and read back (reading throws on what it cannot use). */
export interface IndexedDbFormat<T> {
  readonly dbName: string;
  readonly storeName: string;
  toStored(value: T): unknown;
  fromStored(stored: unknown): T;
}

/**
 * Values of one kind kept in the browser's IndexedDB (the add-in's webview), so reopening a workbook
 * recalculates from disk. Never rejects: without IndexedDB, or when it fails (quota, private mode, a
 * blocked upgrade), reads are misses and writes are dropped.
 */
export class IndexedDbCache<T> implements PersistentCache<T> {
  private store: UseStore | null;

  constructor(
    private readonly format: IndexedDbFormat<T>,
    options: IndexedDbSeriesCacheOptions = {},
  ) {
    this.store = options.store ?? null;
  }

  async get(key: string): Promise<T | null> {
    try {
      const value: unknown = await get(key, this.useStore());
      return value === undefined ? null : this.format.fromStored(value);
    } catch {
      return null; // unreadable or from an older format: a miss, overwritten by the next fetch
    }
  }

  async set(key: string, value: T): Promise<void> {
    try {
      await set(key, this.format.toStored(value), this.useStore());
    } catch {
      // Dropped: the value is still in the session's memory.
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
    this.store ??= createStore(this.format.dbName, this.format.storeName);
    return this.store;
  }
}

/** Histories as SeriesJson in the "rotation-desk" database (see IndexedDbCache). */
export class IndexedDbSeriesCache extends IndexedDbCache<DailySeries> implements SeriesCache {
  constructor(options: IndexedDbSeriesCacheOptions = {}) {
    super({ dbName: SERIES_DB_NAME, storeName: SERIES_STORE_NAME, toStored: seriesToJson, fromStored: seriesFromJson }, options);
  }
}

/** The snapshot store's caches in the add-in: snapshots and earnings histories as JSON, each in its own database. */
export function indexedDbValuationCaches(): {
  snapshotCache: IndexedDbCache<TickerSnapshot>;
  earningsCache: IndexedDbCache<EarningsHistory>;
} {
  return {
    snapshotCache: new IndexedDbCache({
      dbName: SNAPSHOT_DB_NAME,
      storeName: SNAPSHOT_STORE_NAME,
      toStored: (value) => value,
      fromStored: snapshotFromJson,
    }),
    earningsCache: new IndexedDbCache({
      dbName: EARNINGS_DB_NAME,
      storeName: EARNINGS_STORE_NAME,
      toStored: (value) => value,
      fromStored: earningsFromJson,
    }),
  };
}
