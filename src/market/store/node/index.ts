/** The server's shared history cache (Node only: never imported by the add-in's bundles). */
export {
  DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
  DEFAULT_REDIS_CONNECT_TIMEOUT_MS,
  DEFAULT_REDIS_TTL_SECONDS,
  REDIS_KEY_PREFIX,
  RedisSeriesCache,
} from "./redis-series-cache";
export type { RedisSeriesCacheOptions } from "./redis-series-cache";
