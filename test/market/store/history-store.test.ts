import { DailySeries, HistoryProvider, HistoryRequest, MarketDataError, parseTicker } from "../../../src/market/core";
import {
  DEFAULT_FAILURE_MEMORY_MS,
  formatStats,
  HistoryStore,
  MAX_FAILURE_REASONS,
  MAX_REASON_TICKERS,
  reasonOf,
  SeriesCache,
} from "../../../src/market/store";
import { YahooProvider } from "../../../src/market/providers/yahoo";
import { drainMicrotasks } from "../../support/manual-clock";
import { replayOf, yahooRecording } from "../../support/recordings";
import { startReplayServer } from "../../support/replay-server";
import { dayOfIso, makeSeries } from "../../support/series-builder";

interface Pending {
  symbol: string;
  request: HistoryRequest | undefined;
  resolve: (series: DailySeries) => void;
  reject: (error: unknown) => void;
}

/** A provider whose answers the test releases by hand. */
class ManualProvider implements HistoryProvider {
  readonly name = "manual";
  readonly calls: Pending[] = [];

  fetchHistory(symbol: string, request?: HistoryRequest): Promise<DailySeries> {
    return new Promise((resolve, reject) => this.calls.push({ symbol, request, resolve, reject }));
  }
}

/** A SeriesCache in a Map, counting reads. */
class MapCache implements SeriesCache {
  readonly entries = new Map<string, DailySeries>();
  reads = 0;

  async get(key: string): Promise<DailySeries | null> {
    this.reads++;
    return this.entries.get(key) ?? null;
  }
  async set(key: string, series: DailySeries): Promise<void> {
    this.entries.set(key, series);
  }
  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
  async clear(): Promise<void> {
    this.entries.clear();
  }
}

const NO_COUNTS = { requests: 0, cacheHits: 0, coalesced: 0, errors: 0, retries: 0, staleAnswers: 0, persistentHits: 0 };

async function settle<T>(promises: Promise<T>[]): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(promises);
}

