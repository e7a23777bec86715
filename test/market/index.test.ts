import { DemoProvider } from "../../src/market/providers/demo";
import * as market from "../../src/market";
import { createDirectProvider, isProviderName, PROVIDER_NAMES } from "../../src/market";
import { ResilientProvider } from "../../src/market/resilience";

describe("providers", () => {
  it("lists the direct providers", () => {
    expect(PROVIDER_NAMES).toEqual(["yahoo", "alphavantage", "polygon", "tiingo", "twelvedata", "fmp", "demo"]);
    expect(isProviderName("yahoo")).toBe(true);
    expect(isProviderName("demo")).toBe(true);
    expect(isProviderName("stooq")).toBe(false);
    expect(isProviderName(undefined)).toBe(false);
    expect(isProviderName(["yahoo"])).toBe(false);
  });

  it("creates them by name", () => {
    // Real providers come wrapped in their plan's limits and retries.
    expect(createDirectProvider("yahoo", {})).toBeInstanceOf(ResilientProvider);
    expect(createDirectProvider("polygon", {}).name).toBe("polygon");
    expect(createDirectProvider("demo", {})).toBeInstanceOf(DemoProvider);
    expect(createDirectProvider("demo").name).toBe("demo");
  });

  it("the index exposes the public API", () => {
    for (const name of [
      "MarketDataError",
      "seriesToJson",
      "seriesFromJson",
      "historyPath",
      "statusForKind",
      "isMarketErrorKind",
      "RELAY_HISTORY_PATH",
      "parseTicker",
      "YahooProvider",
      "providerBaseUrl",
      "DEFAULT_YAHOO_URL",
      "DemoProvider",
      "HistoryStore",
      "BatchingRelayProvider",
      "createDirectProvider",
      "isProviderName",
      "PROVIDER_NAMES",
    ]) {
      expect(market).toHaveProperty(name);
    }
  });
});
