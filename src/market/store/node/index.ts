/**
 * The server's shared caches (histories, valuation data) and daily quota counters, and the command
 * line's disk caches (Node only: never imported by the add-in's bundles).
 */
export { DEFAULT_REDIS_COMMAND_TIMEOUT_MS, DEFAULT_REDIS_CONNECT_TIMEOUT_MS } from "./redis-connection";
export {
  DEFAULT_REDIS_TTL_SECONDS,
  REDIS_EARNINGS_PREFIX,
  REDIS_KEY_PREFIX,
  REDIS_SNAPSHOT_PREFIX,
  RedisCache,
  RedisSeriesCache,
  redisValuationCaches,
  SERIES_CODEC,
} from "./redis-series-cache";
export type { RedisCacheOptions, RedisCodec, RedisSeriesCacheOptions } from "./redis-series-cache";
export { quotaKey, REDIS_QUOTA_PREFIX, RedisQuotaCounter } from "./redis-quota-counter";
export type { RedisQuotaCounterOptions } from "./redis-quota-counter";
export {
  DEFAULT_DISK_CACHE_MAX_BYTES,
  DEFAULT_DISK_VALUATION_MAX_BYTES,
  defaultCacheDirectory,
  DiskCache,
  DiskSeriesCache,
  diskValuationCaches,
} from "./disk-series-cache";
export type { DiskFormat, DiskSeriesCacheOptions } from "./disk-series-cache";
export { DEFAULT_FORWARD_TIMEOUT_MS, DEFAULT_WATCH_TTL_MS, REDIS_QUOTES_PREFIX, RedisQuoteCoordinator } from "./redis-quote-coordinator";
export type { RedisQuoteCoordinatorOptions } from "./redis-quote-coordinator";
