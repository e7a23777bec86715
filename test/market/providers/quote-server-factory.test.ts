import { DemoQuoteProvider, parseTicker } from "../../../src/market";
import { directQuoteProviderFactory, quoteKeyId } from "../../../server/quotes/quote-providers";
import { sharedLimits } from "../../../server/provider-stores";
import { startReplayServer } from "../../support/replay-server";

/** The server's quote clients (server/quotes/quote-providers.ts): real ones for every provider with a key to poll with. */

const KEY = "ANALYST-quote-key-2b9d";

describe("directQuoteProviderFactory", () => {
  it("builds every provider's client from the environment: keyless Yahoo and the demo always, keyed ones with the team key", () => {
    const env = {
      MKT_FMP_KEY: "team-fmp-key",
      MKT_POLYGON_KEY: "team-polygon-key",
      MKT_TWELVEDATA_KEY: "team-td",
      MKT_TIINGO_KEY: "t",
      MKT_ALPHAVANTAGE_KEY: "a",
    };
    const factory = directQuoteProviderFactory(env);
    expect(factory("yahoo", null)?.quotesPerRequest).toBe(50);
    expect(factory("demo", null)).toBeInstanceOf(DemoQuoteProvider);
    expect(factory("fmp", null)?.name).toBe("fmp");
    expect(factory("alphavantage", null)?.quotesPerRequest).toBe(1);
    expect(factory("twelvedata", null)?.quotesPerRequest).toBe(8); // the team's plan: free, 8 credits a minute
    expect(factory("tiingo", null)?.quotesPerRequest).toBe(100);
    expect(factory("polygon", null)?.quotesPerRequest).toBe(100);
  });

  it("is null only for a keyed provider without any key; an analyst's key is polled on the tier named for it", () => {
    const factory = directQuoteProviderFactory({});
    expect(factory("fmp", null)).toBeNull();
    expect(factory("twelvedata", KEY)?.quotesPerRequest).toBe(8);
    expect(factory("twelvedata", KEY, "grow-55")?.quotesPerRequest).toBe(55);
    expect(quoteKeyId("twelvedata", KEY, {})).not.toBe("team");
  });

  it("polls with the analyst's key against the configured host only, within the shared ceilings", async () => {
    const server = await startReplayServer([
      { path: "/v2/snapshot/locale/us/markets/stocks/tickers", respond: { status: 200, body: '{"status":"OK","tickers":[]}' } },
    ]);
    try {
      const env = { MKT_POLYGON_URL: server.url };
      const factory = directQuoteProviderFactory(env, { shared: sharedLimits(env) });
      const outcomes = await factory("polygon", KEY, "starter")!.fetchQuotes([parseTicker("AAPL")]);
      expect(outcomes.get(parseTicker("AAPL"))).toMatchObject({ kind: "unknown-symbol" });
      expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    } finally {
      await server.close();
    }
  });
});
