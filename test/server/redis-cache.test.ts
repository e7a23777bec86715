import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import Redis from "ioredis";
import { buildServer } from "../../server/app";
import { REDIS_KEY_PREFIX } from "../../src/market/store/node";
import type { BatchResponse } from "../../src/market";
import { startRedisServer, TestRedis } from "../support/redis-server";
import { withService } from "../support/services";
import { ReplayServer } from "../support/replay-server";
import { makeStaticDir, removeTempDirs } from "./helpers";
import { CHART, startYahoo, yahooEnv } from "./yahoo-upstream";

afterAll(removeTempDirs);

const redisServer = withService("redis-server");

function capturedLog(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

redisServer.describe("servers sharing one Redis", () => {
  let redis: TestRedis;
  let inspect: Redis;
  let yahoo: ReplayServer;
  const apps: FastifyInstance[] = [];

  const server = async (): Promise<FastifyInstance> => {
    const app = buildServer({ staticDir: makeStaticDir(), env: yahooEnv(yahoo), redisUrl: redis.url, rateLimitPerMinute: 0 });
    apps.push(app);
    await app.ready();
    return app;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    inspect = new Redis(redis.url);
    yahoo = await startYahoo();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    inspect.disconnect();
    await yahoo.close();
    await redis.stop();
  });

  it("serve the second from the cache the first filled, with no upstream request", async () => {
    const first = await server();
    const second = await server();
    const a = await first.inject({ url: "/api/history/yahoo/TSLA" });
    expect(a.statusCode).toBe(200);
    await until(async () => (await inspect.exists(`${REDIS_KEY_PREFIX}yahoo:TSLA`)) === 1, "the shared copy");

    const b = await second.inject({ url: "/api/history/yahoo/TSLA" });
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(yahoo.requestsTo(`${CHART}TSLA`)).toHaveLength(1);
    expect((await second.inject({ url: "/api/health" })).json().stats.yahoo).toMatchObject({ requests: 0, persistentHits: 1 });
  });

  it("also answer batches from it", async () => {
    const [first, second] = [await server(), await server()];
    await first.inject({ method: "POST", url: "/api/batch/yahoo", payload: { symbols: ["AMD", "NVDA"] } });
    await until(async () => (await inspect.exists(`${REDIS_KEY_PREFIX}yahoo:AMD`, `${REDIS_KEY_PREFIX}yahoo:NVDA`)) === 2, "both copies");
    const res = await second.inject({ method: "POST", url: "/api/batch/yahoo", payload: { symbols: ["NVDA", "AMD"] } });
    expect((res.json() as BatchResponse).results.every((r) => "series" in r)).toBe(true);
    expect(yahoo.requestsTo(`${CHART}AMD`)).toHaveLength(1);
    expect(yahoo.requestsTo(`${CHART}NVDA`)).toHaveLength(1);
  });
});

describe("a server whose Redis stops mid-run", () => {
  redisServer.it("keeps answering from upstream and memory, promptly, and logs the outage once", async () => {
    const redis = await startRedisServer();
    const yahoo = await startYahoo();
    const log = capturedLog();
    const app = buildServer({
      staticDir: makeStaticDir(),
      env: yahooEnv(yahoo),
      redisUrl: redis.url,
      logger: { level: "warn", stream: log.stream },
      rateLimitPerMinute: 0,
    });
    try {
      await app.ready();
      expect((await app.inject({ url: "/api/history/yahoo/AAPL" })).statusCode).toBe(200);
      await redis.stop();

      const started = Date.now();
      for (const symbol of ["MSFT", "GOOG", "AMZN"]) {
        const res = await app.inject({ url: `/api/history/yahoo/${symbol}` });
        expect(res.statusCode).toBe(200);
        expect(res.json().symbol).toBe(symbol);
      }
      const batch = await app.inject({ method: "POST", url: "/api/batch/yahoo", payload: { symbols: ["META", "AAPL"] } });
      expect((batch.json() as BatchResponse).results.every((r) => "series" in r)).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(yahoo.requestsTo(`${CHART}AAPL`)).toHaveLength(1); // from memory
      expect(yahoo.requestsTo(/\/(MSFT|GOOG|AMZN|META)$/)).toHaveLength(4);

      await new Promise((resolve) => setTimeout(resolve, 600)); // a few reconnect attempts
      expect(log.text().match(/Redis at redis:\/\/127\.0\.0\.1:\d+ is not usable/g)).toHaveLength(1);
    } finally {
      await app.close();
      await yahoo.close();
    }
  });

  it("starts and answers when Redis is not there at all", async () => {
    const yahoo = await startYahoo();
    const app = buildServer({ staticDir: makeStaticDir(), env: yahooEnv(yahoo), redisUrl: "redis://127.0.0.1:1", rateLimitPerMinute: 0 });
    try {
      const started = Date.now();
      await app.ready();
      expect((await app.inject({ url: "/api/history/yahoo/TSLA" })).statusCode).toBe(200);
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await app.close();
      await yahoo.close();
    }
  });
});