describe("HistoryStore", () => {
  it("20 concurrent gets of one symbol make 1 upstream request; a second round is served from cache", async () => {
    const server = await startReplayServer([
      {
        path: "/v8/finance/chart/TSLA",
        respond: replayOf(yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json"), { delayMs: 50 }),
      },
    ]);
    try {
      const store = new HistoryStore(new YahooProvider({ baseUrl: server.url }));
      const spellings = ["TSLA", "tsla", " Tsla "];
      const first = await Promise.all(Array.from({ length: 20 }, (_, i) => store.get(parseTicker(spellings[i % 3]))));
      expect(server.requests).toHaveLength(1);
      expect(new Set(first).size).toBe(1);
      expect(first[0].days.length).toBe(3303);
      expect(store.stats()).toEqual({ ...NO_COUNTS, requests: 1, coalesced: 19 });

      const second = await Promise.all(Array.from({ length: 20 }, () => store.get(parseTicker("TSLA"))));
      expect(server.requests).toHaveLength(1);
      expect(second[0]).toBe(first[0]);
      expect(store.stats()).toEqual({ ...NO_COUNTS, requests: 1, cacheHits: 20, coalesced: 19 });
    } finally {
      await server.close();
    }
  });

  it("fetches different symbols separately and names its provider", async () => {
    const provider = new ManualProvider();
    const store = new HistoryStore(provider);
    expect(store.providerName).toBe("manual");
    const iwm = store.get(parseTicker("IWM"));
    const qqq = store.get(parseTicker("QQQ"));
    expect(provider.calls.map((c) => c.symbol)).toEqual(["IWM", "QQQ"]);
    provider.calls[0].resolve(makeSeries("IWM", [1, 2]));
    provider.calls[1].resolve(makeSeries("QQQ", [3, 4]));
    expect((await iwm).symbol).toBe("IWM");
    expect((await qqq).symbol).toBe("QQQ");
  });

  it("shares one failure with every concurrent waiter and remembers it for DEFAULT_FAILURE_MEMORY_MS", async () => {
    const provider = new ManualProvider();
    let now = 1_000;
    const store = new HistoryStore(provider, { now: () => now });
    const waiters = Array.from({ length: 5 }, () => store.get(parseTicker("IWM")));
    expect(provider.calls).toHaveLength(1);
    const failure = new MarketDataError("unavailable", "Yahoo is unavailable (HTTP 503) for IWM: try again later", "IWM");
    provider.calls[0].reject(failure);
    const results = await settle(waiters);
    for (const result of results) expect(result).toEqual({ status: "rejected", reason: failure });
    expect(store.stats()).toMatchObject({ requests: 1, coalesced: 4, errors: 1 });

    now += DEFAULT_FAILURE_MEMORY_MS - 1;
    expect(await settle([store.get(parseTicker("IWM"))])).toEqual([{ status: "rejected", reason: failure }]);
    expect(provider.calls).toHaveLength(1);

    now += 1;
    const retry = store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(2);
    provider.calls[1].resolve(makeSeries("IWM", [1, 2, 3]));
    expect((await retry).days.length).toBe(3);
    expect(store.stats()).toEqual({ ...NO_COUNTS, requests: 2, coalesced: 4, errors: 1 });
  });

  it("turns a provider's stray exception (sync or async) into a MarketDataError", async () => {
    const throwing: HistoryProvider = {
      name: "broken",
      fetchHistory: () => {
        throw new TypeError("boom");
      },
    };
    const store = new HistoryStore(throwing);
    const error = await store.get(parseTicker("IWM")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketDataError);
    expect(error).toMatchObject({ kind: "unavailable", symbol: "IWM", message: "Provider broken failed for IWM: boom" });
  });

  it("clear() forgets cached series; a request in flight during clear() does not refill the cache", async () => {
    const provider = new ManualProvider();
    const store = new HistoryStore(provider);
    const first = store.get(parseTicker("IWM"));
    provider.calls[0].resolve(makeSeries("IWM", [1]));
    await first;
    store.clear();
    const second = store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(2);
    store.clear();
    provider.calls[1].resolve(makeSeries("IWM", [1, 2]));
    expect((await second).days.length).toBe(2);
    const third = store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(3);
    provider.calls[2].resolve(makeSeries("IWM", [1, 2, 3]));
    expect((await third).days.length).toBe(3);
    await store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(3);
  });
});

const at = (iso: string): number => Date.parse(iso);
/** Tuesday 2025-01-14, 10:00 in New York: fresh until 16:20 (21:20 UTC). */
const TUESDAY_MORNING = at("2025-01-14T15:00:00Z");
const TUESDAY_STALE = at("2025-01-14T21:20:00Z");

function fetched(closes: number[], fetchedAt: number, firstIso = "2025-01-02"): DailySeries {
  return { ...makeSeries("IWM", closes, firstIso), fetchedAt };
}

/** A store over a ManualProvider with a clock the test moves. */
function storeAt(start: number, options: { cache?: SeriesCache; supportsSince?: boolean; cacheTimeoutMs?: number } = {}) {
  const clock = { time: start };
  const provider = new ManualProvider();
  const store = new HistoryStore(provider, { ...options, now: () => clock.time });
  return { clock, provider, store };
}

describe("HistoryStore freshness", () => {
  it("keeps a series until the market clock says stale, then refetches the whole history", async () => {
    const { clock, provider, store } = storeAt(TUESDAY_MORNING);
    const first = store.get(parseTicker("IWM"));
    provider.calls[0].resolve(fetched([1, 2, 3], TUESDAY_MORNING));
    await first;
    clock.time = TUESDAY_STALE - 1;
    await store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(1);
    clock.time = TUESDAY_STALE;
    const second = store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(2);
    expect(provider.calls[1].request).toBeUndefined();
    provider.calls[1].resolve(fetched([1, 2, 3, 4], TUESDAY_STALE));
    expect((await second).days.length).toBe(4);
    expect(store.stats()).toEqual({ ...NO_COUNTS, requests: 2, cacheHits: 1 });
  });

  it("with supportsSince, fetches only the missing tail of a stale copy and merges it", async () => {
    const { clock, provider, store } = storeAt(at("2025-01-15T17:00:00Z"), { supportsSince: true });
    const first = store.get(parseTicker("IWM"));
    provider.calls[0].resolve(fetched([100, 101, 102, 103, 104, 105, 106, 107, 108, 109.5], clock.time));
    await first;
    clock.time = at("2025-01-17T22:00:00Z");
    const second = store.get(parseTicker("IWM"));
    expect(provider.calls[1].request).toEqual({ since: dayOfIso("2025-01-08") });
    provider.calls[1].resolve(fetched([104, 105, 106, 107, 108, 110, 111, 112], clock.time, "2025-01-08"));
    const merged = await second;
    expect(Array.from(merged.adjClose)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 110, 111, 112]);
    expect(merged.fetchedAt).toBe(clock.time);
    expect(provider.calls).toHaveLength(2);
    expect(store.stats().requests).toBe(2);
  });

  it("with supportsSince, refetches the full history when the tail shows a re-adjusted history", async () => {
    const { clock, provider, store } = storeAt(at("2025-01-15T17:00:00Z"), { supportsSince: true });
    const first = store.get(parseTicker("IWM"));
    provider.calls[0].resolve(fetched([100, 101, 102, 103, 104, 105, 106, 107, 108, 109.5], clock.time));
    await first;
    clock.time = at("2025-01-17T22:00:00Z");
    const second = store.get(parseTicker("IWM"));
    provider.calls[1].resolve(
      fetched(
        [104, 105, 106, 107, 108, 110, 111, 112].map((x) => x * 0.99),
        clock.time,
        "2025-01-08",
      ),
    );
    await drainMicrotasks();
    expect(provider.calls).toHaveLength(3);
    expect(provider.calls[2].request).toBeUndefined();
    const full = fetched([99, 99.99, 100.98, 101.97, 102.96, 103.95, 104.94, 105.93, 106.92, 108.9, 109.89, 110.88], clock.time);
    provider.calls[2].resolve(full);
    expect(await second).toBe(full);
    expect(store.stats().requests).toBe(3);
  });

  it("answers a failed refresh with the older copy marked stale, and waits a minute before asking again", async () => {
    const { clock, provider, store } = storeAt(TUESDAY_MORNING);
    const first = store.get(parseTicker("IWM"));
    provider.calls[0].resolve(fetched([1, 2, 3], TUESDAY_MORNING));
    const original = await first;
    clock.time = TUESDAY_STALE + 1000;
    const failing = store.get(parseTicker("IWM"));
    const coalesced = store.get(parseTicker("iwm"));
    provider.calls[1].reject(new MarketDataError("unavailable", "Yahoo is unavailable (HTTP 503) for IWM: try again later", "IWM"));
    const stale = await failing;
    expect(stale.staleBecause).toBe("Yahoo is unavailable (HTTP 503) for IWM: try again later");
    expect(stale.adjClose).toBe(original.adjClose);
    expect(stale.fetchedAt).toBe(TUESDAY_MORNING);
    expect(original.staleBecause).toBeUndefined();
    expect(await coalesced).toBe(stale);
    expect(store.stats()).toEqual({ ...NO_COUNTS, requests: 2, coalesced: 1, errors: 1, staleAnswers: 2 });

    clock.time += 59_000;
    expect((await store.get(parseTicker("IWM"))).staleBecause).toBeDefined();
    expect(provider.calls).toHaveLength(2);
    expect(store.stats()).toMatchObject({ cacheHits: 1, staleAnswers: 3 });

    clock.time += 1000;
    const retry = store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(3);
    provider.calls[2].resolve(fetched([1, 2, 3, 4], clock.time));
    expect((await retry).staleBecause).toBeUndefined();
  });

  it("refresh() refetches on the next get even while fresh, and keeps the copy as the fallback", async () => {
    const { provider, store } = storeAt(TUESDAY_MORNING);
    const first = store.get(parseTicker("IWM"));
    provider.calls[0].resolve(fetched([1, 2, 3], TUESDAY_MORNING));
    await first;
    store.refresh();
    const second = store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(2);
    provider.calls[1].reject(new MarketDataError("rate-limited", "Yahoo is rate-limiting requests (HTTP 429) for IWM", "IWM"));
    expect((await second).staleBecause).toBe("Yahoo is rate-limiting requests (HTTP 429) for IWM");
  });

  it("does not re-request for a minute a series that arrived already old (a relay's cached copy)", async () => {
    const { clock, provider, store } = storeAt(TUESDAY_MORNING);
    const first = store.get(parseTicker("IWM"));
    provider.calls[0].resolve(fetched([1, 2, 3], at("2025-01-10T15:00:00Z")));
    await first;
    clock.time += 59_999;
    await store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(1);
    clock.time += 1;
    void store.get(parseTicker("IWM"));
    expect(provider.calls).toHaveLength(2);
  });

  it("adds the retries of a provider that counts them", () => {
    const counting = Object.assign(new ManualProvider(), { retryCount: () => 7 });
    expect(new HistoryStore(counting).stats().retries).toBe(7);
  });
});

