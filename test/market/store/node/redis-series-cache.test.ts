import Redis from "ioredis";
import { DEFAULT_REDIS_TTL_SECONDS, REDIS_KEY_PREFIX, RedisSeriesCache } from "../../../../src/market/store/node";
import { seriesCacheKey } from "../../../../src/market/store";
import { seriesToJson } from "../../../../src/market/core";
import { startRedisServer, TestRedis } from "../../../support/redis-server";
import { withService } from "../../../support/services";
import { makeSeries } from "../../../support/series-builder";

const KEY = seriesCacheKey("yahoo", "IWM");
const redisServer = withService("redis-server");

redisServer.describe("RedisSeriesCache against a real redis-server", () => {
  let server: TestRedis;
  let cache: RedisSeriesCache;
  let inspect: Redis;
  const logged: string[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
    cache = new RedisSeriesCache({ url: server.url, log: (message) => logged.push(message) });
    inspect = new Redis(server.url);
    expect(await cache.ready()).toBe(true);
  });
  afterAll(async () => {
    await cache.close();
    inspect.disconnect();
    await server.stop();
  });

  it("round-trips a series, typed arrays and NaN included", async () => {
    const series = { ...makeSeries("IWM", [100, NaN, 101.25]), provider: "yahoo", fetchedAt: 1_700_000_000_000, staleBecause: "offline" };
    await cache.set(KEY, series);
    const back = await cache.get(KEY);
    expect(back).not.toBeNull();
    expect(seriesToJson(back!)).toEqual(seriesToJson(series));
    expect(back!.days).toBeInstanceOf(Int32Array);
    expect(Number.isNaN(back!.adjClose[1])).toBe(true);
  });

  it("stores SeriesJson text under the rotation-desk prefix with a TTL of about a week", async () => {
    await cache.set(KEY, makeSeries("IWM", [1, 2]));
    const text = await inspect.get(`${REDIS_KEY_PREFIX}${KEY}`);
    expect(JSON.parse(text!).symbol).toBe("IWM");
    const ttl = await inspect.ttl(`${REDIS_KEY_PREFIX}${KEY}`);
    expect(ttl).toBeGreaterThan(DEFAULT_REDIS_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(DEFAULT_REDIS_TTL_SECONDS);
  });

  it("misses on an absent key and on a damaged value, removing the damaged one", async () => {
    expect(await cache.get("yahoo:NOPE")).toBeNull();
    await inspect.set(`${REDIS_KEY_PREFIX}yahoo:BAD`, "{not json");
    expect(await cache.get("yahoo:BAD")).toBeNull();
    expect(await inspect.exists(`${REDIS_KEY_PREFIX}yahoo:BAD`)).toBe(0);
  });

  it("deletes one key, and clears only its own keys", async () => {
    await cache.set("demo:A", makeSeries("A", [1]));
    await cache.set("demo:B", makeSeries("B", [1]));
    await inspect.set("someone-else:key", "kept");
    await cache.delete("demo:A");
    expect(await cache.get("demo:A")).toBeNull();
    expect(await cache.get("demo:B")).not.toBeNull();
    await cache.clear();
    expect(await inspect.keys(`${REDIS_KEY_PREFIX}*`)).toEqual([]);
    expect(await inspect.get("someone-else:key")).toBe("kept");
  });

  it("has logged nothing while Redis was up", () => {
    expect(logged).toEqual([]);
  });
});

describe("RedisSeriesCache when Redis is down", () => {
  redisServer.it("misses quickly, never rejects, and logs the outage once", async () => {
    const server = await startRedisServer();
    const logged: string[] = [];
    const cache = new RedisSeriesCache({ url: server.url, log: (message) => logged.push(message) });
    try {
      expect(await cache.ready()).toBe(true);
      await cache.set(KEY, makeSeries("IWM", [1, 2]));
      expect(await cache.get(KEY)).not.toBeNull();

      await server.stop();
      const started = Date.now();
      for (let i = 0; i < 20; i++) {
        await expect(cache.get(KEY)).resolves.toBeNull();
        await expect(cache.set(KEY, makeSeries("IWM", [1]))).resolves.toBeUndefined();
        await expect(cache.delete(KEY)).resolves.toBeUndefined();
        await expect(cache.clear()).resolves.toBeUndefined();
      }
      expect(Date.now() - started).toBeLessThan(3_000);
      await new Promise((resolve) => setTimeout(resolve, 700)); // a few reconnect attempts
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is not usable/);
    } finally {
      await cache.close();
    }
  });

  it("keeps the password of REDIS_URL out of its messages", async () => {
    const logged: string[] = [];
    const cache = new RedisSeriesCache({ url: "redis://:hunter2secret@127.0.0.1:1", connectTimeoutMs: 300, log: (m) => logged.push(m) });
    try {
      expect(await cache.ready()).toBe(false);
      expect(await cache.get(KEY)).toBeNull();
      expect(logged.length).toBe(1);
      expect(logged.join("\n")).not.toContain("hunter2secret");
    } finally {
      await cache.close();
    }
  });
});
