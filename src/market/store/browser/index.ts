/** The add-in's persistent caches of histories and valuation data (browser only). */
export {
  EARNINGS_DB_NAME,
  EARNINGS_STORE_NAME,
  IndexedDbCache,
  IndexedDbSeriesCache,
  indexedDbValuationCaches,
  SERIES_DB_NAME,
  SERIES_STORE_NAME,
  SNAPSHOT_DB_NAME,
  SNAPSHOT_STORE_NAME,
} from "./indexeddb-series-cache";
export type { IndexedDbFormat, IndexedDbSeriesCacheOptions } from "./indexeddb-series-cache";