describe("HistoryStore with a persistent cache", () => {
  it("answers a fresh persistent copy without asking the provider, then from memory", async () => {
    const cache = new MapCache();
    const stored = fetched([1, 2, 3], TUESDAY_MORNING - 3_600_000);
    cache.entries.set("manual:IWM", stored);
    const { provider, store } = storeAt(TUESDAY_MORNING, { cache });
    expect(await store.get(parseTicker("iwm"))).toBe(stored);
    expect(await store.get(parseTicker("IWM"))).toBe(stored);
    expect(provider.calls).toHaveLength(0);
    expect(cache.reads).toBe(1);
    expect(store.stats()).toEqual({ ...NO_COUNTS, persistentHits: 1, cacheHits: 1 });
  });

  it("writes what it fetched, but never a stale answer", async () => {
    const cache = new MapCache();
    const { clock, provider, store } = storeAt(TUESDAY_MORNING, { cache });
    const first = store.get(parseTicker("IWM"));
    await drainMicrotasks();
    const series = fetched([1, 2, 3], TUESDAY_MORNING);
    provider.calls[0].resolve(series);
    await first;
    await store.flush();
    expect(cache.entries.get("manual:IWM")).toBe(series);

    clock.time = TUESDAY_STALE;
    const second = store.get(parseTicker("IWM"));
    await drainMicrotasks();
    provider.calls[1].reject(new MarketDataError("unavailable", "down", "IWM"));
    expect((await second).staleBecause).toBe("down");
    await store.flush();
    expect(cache.entries.get("manual:IWM")).toBe(series);
  });

  it("answers a stale persistent copy, marked, when the provider fails (offline)", async () => {
    const cache = new MapCache();
    cache.entries.set("manual:IWM", fetched([1, 2, 3], at("2025-01-10T15:00:00Z")));
    const { provider, store } = storeAt(TUESDAY_MORNING, { cache });
    const answer = store.get(parseTicker("IWM"));
    await drainMicrotasks();
    expect(provider.calls).toHaveLength(1);
    provider.calls[0].reject(new MarketDataError("unavailable", "Could not reach Yahoo for IWM: connection refused", "IWM"));
    expect(await answer).toMatchObject({
      staleBecause: "Could not reach Yahoo for IWM: connection refused",
      fetchedAt: at("2025-01-10T15:00:00Z"),
    });
    expect(store.stats()).toEqual({ ...NO_COUNTS, requests: 1, errors: 1, staleAnswers: 1 });
  });

  it("with supportsSince, asks only for the tail of a stale persistent copy", async () => {
    const cache = new MapCache();
    cache.entries.set("manual:IWM", fetched([100, 101, 102, 103, 104, 105, 106, 107, 108, 109.5], at("2025-01-15T17:00:00Z")));
    const { provider, store } = storeAt(at("2025-01-17T22:00:00Z"), { cache, supportsSince: true });
    const answer = store.get(parseTicker("IWM"));
    await drainMicrotasks();
    expect(provider.calls[0].request).toEqual({ since: dayOfIso("2025-01-08") });
    provider.calls[0].resolve(fetched([104, 105, 106, 107, 108, 110, 111, 112], at("2025-01-17T22:00:00Z"), "2025-01-08"));
    expect((await answer).days.length).toBe(12);
  });

  it("prefers a fresher persistent copy (another instance refreshed it) to a stale one in memory", async () => {
    const cache = new MapCache();
    const { clock, provider, store } = storeAt(TUESDAY_MORNING, { cache });
    const first = store.get(parseTicker("IWM"));
    await drainMicrotasks();
    provider.calls[0].resolve(fetched([1, 2, 3], TUESDAY_MORNING));
    await first;
    clock.time = TUESDAY_STALE + 60_000;
    const newer = fetched([1, 2, 3, 4], TUESDAY_STALE + 30_000);
    cache.entries.set("manual:IWM", newer);
    expect(await store.get(parseTicker("IWM"))).toBe(newer);
    expect(provider.calls).toHaveLength(1);
  });

  it("makes one persistent read and one request for many concurrent gets", async () => {
    const cache = new MapCache();
    const { provider, store } = storeAt(TUESDAY_MORNING, { cache });
    const gets = Array.from({ length: 10 }, () => store.get(parseTicker("IWM")));
    await drainMicrotasks();
    provider.calls[0].resolve(fetched([1, 2], TUESDAY_MORNING));
    await Promise.all(gets);
    expect(cache.reads).toBe(1);
    expect(provider.calls).toHaveLength(1);
    expect(store.stats()).toMatchObject({ requests: 1, coalesced: 9 });
  });

  it("treats a persistent cache that hangs or rejects as a miss", async () => {
    const hanging: SeriesCache = {
      get: () => new Promise(() => undefined),
      set: () => new Promise(() => undefined),
      delete: async () => undefined,
      clear: async () => undefined,
    };
    const { provider, store } = storeAt(TUESDAY_MORNING, { cache: hanging, cacheTimeoutMs: 30 });
    const answer = store.get(parseTicker("IWM"));
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(provider.calls).toHaveLength(1);
    provider.calls[0].resolve(fetched([1], TUESDAY_MORNING));
    expect((await answer).days.length).toBe(1);
    await store.flush(); // the hung write is given up after the timeout too

    const broken: SeriesCache = {
      get: () => Promise.reject(new Error("IndexedDB is broken")),
      set: () => {
        throw new Error("sync failure");
      },
      delete: async () => undefined,
      clear: async () => undefined,
    };
    const second = storeAt(TUESDAY_MORNING, { cache: broken });
    const other = second.store.get(parseTicker("QQQ"));
    await drainMicrotasks();
    second.provider.calls[0].resolve(fetched([1, 2], TUESDAY_MORNING));
    expect((await other).days.length).toBe(2);
    await second.store.flush();
  });

  it("clear() refetches persistent copies too, keeping them as the fallback", async () => {
    const cache = new MapCache();
    const stored = fetched([1, 2, 3], TUESDAY_MORNING - 1000);
    cache.entries.set("manual:IWM", stored);
    const { provider, store } = storeAt(TUESDAY_MORNING, { cache });
    expect(await store.get(parseTicker("IWM"))).toBe(stored);
    store.clear();
    const again = store.get(parseTicker("IWM"));
    await drainMicrotasks();
    expect(provider.calls).toHaveLength(1);
    provider.calls[0].reject(new MarketDataError("unavailable", "down", "IWM"));
    expect(await again).toMatchObject({ staleBecause: "down", adjClose: stored.adjClose });
  });
});

