import { HistoryStore } from "../../src/market/history-store";
import { DailySeries, HistoryProvider, MarketDataError } from "../../src/market/types";
import { YahooProvider } from "../../src/market/yahoo";
import { replayOf, yahooRecording } from "../support/recordings";
import { startReplayServer } from "../support/replay-server";
import { makeSeries } from "../support/series-builder";

interface Pending {
  symbol: string;
  resolve: (series: DailySeries) => void;
  reject: (error: unknown) => void;
}

/** A provider whose answers the test releases by hand. */
class ManualProvider implements HistoryProvider {
  readonly name = "manual";
  readonly calls: Pending[] = [];

  fetchHistory(symbol: string): Promise<DailySeries> {
    return new Promise((resolve, reject) => this.calls.push({ symbol, resolve, reject }));
  }
}

async function settle<T>(promises: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(promises);
}

describe("HistoryStore", () => {
  it("20 concurrent gets of one symbol make 1 upstream request; a second round is served from cache", async () => {
    const server = await startReplayServer([
      { path: "/v8/finance/chart/TSLA", respond: replayOf(yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json"), { delayMs: 50 }) },
    ]);
    try {
      const store = new HistoryStore(new YahooProvider({ baseUrl: server.url }));
      const spellings = ["TSLA", "tsla", " Tsla "];
      const first = await Promise.all(Array.from({ length: 20 }, (_, i) => store.get(spellings[i % 3])));
      expect(server.requests).toHaveLength(1);
      expect(new Set(first).size).toBe(1);
      expect(first[0].days.length).toBe(3303);
      expect(store.stats()).toEqual({ requests: 1, cacheHits: 0, coalesced: 19, errors: 0 });

      const second = await Promise.all(Array.from({ length: 20 }, () => store.get("TSLA")));
      expect(server.requests).toHaveLength(1);
      expect(second[0]).toBe(first[0]);
      expect(store.stats()).toEqual({ requests: 1, cacheHits: 20, coalesced: 19, errors: 0 });
    } finally {
      await server.close();
    }
  });

  it("fetches different symbols separately and names its provider", async () => {
    const provider = new ManualProvider();
    const store = new HistoryStore(provider);
    expect(store.providerName).toBe("manual");
    const iwm = store.get("IWM");
    const qqq = store.get("QQQ");
    expect(provider.calls.map((c) => c.symbol)).toEqual(["IWM", "QQQ"]);
    provider.calls[0].resolve(makeSeries("IWM", [1, 2]));
    provider.calls[1].resolve(makeSeries("QQQ", [3, 4]));
    expect((await iwm).symbol).toBe("IWM");
    expect((await qqq).symbol).toBe("QQQ");
  });

  it("shares one failure with every concurrent waiter and does not cache it", async () => {
    const provider = new ManualProvider();
    const store = new HistoryStore(provider);
    const waiters = Array.from({ length: 5 }, () => store.get("IWM"));
    expect(provider.calls).toHaveLength(1);
    const failure = new MarketDataError("unavailable", "Yahoo is unavailable (HTTP 503) for IWM: try again later", "IWM");
    provider.calls[0].reject(failure);
    const results = await settle(waiters);
    for (const result of results) expect(result).toEqual({ status: "rejected", reason: failure });
    expect(store.stats()).toMatchObject({ requests: 1, coalesced: 4, errors: 1 });

    const retry = store.get("IWM");
    expect(provider.calls).toHaveLength(2);
    provider.calls[1].resolve(makeSeries("IWM", [1, 2, 3]));
    expect((await retry).days.length).toBe(3);
    expect(store.stats()).toEqual({ requests: 2, cacheHits: 0, coalesced: 4, errors: 1 });
  });

  it("never calls the provider for an invalid symbol", async () => {
    const provider = new ManualProvider();
    const store = new HistoryStore(provider);
    await expect(store.get("../etc")).rejects.toMatchObject({ kind: "invalid-symbol" });
    await expect(store.get("")).rejects.toBeInstanceOf(MarketDataError);
    expect(provider.calls).toHaveLength(0);
    expect(store.stats()).toEqual({ requests: 0, cacheHits: 0, coalesced: 0, errors: 0 });
  });

  it("turns a provider's stray exception (sync or async) into a MarketDataError", async () => {
    const throwing: HistoryProvider = {
      name: "broken",
      fetchHistory: () => {
        throw new TypeError("boom");
      },
    };
    const store = new HistoryStore(throwing);
    const error = await store.get("IWM").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketDataError);
    expect(error).toMatchObject({ kind: "unavailable", symbol: "IWM", message: "Provider broken failed for IWM: boom" });
  });

  it("clear() forgets cached series; a request in flight during clear() does not refill the cache", async () => {
    const provider = new ManualProvider();
    const store = new HistoryStore(provider);
    const first = store.get("IWM");
    provider.calls[0].resolve(makeSeries("IWM", [1]));
    await first;
    store.clear();
    const second = store.get("IWM");
    expect(provider.calls).toHaveLength(2);
    store.clear();
    provider.calls[1].resolve(makeSeries("IWM", [1, 2]));
    expect((await second).days.length).toBe(2);
    const third = store.get("IWM");
    expect(provider.calls).toHaveLength(3);
    provider.calls[2].resolve(makeSeries("IWM", [1, 2, 3]));
    expect((await third).days.length).toBe(3);
    await store.get("IWM");
    expect(provider.calls).toHaveLength(3);
  });
});
