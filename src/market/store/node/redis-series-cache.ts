import type Redis from "ioredis";
import { messageOf, redactUrlQuery, seriesFromJson, seriesToJson } from "../../core";
import { earningsFromJson, snapshotFromJson } from "..";
import type { PersistentCache } from "..";
import type { DailySeries, EarningsHistory, TickerSnapshot } from "../../core";
import { closeRedis, DEFAULT_REDIS_CONNECT_TIMEOUT_MS, openRedis, redisReady } from "./redis-connection";

/** Every key the series cache writes starts with this, so it can share a Redis with other data. */
export const REDIS_KEY_PREFIX = "rotation-desk:series:";
/** The valuation caches' prefixes (redisValuationCaches). */
export const REDIS_SNAPSHOT_PREFIX = "rotation-desk:snapshot:";
export const REDIS_EARNINGS_PREFIX = "rotation-desk:earnings:";
/** How long Redis keeps a value; freshness itself is the store's call (from fetchedAt). */
export const DEFAULT_REDIS_TTL_SECONDS = 7 * 24 * 3600;
const CLEAR_BATCH = 500;

/** How values of one kind are written to Redis and read back (reading throws on a damaged or foreign value). */
export interface RedisCodec<T> {
  encode(value: T): string;
  decode(text: string): T;
}

export const SERIES_CODEC: RedisCodec<DailySeries> = {
  encode: (series) => JSON.stringify(seriesToJson(series)),
  decode: (text) => seriesFromJson(JSON.parse(text)),
};

export interface RedisSeriesCacheOptions {
  /** redis://[:password@]host:port[/db] (REDIS_URL). */
  url: string;
  ttlSeconds?: number;
  connectTimeoutMs?: number;
  /** Longest wait for one command: a stuck Redis must not hold up an answer. */
  commandTimeoutMs?: number;
  /** Told once when Redis becomes unusable and once when it is back; never per request. */
  log?: (message: string) => void;
  /**
   * What an outage means, for that log line (default "serving without the shared series cache"):
   * the server adds the daily quotas counted over the same connection (RedisQuotaCounter).
   */
  outageEffect?: string;
}

export interface RedisCacheOptions<T> extends Partial<RedisSeriesCacheOptions> {
  /**
   * Or a connection of another cache (RedisSeriesCache.connection), shared: its owner reports outages
   * and closes it.
   */
  client?: Redis;
  /** Every key this cache writes starts with it. */
  prefix: string;
  codec: RedisCodec<T>;
}

/**
 * Values of one kind shared by every server instance that points at the same Redis: `codec` text
 * under `{prefix}{provider}:{symbol}` with a TTL.
 *
 * Never rejects and never waits long: commands are not queued while disconnected
 * (enableOfflineQueue: false), each has a timeout, and ioredis reconnects in the background, so
 * a Redis that is down or stuck makes every get a quick miss and every set a no-op.
 */
export class RedisCache<T> implements PersistentCache<T> {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly codec: RedisCodec<T>;
  private readonly ttlSeconds: number;
  private readonly connectTimeoutMs: number;
  private readonly log: (message: string) => void;
  private readonly where: string;
  /** The connection is another cache's: it reports outages and closes it. */
  private readonly shared: boolean;
  /** True from the first failure of an outage until Redis is ready again. */
  private failing = false;
  private readonly outageEffect: string;

  constructor(options: RedisCacheOptions<T>) {
    this.prefix = options.prefix;
    this.codec = options.codec;
    this.outageEffect = options.outageEffect ?? "serving without the shared series cache";
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_REDIS_TTL_SECONDS;
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_REDIS_CONNECT_TIMEOUT_MS;
    this.log = options.log ?? ((message) => console.warn(message));
    this.shared = options.client !== undefined;
    if (options.client !== undefined) {
      this.where = "the shared connection";
      this.redis = options.client;
      return;
    }
    if (options.url === undefined) throw new TypeError("a Redis cache needs a url or a client");
    this.where = redactUrlQuery(options.url);
    this.redis = openRedis(options.url, { connectTimeoutMs: this.connectTimeoutMs, commandTimeoutMs: options.commandTimeoutMs });
    this.redis.on("ready", () => {
      if (this.failing) this.log(`Redis at ${this.where} is back: the shared series cache is in use again`);
      this.failing = false;
    });
    // Without a listener ioredis prints every failed reconnect attempt.
    this.redis.on("error", (error: unknown) => this.fail(error));
  }

