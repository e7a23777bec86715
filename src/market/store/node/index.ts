/** The server's shared history cache and daily quota counters (Node only: never imported by the add-in's bundles). */
export {
  DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
  DEFAULT_REDIS_CONNECT_TIMEOUT_MS,
  DEFAULT_REDIS_TTL_SECONDS,
  REDIS_KEY_PREFIX,
  RedisSeriesCache,
} from "./redis-series-cache";
export type { RedisSeriesCacheOptions } from "./redis-series-cache";
export { quotaKey, REDIS_QUOTA_PREFIX, RedisQuotaCounter } from "./redis-quota-counter";
export type { RedisQuotaCounterOptions } from "./redis-quota-counter";
export { DEFAULT_DISK_CACHE_MAX_BYTES, defaultCacheDirectory, DiskSeriesCache } from "./disk-series-cache";
export type { DiskSeriesCacheOptions } from "./disk-series-cache";
