import "fake-indexeddb/auto";
import { applySettings, dataSourceStatus, loadHistory, onSettingsApplied, refreshData, useDataSourceClock } from "../../src/addin";
import { parseTicker } from "../../src/market";

const DEMO = { provider: "demo" as const, apiKey: null, serverUrl: null };
/** Nothing listens on port 9 (discard): the relay's requests are refused at once. */
const UNREACHABLE = { provider: "yahoo" as const, apiKey: null, serverUrl: "http://127.0.0.1:9" };

describe("the add-in's data source", () => {
  let now = 0;
  beforeEach(() => {
    now = 1_000;
    useDataSourceClock(() => now);
  });
  afterAll(() => useDataSourceClock(Date.now));

  it("moves Last refresh whenever a calculation reads prices, not only on Refresh data", async () => {
    applySettings(DEMO, "https://localhost:3000");
    const before = dataSourceStatus().lastRefresh;
    now = 5_000;
    await loadHistory(parseTicker("IWM"));
    expect(dataSourceStatus().lastRefresh).toBe(5_000);
    expect(before).not.toBe(5_000);
    now = 9_000;
    refreshData();
    expect(dataSourceStatus().lastRefresh).toBe(9_000);
  });

  it("tells listeners about new settings until they unsubscribe", () => {
    const seen: string[] = [];
    const stop = onSettingsApplied((settings) => seen.push(settings.provider));
    applySettings(DEMO, "https://localhost:3000");
    applySettings(UNREACHABLE, "https://localhost:3000");
    stop();
    applySettings(DEMO, "https://localhost:3000");
    expect(seen).toEqual(["demo", "yahoo"]);
  });

  it("reports why data could not be had, per reason with the tickers, for the pane's messages", async () => {
    applySettings(UNREACHABLE, "https://localhost:3000");
    expect(dataSourceStatus().failures).toEqual([]);
    await expect(loadHistory(parseTicker("IWM"))).rejects.toThrow(/Could not reach the data server for IWM/);
    await expect(loadHistory(parseTicker("QQQ"))).rejects.toThrow(/Could not reach the data server for QQQ/);
    const status = dataSourceStatus();
    expect(status.settings).toEqual(UNREACHABLE);
    expect(status.stats.errors).toBe(2);
    expect(status.failures).toMatchObject([
      {
        kind: "unavailable",
        reason: expect.stringMatching(/^Could not reach the data server for \{ticker\}/),
        count: 2,
        tickers: ["IWM", "QQQ"],
      },
    ]);
  });
});
