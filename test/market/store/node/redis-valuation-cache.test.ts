import Redis from "ioredis";
import { REDIS_EARNINGS_PREFIX, REDIS_SNAPSHOT_PREFIX, redisValuationCaches } from "../../../../src/market/store/node";
import { seriesCacheKey, SnapshotStore } from "../../../../src/market/store";
import { EarningsHistory, parseTicker, SnapshotOutcome, SnapshotProvider, Ticker, TickerSnapshot } from "../../../../src/market/core";
import { startRedisServer, TestRedis } from "../../../support/redis-server";
import { withService } from "../../../support/services";

const redisServer = withService("redis-server");
const FETCHED_AT = Date.parse("2025-02-18T15:00:00Z");

const snapshot = (symbol: string): TickerSnapshot => ({
  symbol,
  provider: "yahoo",
  fetchedAt: FETCHED_AT,
  priceTime: FETCHED_AT - 60_000,
  kind: "equity",
  currency: "GBP",
  price: 3.088,
  epsTrailing: -0.26,
  epsForward: null,
  peTrailingPublished: null,
  peForwardPublished: null,
  marketCap: 2554603520,
  sharesOutstanding: 823350016,
  notes: ["Yahoo quotes OCDO.L in pence (GBp): the price is converted to GBP"],
  demo: false,
});

const history: EarningsHistory = {
  symbol: "IBM",
  provider: "alphavantage",
  fetchedAt: FETCHED_AT,
  currency: "USD",
  quarters: [
    { periodEnd: 18352, reportedOn: 18372, eps: 1.84 },
    { periodEnd: 18443, reportedOn: 18462, eps: 2.18 },
  ],
  demo: false,
};

redisServer.describe("valuation caches in a real redis-server", () => {
  let server: TestRedis;
  let client: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.url);
    await client.ping(); // the caches skip a connection that is not ready yet (a miss, not a wait)
  });
  afterAll(async () => {
    client.disconnect();
    await server.stop();
  });

  it("round-trips a snapshot and an earnings history as JSON under their own prefixes, with a TTL", async () => {
    const { snapshotCache, earningsCache } = redisValuationCaches(client);
    await snapshotCache.set(seriesCacheKey("yahoo", "OCDO.L"), snapshot("OCDO.L"));
    await earningsCache.set(seriesCacheKey("alphavantage", "IBM"), history);
    expect(await snapshotCache.get(seriesCacheKey("yahoo", "OCDO.L"))).toEqual(snapshot("OCDO.L"));
    expect(await earningsCache.get(seriesCacheKey("alphavantage", "IBM"))).toEqual(history);
    const stored = await client.get(`${REDIS_SNAPSHOT_PREFIX}${seriesCacheKey("yahoo", "OCDO.L")}`);
    expect(JSON.parse(stored!)).toMatchObject({ symbol: "OCDO.L", currency: "GBP" });
    expect(await client.ttl(`${REDIS_EARNINGS_PREFIX}${seriesCacheKey("alphavantage", "IBM")}`)).toBeGreaterThan(0);
  });

  it("misses on a damaged value instead of handing it to a formula", async () => {
    const { snapshotCache } = redisValuationCaches(client);
    await client.set(`${REDIS_SNAPSHOT_PREFIX}yahoo:BAD`, '{"symbol":"BAD"}');
    expect(await snapshotCache.get("yahoo:BAD")).toBeNull();
  });

  it("lets a second server instance answer from the first one's copy: one upstream request a ticker a day", async () => {
    let calls = 0;
    const provider: SnapshotProvider = {
      name: "yahoo",
      snapshotsPerRequest: 50,
      fetchSnapshots: async (tickers: readonly Ticker[]) => {
        calls++;
        return new Map<Ticker, SnapshotOutcome>(tickers.map((t) => [t, snapshot(t)]));
      },
    };
    const now = () => FETCHED_AT + 3_600_000;
    const first = new SnapshotStore(provider, { now, ...redisValuationCaches(client) });
    await first.snapshot(parseTicker("AAPL"));
    await first.flush();
    const second = new SnapshotStore(provider, { now, ...redisValuationCaches(client) });
    expect(await second.snapshot(parseTicker("AAPL"))).toMatchObject({ symbol: "AAPL", fetchedAt: FETCHED_AT });
    expect(calls).toBe(1);
    expect(second.stats()).toMatchObject({ persistentHits: 1, requests: 0 });
  });
});
