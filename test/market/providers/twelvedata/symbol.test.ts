import { parseTicker } from "../../../../src/market/core";
import { twelveDataSymbol, TwelveDataProvider } from "../../../../src/market/providers/twelvedata";
import { rejection } from "../../../support/market-errors";
import { fixtureText } from "../../../support/recordings";
import { ReplayServer, startReplayServer } from "../../../support/replay-server";
import { casesFor, expectTranslation } from "../symbol-cases";

describe("twelveDataSymbol: Twelve Data's symbol and exchange, or a refusal before any request", () => {
  it.each(casesFor("twelvedata"))("%s (%s) → %j", (ticker, _what, outcome) => {
    expectTranslation(twelveDataSymbol, "Twelve Data", ticker, outcome);
  });
});

describe("TwelveDataProvider sends Twelve Data's spelling and keeps the analyst's ticker", () => {
  let server: ReplayServer;
  afterEach(async () => server?.close());

  async function serve(): Promise<TwelveDataProvider> {
    const body = JSON.stringify(JSON.parse(fixtureText("twelvedata/marekskopal_batch_time_series.json")).AAPL);
    server = await startReplayServer([{ path: "/time_series", respond: { headers: { "content-type": "application/json" }, body } }]);
    return new TwelveDataProvider({
      baseUrl: server.url,
      apiKey: "SECRET-KEY-123",
      now: () => Date.parse("2024-11-25T12:00:00Z"),
      timeoutMs: 2000,
    });
  }

  it("WSU.DE goes out as WSU at mic_code XETR, EURUSD=X as EUR/USD, BRK-B as BRK.B; each series keeps the ticker typed", async () => {
    const provider = await serve();
    for (const ticker of ["WSU.DE", "EURUSD=X", "BRK-B"]) expect((await provider.fetchHistory(parseTicker(ticker))).symbol).toBe(ticker);
    const [xetra, fx, brk] = server.requests;
    expect(xetra.url).toBe("/time_series?symbol=WSU&mic_code=XETR&interval=1day&outputsize=5000&format=JSON");
    expect(fx.url).toBe("/time_series?symbol=EUR%2FUSD&interval=1day&outputsize=5000&format=JSON");
    expect(fx.query.get("symbol")).toBe("EUR/USD");
    expect(brk.query.get("symbol")).toBe("BRK.B");
  });

  it.each(["^GSPC", "GC=F", "7203.T"])("%s is refused without a request", async (ticker) => {
    const provider = await serve();
    const error = await rejection(provider.fetchHistory(parseTicker(ticker)));
    expect(error).toMatchObject({ kind: "unknown-symbol", symbol: ticker });
    expect(error.message.startsWith(`Twelve Data cannot serve ${ticker}: `)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});
