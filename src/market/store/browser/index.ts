/** The add-in's persistent history cache (browser only). */
export { IndexedDbSeriesCache, SERIES_DB_NAME, SERIES_STORE_NAME } from "./indexeddb-series-cache";
export type { IndexedDbSeriesCacheOptions } from "./indexeddb-series-cache";
