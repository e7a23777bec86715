import Redis from "ioredis";
import { quotaKey, REDIS_QUOTA_PREFIX, RedisQuotaCounter } from "../../../../src/market/store/node";
import { startRedisServer, TestRedis } from "../../../support/redis-server";
import { withService } from "../../../support/services";

const redisServer = withService("redis-server");
const SCOPE = { provider: "tiingo", apiKey: "0123456789abcdef0123456789abcdef01234567" };
const DAY = "2026-12-01";

redisServer.describe("RedisQuotaCounter against a real redis-server", () => {
  let server: TestRedis;
  let inspect: Redis;
  const counters: RedisQuotaCounter[] = [];
  const logged: string[] = [];

  const counter = async (): Promise<RedisQuotaCounter> => {
    const made = new RedisQuotaCounter({ url: server.url, log: (message) => logged.push(message) });
    counters.push(made);
    expect(await made.ready()).toBe(true);
    return made;
  };

  beforeAll(async () => {
    server = await startRedisServer();
    inspect = new Redis(server.url);
  });
  afterAll(async () => {
    for (const made of counters) await made.close();
    inspect.disconnect();
    await server.stop();
  });

  it("lets exactly `limit` requests through however many instances ask at once", async () => {
    const [a, b] = [await counter(), await counter()];
    const takes = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).take(SCOPE, DAY, 10)));
    expect(takes.filter((take) => take.ok)).toHaveLength(10);
    expect(await inspect.get(quotaKey(SCOPE, DAY))).toBe("10");
  });

  it("keys a counter by provider, a hash of the key and the day, never the key, and expires it after two days", async () => {
    const a = await counter();
    await a.take({ provider: "fmp", apiKey: "SECRET0123456789SECRET0123456789" }, DAY, 5);
    const keys = await inspect.keys(`${REDIS_QUOTA_PREFIX}fmp:*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^rotation-desk:quota:fmp:[0-9a-f]{32}:2026-12-01$/);
    expect(keys[0]).not.toContain("SECRET");
    const ttl = await inspect.ttl(keys[0]);
    expect(ttl).toBeGreaterThan(2 * 86_400 - 60);
    expect(ttl).toBeLessThanOrEqual(2 * 86_400);
  });

  it("counts each day and each key apart", async () => {
    const a = await counter();
    expect((await a.take(SCOPE, "2026-12-02", 1)).ok).toBe(true);
    expect((await a.take(SCOPE, "2026-12-02", 1)).ok).toBe(false);
    expect((await a.take(SCOPE, "2026-12-03", 1)).ok).toBe(true);
    expect((await a.take({ ...SCOPE, apiKey: "another" }, "2026-12-02", 1)).ok).toBe(true);
  });

  it("has logged nothing while Redis was up", () => {
    expect(logged).toEqual([]);
  });
});

describe("RedisQuotaCounter when Redis is down", () => {
  redisServer.it("counts in this instance alone, with one log line for the outage", async () => {
    const server = await startRedisServer();
    const logged: string[] = [];
    const counter = new RedisQuotaCounter({ url: server.url, log: (message) => logged.push(message) });
    try {
      expect(await counter.ready()).toBe(true);
      expect((await counter.take(SCOPE, DAY, 3)).ok).toBe(true);
      await server.stop();
      const takes = [];
      for (let i = 0; i < 4; i++) takes.push(await counter.take(SCOPE, DAY, 3));
      // Locally the day starts from zero: three more, then refused.
      expect(takes.map((take) => take.ok)).toEqual([true, true, true, false]);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(
        /^Redis at redis:\/\/127\.0\.0\.1:\d+ is not usable .*: daily quotas are counted by this server instance alone until it is back$/,
      );
    } finally {
      await counter.close();
      await server.stop();
    }
  });
});
