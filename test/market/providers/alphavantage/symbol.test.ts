import { parseTicker } from "../../../../src/market/core";
import { alphaVantageSymbol, AlphaVantageProvider } from "../../../../src/market/providers/alphavantage";
import { rejection } from "../../../support/market-errors";
import { fixtureText } from "../../../support/recordings";
import { ReplayServer, startReplayServer } from "../../../support/replay-server";
import { casesFor, expectTranslation } from "../symbol-cases";

describe("alphaVantageSymbol: Alpha Vantage's spelling, or a refusal before any request", () => {
  it.each(casesFor("alphavantage"))("%s (%s) → %j", (ticker, _what, outcome) => {
    expectTranslation(alphaVantageSymbol, "Alpha Vantage", ticker, outcome);
  });
});

describe("AlphaVantageProvider sends Alpha Vantage's spelling and keeps the analyst's ticker", () => {
  let server: ReplayServer;
  afterEach(async () => server?.close());

  async function serve(): Promise<AlphaVantageProvider> {
    const body = fixtureText("alphavantage/kirlut_daily-not-adjusted.json");
    server = await startReplayServer([{ path: "/query", respond: { headers: { "content-type": "application/json" }, body } }]);
    return new AlphaVantageProvider({
      baseUrl: server.url,
      apiKey: "SECRET-KEY-123",
      now: () => Date.parse("2018-05-10T18:00:00Z"),
      timeoutMs: 2000,
    });
  }

  it("VOD.L goes out as VOD.LON, BRK.B as BRK-B; each series keeps the ticker typed", async () => {
    const provider = await serve();
    for (const ticker of ["VOD.L", "BRK.B"]) expect((await provider.fetchHistory(parseTicker(ticker))).symbol).toBe(ticker);
    expect(server.requests.map((r) => r.query.get("symbol"))).toEqual(["VOD.LON", "BRK-B"]);
  });

  it.each(["^GSPC", "EURUSD=X", "BTC-USD", "WSU.PA"])("%s is refused without a request", async (ticker) => {
    const provider = await serve();
    const error = await rejection(provider.fetchHistory(parseTicker(ticker)));
    expect(error).toMatchObject({ kind: "unknown-symbol", symbol: ticker });
    expect(error.message.startsWith(`Alpha Vantage cannot serve ${ticker}: `)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});
