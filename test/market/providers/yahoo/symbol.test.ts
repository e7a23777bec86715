import { parseTicker } from "../../../../src/market/core";
import { yahooSymbol, YahooProvider } from "../../../../src/market/providers/yahoo";
import { replayOf, yahooRecording } from "../../../support/recordings";
import { ReplayServer, startReplayServer } from "../../../support/replay-server";
import { casesFor, expectTranslation } from "../symbol-cases";

describe("yahooSymbol: the analyst's Yahoo-style ticker, as Yahoo spells it", () => {
  it.each(casesFor("yahoo"))("%s (%s) → %j", (ticker, _what, outcome) => {
    expectTranslation(yahooSymbol, "Yahoo", ticker, outcome);
  });
});

describe("YahooProvider sends Yahoo's spelling and keeps the analyst's ticker", () => {
  let server: ReplayServer;
  afterEach(async () => server?.close());

  it("BRK.B is asked for as BRK-B, and the series is BRK.B's", async () => {
    server = await startReplayServer([
      { path: /^\/v8\/finance\/chart\//, respond: replayOf(yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json")) },
    ]);
    const provider = new YahooProvider({ baseUrl: server.url, now: () => Date.parse("2023-08-12T00:00:00Z"), timeoutMs: 2000 });
    const series = await provider.fetchHistory(parseTicker("BRK.B"));
    expect(server.requests.map((r) => r.path)).toEqual(["/v8/finance/chart/BRK-B"]);
    expect(series.symbol).toBe("BRK.B");
  });
});
