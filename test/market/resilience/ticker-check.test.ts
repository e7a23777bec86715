import { HistoryProvider, MarketDataError, parseTicker } from "../../../src/market/core";
import {
  AlphaVantageProvider,
  ALPHAVANTAGE_SPEC,
  FmpProvider,
  PolygonProvider,
  TiingoProvider,
  TwelveDataProvider,
} from "../../../src/market/providers";
import { LocalQuotaCounter, QuotaScope, ResilientProvider } from "../../../src/market/resilience";
import { fixtureText } from "../../support/recordings";
import { ReplayServer, startReplayServer } from "../../support/replay-server";

/**
 * A ticker a provider cannot serve at all (its symbol translation refuses it, e.g. ^GSPC on Alpha
 * Vantage) is refused before the plan's limits: it takes no turn, no token and none of the day's
 * requests, which used to be spent on a request that was never sent.
 */

const KEY = "SECRETKEY1234567";

/** Counts what the daily quota was asked to count. */
class CountingQuota extends LocalQuotaCounter {
  readonly taken: string[] = [];
  override async take(scope: QuotaScope, day: string, limit: number) {
    const take = await super.take(scope, day, limit);
    if (take.ok) this.taken.push(day);
    return take;
  }
}

let upstream: ReplayServer | undefined;
afterEach(async () => upstream?.close());

async function failureOf(promise: Promise<unknown>): Promise<MarketDataError> {
  const [result] = await Promise.allSettled([promise]);
  if (result.status !== "rejected") throw new Error("expected a failure");
  return result.reason as MarketDataError;
}

describe("ResilientProvider: tickers the provider refuses without asking", () => {
  it("Alpha Vantage, 25 requests a day: a basket of 25 tickers and ^GSPC serves all 25, spending no request on ^GSPC", async () => {
    upstream = await startReplayServer([
      {
        path: "/query",
        respond: {
          status: 200,
          headers: { "content-type": "application/json" },
          body: fixtureText("alphavantage/kirlut_daily-not-adjusted.json"),
        },
      },
    ]);
    const quota = new CountingQuota();
    const provider = new ResilientProvider(new AlphaVantageProvider({ baseUrl: upstream.url, apiKey: KEY }), {
      // The free plan's day; its second and minute windows would make 25 requests take five minutes.
      limits: { concurrency: 1, perDay: ALPHAVANTAGE_SPEC.plans.tiers.free.perDay },
      label: "Alpha Vantage",
      plan: "free",
      quota: { counter: quota, scope: { provider: "alphavantage", apiKey: KEY } },
    });
    const members = Array.from({ length: 25 }, (_, i) => `T${String.fromCharCode(65 + i)}`);
    // ^GSPC comes first: with the token taken before the check, the 25th member found the day used up.
    const basket = ["^GSPC", ...members];
    const results = await Promise.allSettled(basket.map((symbol) => provider.fetchHistory(parseTicker(symbol))));

    const gspc = results[0];
    expect(gspc.status).toBe("rejected");
    expect((gspc as PromiseRejectedResult).reason).toMatchObject({ kind: "unknown-symbol", symbol: "^GSPC" });
    expect(((gspc as PromiseRejectedResult).reason as Error).message).toMatch(/Alpha Vantage/);
    expect(results.slice(1).map((result) => result.status)).toEqual(members.map(() => "fulfilled"));
    expect(quota.taken).toHaveLength(25);
    expect(upstream.requests.map((request) => request.query.get("symbol"))).toEqual(members);
    expect(provider.stats()).toMatchObject({ requests: 25, retries: 0 });

    // The day is used up now: a 26th real ticker is refused by the quota, ^GSPC still as unknown.
    expect((await failureOf(provider.fetchHistory(parseTicker("MSFT")))).kind).toBe("plan-limit");
    expect((await failureOf(provider.fetchHistory(parseTicker("^GSPC")))).kind).toBe("unknown-symbol");
  });

  it("takes no turn either: a refused ticker does not wait behind a used-up minute", async () => {
    let calls = 0;
    const inner: HistoryProvider = {
      name: "alphavantage",
      checkTicker: (ticker) => new AlphaVantageProvider({ baseUrl: "http://127.0.0.1:9", apiKey: KEY }).checkTicker(ticker),
      fetchHistory: async (ticker) => {
        calls++;
        throw new MarketDataError("bad-response", `not asked for ${ticker} in this test`, ticker);
      },
    };
    const provider = new ResilientProvider(inner, { limits: { concurrency: 1, perMinute: 1 }, label: "Alpha Vantage", maxWaitMs: 0 });
    await failureOf(provider.fetchHistory(parseTicker("IWM"))); // spends the minute's only request
    const started = Date.now();
    const refused = await failureOf(provider.fetchHistory(parseTicker("^GSPC")));
    expect(refused.kind).toBe("unknown-symbol");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(calls).toBe(1);
  });

  const options = { baseUrl: "http://127.0.0.1:9", apiKey: KEY };
  const keyed: readonly [string, string, HistoryProvider][] = [
    ["Alpha Vantage", "^GSPC", new AlphaVantageProvider(options)],
    ["Tiingo", "^GSPC", new TiingoProvider(options)],
    ["Twelve Data", "^GSPC", new TwelveDataProvider(options)],
    ["Polygon.io", "WSU.DE", new PolygonProvider(options)],
    ["Financial Modeling Prep", "GC=F", new FmpProvider(options)],
  ];
  it.each(keyed)("%s checks tickers with its own symbol translation: %s is refused, IWM is not", (label, refused, provider) => {
    expect(provider.checkTicker).toBeInstanceOf(Function);
    expect(() => provider.checkTicker!(parseTicker("IWM"))).not.toThrow();
    let caught: unknown;
    try {
      provider.checkTicker!(parseTicker(refused));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MarketDataError);
    expect(caught).toMatchObject({ kind: "unknown-symbol", symbol: refused });
    expect((caught as Error).message).toContain(label);
  });
});
