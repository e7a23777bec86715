import { parseTicker } from "../../../../src/market/core";
import { tiingoSymbol, TiingoProvider } from "../../../../src/market/providers/tiingo";
import { rejection } from "../../../support/market-errors";
import { fixtureText } from "../../../support/recordings";
import { ReplayServer, startReplayServer } from "../../../support/replay-server";
import { casesFor, expectTranslation } from "../symbol-cases";

describe("tiingoSymbol: Tiingo's spelling, or a refusal before any request", () => {
  it.each(casesFor("tiingo"))("%s (%s) → %j", (ticker, _what, outcome) => {
    expectTranslation(tiingoSymbol, "Tiingo", ticker, outcome);
  });
});

describe("TiingoProvider sends Tiingo's spelling and keeps the analyst's ticker", () => {
  let server: ReplayServer;
  afterEach(async () => server?.close());

  async function serve(): Promise<TiingoProvider> {
    const body = fixtureText("tiingo/riingo_tiingo_daily_AAPL_prices-4eb987.json");
    server = await startReplayServer([
      { path: /^\/tiingo\/daily\/[^/]+\/prices$/, respond: { headers: { "content-type": "application/json" }, body } },
    ]);
    return new TiingoProvider({
      baseUrl: server.url,
      apiKey: "SECRET-KEY-123",
      now: () => Date.parse("2020-07-20T15:00:00Z"),
      timeoutMs: 2000,
    });
  }

  it("BRK.B goes out as BRK-B, and the series is BRK.B's", async () => {
    const provider = await serve();
    expect((await provider.fetchHistory(parseTicker("BRK.B"))).symbol).toBe("BRK.B");
    expect(server.requests.map((r) => r.path)).toEqual(["/tiingo/daily/BRK-B/prices"]);
  });

  it.each(["^GSPC", "EURUSD=X", "BTC-USD", "WSU.DE"])("%s is refused without a request", async (ticker) => {
    const provider = await serve();
    const error = await rejection(provider.fetchHistory(parseTicker(ticker)));
    expect(error).toMatchObject({ kind: "unknown-symbol", symbol: ticker });
    expect(error.message.startsWith(`Tiingo cannot serve ${ticker}: `)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});
