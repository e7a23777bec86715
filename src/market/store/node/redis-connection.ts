import Redis from "ioredis";

export const DEFAULT_REDIS_CONNECT_TIMEOUT_MS = 2_000;
export const DEFAULT_REDIS_COMMAND_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 5_000;

/**
 * A connection that never makes a request wait on Redis: commands are not queued while disconnected,
 * each has a timeout, and ioredis reconnects in the background with a growing delay.
 */
export function openRedis(url: string, timeouts: { readonly connectTimeoutMs: number; readonly commandTimeoutMs?: number }): Redis {
  return new Redis(url, {
    connectTimeout: timeouts.connectTimeoutMs,
    commandTimeout: timeouts.commandTimeoutMs ?? DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 250, MAX_RECONNECT_DELAY_MS),
    // How long close waits for a graceful end; ioredis leaves this timer armed even for a dead socket.
    disconnectTimeout: 100,
  });
}

/** Resolves true once `redis` is connected; false when connecting fails or takes longer than `timeoutMs`. */
export function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === "ready") return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (value: boolean): void => {
      clearTimeout(timer);
      redis.off("ready", onReady);
      redis.off("error", onError);
      resolve(value);
    };
    const onReady = (): void => done(true);
    const onError = (): void => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    redis.on("ready", onReady);
    redis.on("error", onError);
  });
}

/** Ends `redis` gracefully where it can, and stops its reconnecting in any case. */
export async function closeRedis(redis: Redis): Promise<void> {
  try {
    if (redis.status === "ready") await redis.quit();
  } catch {
    // closing anyway
  } finally {
    redis.disconnect();
  }
}
