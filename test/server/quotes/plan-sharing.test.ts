import fs from "node:fs";
import path from "node:path";
import { MarketDataError, parseTicker } from "../../../src/market";
import { createRelayStores } from "../../../server/provider-stores";
import { directQuoteProviderFactory } from "../../../server/quotes";
import { fixtureText } from "../../support/recordings";
import { ReplayServer, ScriptedResponse, startReplayServer } from "../../support/replay-server";

/**
 * The server's live-quote polls of a key count against the same plan as that key's histories
 * (app.ts passes the relay's per-key instances to the quote factory): Alpha Vantage's daily quota,
 * set to three requests here, is spent by histories and quotes together.
 */

const JSON_TYPE = { "content-type": "application/json" };
const ANSWERS: Record<string, ScriptedResponse> = {
  TIME_SERIES_DAILY: { status: 200, headers: JSON_TYPE, body: fixtureText("alphavantage/kirlut_daily-not-adjusted.json") },
  GLOBAL_QUOTE: {
    status: 200,
    headers: JSON_TYPE,
    body: fs.readFileSync(path.join(__dirname, "../../fixtures/quotes/alphavantage/crazzyghost_globalquote.json"), "utf8"),
  },
};

let server: ReplayServer;
beforeEach(async () => {
  server = await startReplayServer([
    { path: "/query", respond: (request) => ANSWERS[request.query.get("function") ?? ""] ?? { status: 404, body: "" } },
  ]);
});
afterEach(() => server.close());

describe("quote polls and histories of one key", () => {
  it("spend one daily quota together", async () => {
    const env = { MKT_ALPHAVANTAGE_URL: server.url, MKT_ALPHAVANTAGE_KEY: "TEAMKEY1234567890", MKT_ALPHAVANTAGE_PER_DAY: "3" };
    const relay = createRelayStores({ env });
    const quotes = directQuoteProviderFactory(env, {
      shared: relay.shared ?? undefined,
      histories: (name, apiKey) => relay.routers.get(name)?.instanceFor(apiKey),
    })("alphavantage", null)!;

    await relay.histories.get("alphavantage")!.get(parseTicker("MSFT"));
    await relay.histories.get("alphavantage")!.get(parseTicker("IBM"));
    const first = await quotes.fetchQuotes([parseTicker("IBM")]);
    expect(first.get(parseTicker("IBM"))).toMatchObject({ price: expect.any(Number) });
    expect(server.requests).toHaveLength(3);

    // The fourth request of the day, whichever kind, is refused before it goes out.
    const refused = await quotes.fetchQuotes([parseTicker("IBM")]).then(
      (outcomes) => outcomes.get(parseTicker("IBM")),
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(MarketDataError);
    expect((refused as MarketDataError).kind).toBe("plan-limit");
    expect(server.requests).toHaveLength(3);
  });

  it("without the relay's instances, the quote client would count a day of its own (what app.ts avoids)", async () => {
    const env = { MKT_ALPHAVANTAGE_URL: server.url, MKT_ALPHAVANTAGE_KEY: "TEAMKEY1234567890", MKT_ALPHAVANTAGE_PER_DAY: "3" };
    const relay = createRelayStores({ env });
    const quotes = directQuoteProviderFactory(env)("alphavantage", null)!;
    for (const symbol of ["MSFT", "IBM", "AAPL"]) await relay.histories.get("alphavantage")!.get(parseTicker(symbol));
    await quotes.fetchQuotes([parseTicker("IBM")]);
    expect(server.requests).toHaveLength(4);
  });
});