  /** The connection, for other state the server keeps in the same Redis (daily quotas); its outages are reported here. */
  get connection(): Redis {
    return this.redis;
  }

  /** Resolves true once connected; false when connecting fails or takes longer than the connect timeout. */
  ready(): Promise<boolean> {
    return redisReady(this.redis, this.connectTimeoutMs);
  }

  async get(key: string): Promise<T | null> {
    if (!this.connected()) return null;
    let text: string | null;
    try {
      text = await this.redis.get(this.prefix + key);
    } catch (error) {
      this.commandFailed(error);
      return null;
    }
    if (text === null) return null;
    try {
      return this.codec.decode(text);
    } catch {
      // Written by an incompatible version, or damaged: a miss, and out of the way.
      await this.delete(key);
      return null;
    }
  }

  async set(key: string, value: T): Promise<void> {
    await this.attempt(() => this.redis.set(this.prefix + key, this.codec.encode(value), "EX", this.ttlSeconds));
  }

  async delete(key: string): Promise<void> {
    await this.attempt(() => this.redis.del(this.prefix + key));
  }

  /** Removes this cache's keys only, never the rest of the database. */
  async clear(): Promise<void> {
    await this.attempt(async () => {
      let cursor = "0";
      do {
        const [next, keys] = await this.redis.scan(cursor, "MATCH", `${this.prefix}*`, "COUNT", CLEAR_BATCH);
        if (keys.length > 0) await this.redis.unlink(...keys);
        cursor = next;
      } while (cursor !== "0");
    });
  }

  /** Closes the connection and stops reconnecting (a shared one is its owner's to close). */
  async close(): Promise<void> {
    if (!this.shared) await closeRedis(this.redis);
  }

  /**
   * While disconnected, commands are not even tried: ioredis would reject them at once (no offline
   * queue) but still arm their timeout timers. The connection's error event reports the outage.
   */
  private connected(): boolean {
    return this.redis.status === "ready";
  }

  private async attempt(command: () => Promise<unknown>): Promise<void> {
    if (!this.connected()) return;
    try {
      await command();
    } catch (error) {
      this.commandFailed(error);
    }
  }

  /** A command that fails because the connection just dropped is the connection's outage, reported by its event. */
  private commandFailed(error: unknown): void {
    if (this.connected()) this.fail(error);
  }

  private fail(error: unknown): void {
    if (this.failing || this.shared) return;
    this.failing = true;
    this.log(`Redis at ${this.where} is not usable (${messageOf(error)}): ${this.outageEffect} until it is back`);
  }
}

/**
 * The series cache shared by every server instance that points at the same Redis: SeriesJson text
 * under `rotation-desk:series:{provider}:{symbol}` with a TTL (see RedisCache).
 */
export class RedisSeriesCache extends RedisCache<DailySeries> {
  constructor(options: RedisSeriesCacheOptions) {
    super({ ...options, prefix: REDIS_KEY_PREFIX, codec: SERIES_CODEC });
  }
}

/** A codec of plain JSON values, checked by `fromJson` when read. */
function jsonCodec<T>(fromJson: (value: unknown) => T): RedisCodec<T> {
  return { encode: (value) => JSON.stringify(value), decode: (text) => fromJson(JSON.parse(text)) };
}

/**
 * The snapshot store's caches over `client` (the series cache's connection, whose owner reports
 * outages and closes it): snapshots under `rotation-desk:snapshot:`, earnings histories under
 * `rotation-desk:earnings:`, each `{provider}:{symbol}`, JSON with the series' TTL.
 */
export function redisValuationCaches(
  client: Redis,
  ttlSeconds?: number,
): { snapshotCache: RedisCache<TickerSnapshot>; earningsCache: RedisCache<EarningsHistory> } {
  return {
    snapshotCache: new RedisCache({ client, prefix: REDIS_SNAPSHOT_PREFIX, codec: jsonCodec(snapshotFromJson), ttlSeconds }),
    earningsCache: new RedisCache({ client, prefix: REDIS_EARNINGS_PREFIX, codec: jsonCodec(earningsFromJson), ttlSeconds }),
  };
}
