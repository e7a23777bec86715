import { parseTicker } from "../../../../src/market/core";
import { fmpSymbol, FmpProvider } from "../../../../src/market/providers/fmp";
import { loadCassette } from "../../../support/cassette-bodies";
import { rejection } from "../../../support/market-errors";
import { replayOf } from "../../../support/recordings";
import { ReplayServer, startReplayServer } from "../../../support/replay-server";
import { casesFor, expectTranslation } from "../symbol-cases";

describe("fmpSymbol: FMP's spelling, or a refusal before any request", () => {
  it.each(casesFor("fmp"))("%s (%s) → %j", (ticker, _what, outcome) => {
    expectTranslation(fmpSymbol, "Financial Modeling Prep", ticker, outcome);
  });
});

describe("FmpProvider sends FMP's spelling and keeps the analyst's ticker", () => {
  let server: ReplayServer;
  afterEach(async () => server?.close());

  async function serve(): Promise<FmpProvider> {
    const stable = loadCassette("fmp/test_fmp_equity_historical_fetcher_urllib3_v2.yaml");
    server = await startReplayServer([{ path: "/stable/historical-price-eod/full", respond: replayOf(stable) }]);
    return new FmpProvider({
      baseUrl: server.url,
      apiKey: "SECRET-KEY-123",
      now: () => Date.parse("2023-01-11T12:00:00Z"),
      timeoutMs: 2000,
    });
  }

  it("BRK.B goes out as BRK-B, EURUSD=X as EURUSD, BTC-USD as BTCUSD; each series keeps the ticker typed", async () => {
    const provider = await serve();
    for (const ticker of ["BRK.B", "EURUSD=X", "BTC-USD", "^GSPC"])
      expect((await provider.fetchHistory(parseTicker(ticker))).symbol).toBe(ticker);
    expect(server.requests.map((r) => r.query.get("symbol"))).toEqual(["BRK-B", "EURUSD", "BTCUSD", "^GSPC"]);
  });

  it("GC=F is refused without a request", async () => {
    const provider = await serve();
    const error = await rejection(provider.fetchHistory(parseTicker("GC=F")));
    expect(error).toMatchObject({ kind: "unknown-symbol", symbol: "GC=F" });
    expect(error.message).toMatch(/^Financial Modeling Prep cannot serve GC=F: .*GCUSD/);
    expect(server.requests).toHaveLength(0);
  });
});