describe("HistoryStore failure reasons", () => {
  const outage = (symbol: string) => new MarketDataError("unavailable", `Could not reach Yahoo for ${symbol}: host name not found`, symbol);

  it("counts failed refreshes by reason, one reason for an outage whatever the ticker, most frequent first", async () => {
    const provider = new ManualProvider();
    let now = 1_000;
    const store = new HistoryStore(provider, { now: () => now });
    expect(store.recentFailures()).toEqual([]);
    const gets = ["IWM", "QQQ", "SPY"].map((symbol) => store.get(parseTicker(symbol)));
    provider.calls[0].reject(outage("IWM"));
    provider.calls[1].reject(outage("QQQ"));
    await settle(gets.slice(0, 2));
    now = 2_000;
    provider.calls[2].reject(new MarketDataError("unknown-symbol", "Yahoo does not know SPY", "SPY"));
    await settle(gets);

    expect(store.recentFailures()).toEqual([
      {
        kind: "unavailable",
        reason: "Could not reach Yahoo for {ticker}: host name not found",
        example: "Could not reach Yahoo for QQQ: host name not found",
        count: 2,
        tickers: ["IWM", "QQQ"],
        moreTickers: false,
        lastAt: 1_000,
      },
      {
        kind: "unknown-symbol",
        reason: "Yahoo does not know {ticker}",
        example: "Yahoo does not know SPY",
        count: 1,
        tickers: ["SPY"],
        moreTickers: false,
        lastAt: 2_000,
      },
    ]);
    // A failure answers for DEFAULT_FAILURE_MEMORY_MS without asking again (nor counting again)...
    now = 1_000 + DEFAULT_FAILURE_MEMORY_MS - 1;
    expect(await settle([store.get(parseTicker("IWM"))])).toMatchObject([
      { status: "rejected", reason: { message: outage("IWM").message } },
    ]);
    expect(provider.calls).toHaveLength(3);
    // ...then a new round asks again and counts again.
    now = 1_000 + DEFAULT_FAILURE_MEMORY_MS;
    const again = store.get(parseTicker("IWM"));
    provider.calls[3].reject(outage("IWM"));
    await settle([again]);
    expect(store.recentFailures()[0]).toMatchObject({ count: 3, tickers: ["IWM", "QQQ"], example: expect.stringContaining("IWM") });
  });

  it("counts a failed refresh that a stale copy answered", async () => {
    const provider = new ManualProvider();
    const store = new HistoryStore(provider, { now: () => 0, recheckAfterMs: 0 });
    const first = store.get(parseTicker("IWM"));
    provider.calls[0].resolve(makeSeries("IWM", [1, 2, 3]));
    await first;
    store.refresh();
    const stale = store.get(parseTicker("IWM"));
    provider.calls[1].reject(outage("IWM"));
    expect((await stale).staleBecause).toBeDefined();
    expect(store.recentFailures()).toMatchObject([{ kind: "unavailable", count: 1, tickers: ["IWM"] }]);
  });

  it("keeps at most MAX_FAILURE_REASONS reasons, dropping the least recently seen, and names a few tickers", async () => {
    const provider = new ManualProvider();
    let now = 0;
    const store = new HistoryStore(provider, { now: () => now });
    const symbols = Array.from({ length: MAX_FAILURE_REASONS + 2 }, (_, i) => `T${i}`);
    for (const symbol of symbols) {
      now++;
      const get = store.get(parseTicker(symbol));
      provider.calls.at(-1)!.reject(new MarketDataError("unavailable", `Reason number ${symbol.slice(1)} for ${symbol}`, symbol));
      await settle([get]);
    }
    const reasons = store.recentFailures();
    expect(reasons).toHaveLength(MAX_FAILURE_REASONS);
    expect(reasons.map((r) => r.example)).not.toContain("Reason number 0 for T0");
    expect(reasons[0].example).toBe(`Reason number ${MAX_FAILURE_REASONS + 1} for T${MAX_FAILURE_REASONS + 1}`);

    const many = Array.from({ length: MAX_REASON_TICKERS + 3 }, (_, i) => `X${i}`);
    const gets = many.map((symbol) => store.get(parseTicker(symbol)));
    many.forEach((symbol, i) => provider.calls.at(-many.length + i)!.reject(outage(symbol)));
    await settle(gets);
    expect(store.recentFailures()[0]).toMatchObject({ count: many.length, tickers: many.slice(0, MAX_REASON_TICKERS), moreTickers: true });
  });
});

