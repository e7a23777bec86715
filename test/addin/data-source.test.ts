import "fake-indexeddb/auto";
import {
  applySettings,
  dataSourceStatus,
  loadHistory,
  onSettingsApplied,
  refreshData,
  retryRefusals,
  useDataSourceClock,
} from "../../src/addin";
import { MarketDataError, parseTicker, seriesToJson } from "../../src/market";
import { ReplayServer, startReplayServer } from "../support/replay-server";
import { makeSeries } from "../support/series-builder";

const DEMO = { provider: "demo" as const, apiKey: null, plan: "free", serverUrl: null };
/** Nothing listens on port 9 (discard): the relay's requests are refused at once. */
const UNREACHABLE = { provider: "yahoo" as const, apiKey: null, plan: "free", serverUrl: "http://127.0.0.1:9" };

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

describe("the add-in's data source and the plan's refusals", () => {
  let relay: ReplayServer | undefined;
  afterEach(async () => relay?.close());

  it("sends the key's plan with the key, and Retry now asks again despite the remembered refusal", async () => {
    let refuse = true;
    relay = await startReplayServer([
      {
        method: "POST",
        path: "/api/batch/tiingo",
        respond: () => {
          // One symbol per batch in this test.
          const results = ["IWM"].map((symbol) =>
            refuse
              ? {
                  symbol,
                  error: {
                    error: "rate-limited",
                    message: "Tiingo allows 50 requests an hour on the free plan; try again in 61 min",
                    retryAfterSeconds: 3_660,
                  },
                }
              : { symbol, series: seriesToJson({ ...makeSeries(symbol, [1, 2, 3]), provider: "tiingo" }) },
          );
          return { headers: { "content-type": "application/json" }, body: JSON.stringify({ results }) };
        },
      },
    ]);
    applySettings({ provider: "tiingo", apiKey: "my-key", plan: "power", serverUrl: relay.url }, "https://localhost:3000");
    const refused = await loadHistory(parseTicker("IWM")).catch((error: MarketDataError) => error);
    expect(refused).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 3_660 });
    expect(relay.requests[0].headers).toMatchObject({ "x-mkt-api-key": "my-key", "x-mkt-plan": "power" });

    // Remembered until its retry time: no new request.
    refuse = false;
    await expect(loadHistory(parseTicker("IWM"))).rejects.toMatchObject({ kind: "rate-limited" });
    expect(relay.requests).toHaveLength(1);

    retryRefusals();
    await expect(loadHistory(parseTicker("IWM"))).resolves.toMatchObject({ symbol: "IWM" });
    expect(relay.requests).toHaveLength(2);
  });
});
