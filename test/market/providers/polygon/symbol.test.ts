import { parseTicker } from "../../../../src/market/core";
import { polygonSymbol, PolygonProvider } from "../../../../src/market/providers/polygon";
import { rejection } from "../../../support/market-errors";
import { replayOf } from "../../../support/recordings";
import { ReplayServer, startReplayServer } from "../../../support/replay-server";
import { loadVcrInteraction } from "../../../support/vcr-cassettes";
import { casesFor, expectTranslation } from "../symbol-cases";

describe("polygonSymbol: Polygon's spelling, or a refusal before any request", () => {
  it.each(casesFor("polygon"))("%s (%s) → %j", (ticker, _what, outcome) => {
    expectTranslation(polygonSymbol, "Polygon.io", ticker, outcome);
  });
});

describe("PolygonProvider sends Polygon's spelling and keeps the analyst's ticker", () => {
  const NOW = Date.parse("2023-01-11T15:00:00Z");
  const AAPL = replayOf(loadVcrInteraction("polygon/test_polygon_equity_historical_fetcher_urllib3_v2.yaml"));
  let server: ReplayServer;
  afterEach(async () => server?.close());

  async function serve(): Promise<PolygonProvider> {
    server = await startReplayServer([{ path: /^\/v2\/aggs\/ticker\//, respond: AAPL }]);
    return new PolygonProvider({ baseUrl: server.url, apiKey: "SECRET-KEY-123", now: () => NOW, timeoutMs: 2000 });
  }

  it("BRK-B goes out as BRK.B, ^GSPC as I:SPX; each series keeps the ticker typed", async () => {
    const provider = await serve();
    expect((await provider.fetchHistory(parseTicker("BRK-B"))).symbol).toBe("BRK-B");
    expect((await provider.fetchHistory(parseTicker("^GSPC"))).symbol).toBe("^GSPC");
    expect(server.requests.map((r) => r.path)).toEqual([
      "/v2/aggs/ticker/BRK.B/range/1/day/1970-01-01/2023-01-11",
      "/v2/aggs/ticker/I:SPX/range/1/day/1970-01-01/2023-01-11",
    ]);
  });

  it.each(["WSU.DE", "EURUSD=X", "BTC-USD", "^FTSE", "GC=F"])("%s is refused without a request", async (ticker) => {
    const provider = await serve();
    const error = await rejection(provider.fetchHistory(parseTicker(ticker)));
    expect(error).toMatchObject({ kind: "unknown-symbol", symbol: ticker });
    expect(error.message).toMatch(new RegExp(`^Polygon\\.io cannot serve ${ticker.replace(/[.^$=]/g, "\\$&")}: .*Yahoo Finance provider`));
    expect(server.requests).toHaveLength(0);
  });
});
