import { createHash } from "node:crypto";
import type Redis from "ioredis";
import { messageOf, redactUrlQuery } from "../../core";
import { LocalQuotaCounter } from "../../resilience";
import type { QuotaCounter, QuotaScope, QuotaTake } from "../../resilience";
import { closeRedis, DEFAULT_REDIS_CONNECT_TIMEOUT_MS, openRedis, redisReady } from "./redis-connection";

/** Every quota key starts with this, so the counters can share a Redis with other data. */
export const REDIS_QUOTA_PREFIX = "rotation-desk:quota:";
/** A day's counter outlives its day by one, whatever the clocks of the instances sharing it. */
const QUOTA_TTL_SECONDS = 2 * 24 * 3600;

/**
 * Counts one request unless the quota is used up, atomically: INCR (with EXPIRE on the day's first
 * request), and back down when that went past the limit, so the count is the requests let through.
 * KEYS[1] the day's counter; ARGV[1] the limit, ARGV[2] the TTL. Answers {1, used} or {0, used}.
 */
const TAKE_SCRIPT = `
local used = redis.call('INCR', KEYS[1])
if used == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if used > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return {0, used - 1}
end
return {1, used}
`;

type QuotaRedis = Redis & { takeQuota(key: string, limit: number, ttlSeconds: number): Promise<[number, number]> };

export interface RedisQuotaCounterOptions {
  /** redis://[:password@]host:port[/db] (REDIS_URL): a connection of its own. */
  readonly url?: string;
  /**
   * Or a connection shared with the series cache (RedisSeriesCache.connection): its owner reports
   * outages and closes it.
   */
  readonly client?: Redis;
  readonly connectTimeoutMs?: number;
  /** Longest wait for one command: a stuck Redis must not hold up a request. */
  readonly commandTimeoutMs?: number;
  /** Told once when Redis becomes unusable (counting falls back to this instance) and once when it is back. */
  readonly log?: (message: string) => void;
}

/**
 * Daily quotas shared by every server instance that points at the same Redis: one counter per
 * provider, key and day under `rotation-desk:quota:{provider}:{sha256 of the key, 32 hex}:{YYYY-MM-DD}`,
 * so together the instances spend a quota once; the key itself is never written to Redis.
 *
 * While Redis is down or stuck, requests are counted by this instance alone (a LocalQuotaCounter),
 * with one log line when that starts and one when Redis is back (said by the series cache when the
 * connection is its); those requests are not added to Redis afterwards.
 */
export class RedisQuotaCounter implements QuotaCounter {
  private readonly redis: QuotaRedis;
  private readonly local = new LocalQuotaCounter();
  private readonly connectTimeoutMs: number;
  private readonly log: (message: string) => void;
  private readonly where: string;
  /** The connection is the series cache's: it reports outages and closes it. */
  private readonly shared: boolean;
  private failing = false;

  constructor(options: RedisQuotaCounterOptions) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_REDIS_CONNECT_TIMEOUT_MS;
    this.log = options.log ?? ((message) => console.warn(message));
    this.shared = options.client !== undefined;
    if (options.client !== undefined) {
      this.where = "the shared connection";
      this.redis = withTakeQuota(options.client);
      return;
    }
    if (options.url === undefined) throw new TypeError("RedisQuotaCounter needs a url or a client");
    this.where = redactUrlQuery(options.url);
    this.redis = withTakeQuota(
      openRedis(options.url, { connectTimeoutMs: this.connectTimeoutMs, commandTimeoutMs: options.commandTimeoutMs }),
    );
    this.redis.on("ready", () => {
      if (this.failing) this.log(`Redis at ${this.where} is back: daily quotas are shared by every server instance again`);
      this.failing = false;
    });
    // Without a listener ioredis prints every failed reconnect attempt.
    this.redis.on("error", (error: unknown) => this.fail(error));
  }

  /** Resolves true once connected; false when connecting fails or takes longer than the connect timeout. */
  ready(): Promise<boolean> {
    return redisReady(this.redis, this.connectTimeoutMs);
  }

  async take(scope: QuotaScope, day: string, limit: number): Promise<QuotaTake> {
    if (this.redis.status !== "ready") {
      this.fail(new Error(`connection ${this.redis.status}`));
      return this.local.takeNow(scope, day, limit);
    }
    try {
      const [ok, used] = await this.redis.takeQuota(quotaKey(scope, day), limit, QUOTA_TTL_SECONDS);
      return { ok: Number(ok) === 1, used: Number(used) };
    } catch (error) {
      this.fail(error);
      return this.local.takeNow(scope, day, limit);
    }
  }

  /** Closes the connection and stops reconnecting (a shared one is its owner's to close). */
  async close(): Promise<void> {
    if (!this.shared) await closeRedis(this.redis);
  }

  private fail(error: unknown): void {
    if (this.failing || this.shared) return;
    this.failing = true;
    this.log(
      `Redis at ${this.where} is not usable (${messageOf(error)}): daily quotas are counted by this server instance alone until it is back`,
    );
  }
}

/** `redis` with the quota script as a command (defined once per connection). */
function withTakeQuota(redis: Redis): QuotaRedis {
  const quota = redis as QuotaRedis;
  if (typeof quota.takeQuota !== "function") redis.defineCommand("takeQuota", { numberOfKeys: 1, lua: TAKE_SCRIPT });
  return quota;
}

/** The Redis key of a scope's counter for `day`: the provider, a hash of the key (never the key), the day. */
export function quotaKey(scope: QuotaScope, day: string): string {
  const keyHash = createHash("sha256")
    .update(scope.apiKey ?? "")
    .digest("hex")
    .slice(0, 32);
  return `${REDIS_QUOTA_PREFIX}${scope.provider}:${keyHash}:${day}`;
}
