import { MarketDataError, parseTicker, Ticker } from "../../../../src/market";
import { checkTickers, DEMO_CHECK, summarizeChecks } from "../../../../src/taskpane/features/baskets/ticker-check";

const load = async (ticker: Ticker): Promise<unknown> => {
  if (ticker === "MDLY") throw new MarketDataError("unknown-symbol", "Yahoo does not know MDLY", ticker);
  if (ticker === "EMPTY") throw new MarketDataError("no-data", "no bars", ticker);
  if (ticker === "DOWN") throw new MarketDataError("unavailable", "Yahoo is unavailable (HTTP 500)", ticker);
  return {};
};

describe("Check tickers", () => {
  it("sorts each ticker into found, unknown, without data, or not checked", async () => {
    const checks = await checkTickers([parseTicker("TSLA"), parseTicker("MDLY"), parseTicker("EMPTY"), parseTicker("DOWN")], load);
    expect(checks.map((c) => c.status)).toEqual(["found", "unknown", "no-data", "failed"]);
  });

  it("flags unknown tickers by name, and says when the check itself failed", async () => {
    const summary = summarizeChecks(
      await checkTickers([parseTicker("TSLA"), parseTicker("MDLY"), parseTicker("DOWN")], load),
      "Yahoo Finance",
    );
    expect(summary).toEqual({
      intent: "warning",
      text: "Unknown to Yahoo Finance: MDLY. Could not check DOWN: Yahoo is unavailable (HTTP 500)",
    });
  });

  it("confirms when every ticker was found", async () => {
    expect(summarizeChecks(await checkTickers([parseTicker("TSLA"), parseTicker("AAPL")], load), "Yahoo Finance")).toEqual({
      intent: "success",
      text: "All 2 tickers found at Yahoo Finance.",
    });
  });

  it("with demo data says it cannot check tickers, instead of finding any text", () => {
    expect(DEMO_CHECK.intent).toBe("warning");
    expect(DEMO_CHECK.text).toMatch(/^Demo data cannot check tickers/);
  });
});
