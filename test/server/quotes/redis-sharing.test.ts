import Redis from "ioredis";
import { REDIS_QUOTES_PREFIX } from "../../../src/market/store/node";
import { ManualClock } from "../../support/manual-clock";
import { startRedisServer } from "../../support/redis-server";
import type { TestRedis } from "../../support/redis-server";
import { withService } from "../../support/services";
import { removeTempDirs } from "../helpers";
import { QuoteUpstream } from "./quote-upstream";
import { startQuoteServer, WEDNESDAY_10AM } from "./quote-server";
import type { QuoteTestServer } from "./quote-server";
import { QuoteStreamClient, postJson, settle, until } from "./sse-client";

afterAll(removeTempDirs);

const redisServer = withService("redis-server");
const INTERVAL_MS = 15_000;
const PER_REQUEST = 20;
const tickers = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `T${String(from + i).padStart(2, "0")}`);

redisServer.describe("two server instances sharing one Redis", () => {
  let redis: TestRedis;
  let inspect: Redis;
  let upstream: QuoteUpstream;
  let clock: ManualClock;
  let servers: QuoteTestServer[] = [];
  const clients: QuoteStreamClient[] = [];

  async function twoServers(): Promise<[QuoteTestServer, QuoteTestServer]> {
    const make = (instanceId: string): Promise<QuoteTestServer> =>
      startQuoteServer({ upstream, clock, quotesPerRequest: PER_REQUEST, server: { redisUrl: redis.url }, quotes: { instanceId } });
    servers = [await make("alpha"), await make("beta")];
    await until(async () => (await Promise.all(servers.map(health))).every((h) => h.quotes.shared === true), "both to share");
    return [servers[0], servers[1]];
  }

  async function open(server: QuoteTestServer): Promise<QuoteStreamClient> {
    const client = await QuoteStreamClient.open(server.url);
    clients.push(client);
    return client;
  }

  async function health(
    server: QuoteTestServer,
  ): Promise<{ quotes: { shared: boolean; providers: Record<string, { upstreamPollsPerMinute: number; ownPollsPerMinute: number }> } }> {
    return (await server.app.inject({ url: "/api/health" })).json();
  }

  async function watchedInRedis(): Promise<number> {
    return inspect.zcard(`${REDIS_QUOTES_PREFIX}watch:yahoo:team`);
  }

  async function nextInterval(expectedRequests: number): Promise<void> {
    const before = upstream.requests.length;
    await clock.advance(INTERVAL_MS);
    if (expectedRequests > 0)
      await until(() => upstream.requests.length >= before + expectedRequests, `${expectedRequests} upstream requests`);
    await settle(150);
  }

  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });
  beforeEach(async () => {
    inspect = new Redis(redis.url);
    await inspect.flushall();
    upstream = await new QuoteUpstream().start();
    clock = new ManualClock(WEDNESDAY_10AM);
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const server of servers.splice(0)) await server.close();
    inspect.disconnect();
    await upstream.close();
  });

  it("make one upstream poll per ticker and interval for the clients of both, and push to both", async () => {
    const [alpha, beta] = await twoServers();
    const a = await open(alpha);
    const b = await open(beta);
    await a.subscribe(tickers(0, 30));
    await b.subscribe(tickers(20, 50));
    await until(async () => (await watchedInRedis()) === 60, "both announcements");

    for (let interval = 1; interval <= 3; interval++) {
      upstream.move();
      await nextInterval(3);
      expect(upstream.requests).toHaveLength(3 * interval);
      expect(upstream.requests.slice(-3).flat().sort()).toEqual(tickers(0, 50));
    }
    await until(() => a.quotes().length === 90 && b.quotes().length === 90, "every change on both");
    expect(new Set(a.quotes().map((q) => q.symbol))).toEqual(new Set(tickers(0, 30)));
    expect(new Set(b.quotes().map((q) => q.symbol))).toEqual(new Set(tickers(20, 50)));
    const [ha, hb] = await Promise.all([health(alpha), health(beta)]);
    expect(ha.quotes.providers.yahoo.upstreamPollsPerMinute).toBe(9);
    expect(hb.quotes.providers.yahoo.upstreamPollsPerMinute).toBe(9);
    expect(ha.quotes.providers.yahoo.ownPollsPerMinute + hb.quotes.providers.yahoo.ownPollsPerMinute).toBe(9);
  });

  it("let a subscription reach the instance holding the stream through the other one (a load balancer)", async () => {
    const [alpha, beta] = await twoServers();
    const a = await open(alpha);
    const viaBeta = await postJson(`${beta.url}/api/quotes/yahoo/subscriptions/${a.connectionId}`, { add: ["IWM", "SPY"] });
    expect(viaBeta).toEqual({ status: 200, body: { connectionId: a.connectionId, watched: ["IWM", "SPY"], errors: [] } });
    await until(async () => (await watchedInRedis()) === 2, "the announcement");
    await nextInterval(1);
    await until(() => a.quotes().length === 2, "the quotes on the stream");
    expect((await postJson(`${beta.url}/api/quotes/yahoo/subscriptions/nobody`, { add: ["IWM"] })).status).toBe(404);
  });

  it("give a later subscriber on the other instance the final error of an unknown ticker, with no upstream request", async () => {
    const [alpha, beta] = await twoServers();
    const a = await open(alpha);
    await a.subscribe(["ZZNONE"]);
    await until(async () => (await watchedInRedis()) === 1, "the announcement");
    await nextInterval(1);
    await until(() => a.errors().length === 1, "the error");
    const b = await open(beta);
    await b.subscribe(["ZZNONE"]);
    await until(() => b.errors().length === 1, "the error on the other instance");
    expect(b.errors()[0]).toMatchObject({ symbol: "ZZNONE", error: "unknown-symbol", final: true });
    await nextInterval(0);
    expect(upstream.requestsFor("ZZNONE")).toBe(1);
  });

  it("poll alone while Redis is down, each saying so once, and keep pushing", async () => {
    const [alpha, beta] = await twoServers();
    const a = await open(alpha);
    const b = await open(beta);
    await a.subscribe(tickers(0, 30));
    await b.subscribe(tickers(20, 50));
    await until(async () => (await watchedInRedis()) === 60, "both announcements");
    await nextInterval(3);
    inspect.disconnect();
    await redis.stop();
    await until(async () => !(await health(alpha)).quotes.shared && !(await health(beta)).quotes.shared, "the outage to be seen");

    const before = upstream.requests.length;
    upstream.move();
    for (let i = 0; i < 3; i++) await nextInterval(4);
    // Each instance polls its own 30 tickers: 2 requests of up to 20, 4 together an interval.
    expect(upstream.requests.length - before).toBe(12);
    await until(() => a.quotes().length === 60 && b.quotes().length === 60, "the changes on both");
    for (const server of [alpha, beta]) {
      const outageLines = server.logs.filter((line) => /Redis at .* is not usable/.test(line));
      expect(outageLines).toHaveLength(1);
      expect(outageLines[0]).toMatch(/polling live quotes in this instance alone/);
    }
    redis = await startRedisServer(); // for afterAll
  });
});
