import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import Redis from "ioredis";
import { buildServer } from "../../server/app";
import { REDIS_QUOTA_PREFIX } from "../../src/market/store/node";
import { fixtureText } from "../support/recordings";
import { startRedisServer, TestRedis } from "../support/redis-server";
import { ReplayServer, startReplayServer } from "../support/replay-server";
import { withService } from "../support/services";
import { makeStaticDir, removeTempDirs } from "./helpers";

const redisServer = withService("redis-server");
const TIINGO_PRICES = /^\/tiingo\/daily\/[^/]+\/prices$/;
const AAPL = {
  status: 200,
  headers: { "content-type": "application/json" },
  body: fixtureText("tiingo/riingo_tiingo_daily_AAPL_prices-4eb987.json"),
};
const TEAM_KEY = "c0ffee".padStart(40, "0");

afterAll(removeTempDirs);

function capturedLog(): { stream: Writable; lines: () => { msg?: string }[] } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return {
    stream,
    lines: () =>
      text
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { msg?: string }),
  };
}

redisServer.describe("daily quotas shared through Redis", () => {
  let redis: TestRedis;
  let inspect: Redis;
  let tiingo: ReplayServer;
  const apps: FastifyInstance[] = [];

  const server = async (redisUrl: string, logStream?: Writable): Promise<FastifyInstance> => {
    const app = buildServer({
      staticDir: makeStaticDir(),
      env: { MKT_TIINGO_URL: tiingo.url, MKT_TIINGO_KEY: TEAM_KEY, MKT_TIINGO_PER_DAY: "3" },
      redisUrl,
      rateLimitPerMinute: 0,
      logger: logStream === undefined ? false : { level: "warn", stream: logStream },
    });
    apps.push(app);
    await app.ready();
    return app;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    inspect = new Redis(redis.url);
    tiingo = await startReplayServer([{ path: TIINGO_PRICES, respond: AAPL }]);
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    inspect.disconnect();
    await tiingo.close();
    await redis.stop();
  });

  it("two server instances spend a quota of 3 once: the 4th request across both is refused as a plan limit", async () => {
    const [a, b] = [await server(redis.url), await server(redis.url)];
    expect((await a.inject({ url: "/api/history/tiingo/AAPL" })).statusCode).toBe(200);
    expect((await b.inject({ url: "/api/history/tiingo/MSFT" })).statusCode).toBe(200);
    expect((await a.inject({ url: "/api/history/tiingo/NVDA" })).statusCode).toBe(200);
    const fourth = await b.inject({ url: "/api/history/tiingo/IWM" });
    expect(fourth.statusCode).toBe(403);
    expect(fourth.json()).toEqual({
      error: "plan-limit",
      message: expect.stringMatching(
        /^Tiingo allows 3 requests a day on the configured plan and they are used up; try again in \d+ (h|min|s)$/,
      ),
      // Until midnight UTC.
      retryAfterSeconds: expect.any(Number),
    });
    expect((await a.inject({ url: "/api/history/tiingo/QQQ" })).statusCode).toBe(403);
    expect(tiingo.requests).toHaveLength(3);
    // One counter for the team key, under a hash of it.
    const keys = await inspect.keys(`${REDIS_QUOTA_PREFIX}*`);
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^rotation-desk:quota:tiingo:[0-9a-f]{32}:\d{4}-\d{2}-\d{2}$/);
    expect(keys[0]).not.toContain(TEAM_KEY);
    expect(await inspect.get(keys[0])).toBe("3");
  });

  it("with Redis down, counts in each instance alone and says so once", async () => {
    const gone = await startRedisServer();
    const log = capturedLog();
    const app = await server(gone.url, log.stream);
    await gone.stop();
    const before = tiingo.requests.length;
    const statuses = [];
    for (const ticker of ["DIA", "SPY", "XLK", "XLF"])
      statuses.push((await app.inject({ url: `/api/history/tiingo/${ticker}` })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 403]);
    expect(tiingo.requests.length - before).toBe(3);
    const outageLines = (): unknown[] => log.lines().filter((line) => /Redis at .* is not usable/.test(line.msg ?? ""));
    for (let waited = 0; outageLines().length === 0 && waited < 3_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 300)); // a few reconnect attempts: still one line
    expect(outageLines()).toHaveLength(1);
    expect(
      log
        .lines()
        .filter((line) =>
          /is not usable .*: serving without the shared series and valuation caches, and counting daily quotas .*in this instance alone, until it is back/.test(
            line.msg ?? "",
          ),
        ),
    ).toHaveLength(1);
  });
});