describe("reasonOf", () => {
  it("replaces the ticker only where it stands alone", () => {
    expect(reasonOf("Could not reach Yahoo for A: host name not found", "A")).toBe(
      "Could not reach Yahoo for {ticker}: host name not found",
    );
    expect(reasonOf("BRK-B and BRK-B.", "BRK-B")).toBe("{ticker} and {ticker}.");
    expect(reasonOf("^GSPC: no data", "^GSPC")).toBe("{ticker}: no data");
    expect(reasonOf("AAPL is not AAP", "AAP")).toBe("AAPL is not {ticker}");
    expect(reasonOf("no ticker here", null)).toBe("no ticker here");
  });
});

describe("formatStats", () => {
  it("puts the counters in a few lines for people", () => {
    const text = formatStats({ requests: 12, cacheHits: 40, coalesced: 19, errors: 1, retries: 3, staleAnswers: 2, persistentHits: 5 });
    expect(text.split("\n")).toEqual([
      "Upstream requests: 12 (3 retries, 1 failure)",
      "Answered from memory: 40, from the persistent cache: 5, by joining a request in flight: 19",
      "Stale answers (refresh failed, older copy served): 2",
    ]);
    expect(formatStats({ ...NO_COUNTS, retries: 1 })).toContain("(1 retry, 0 failures)");
  });
});
