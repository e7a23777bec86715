import { DailySeries, HistoryProvider, MarketDataError, parseTicker } from "../../../../src/market/core";
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { createStore, set as idbSet, UseStore } from "idb-keyval";
import { HistoryStore } from "../../../../src/market/store";
import { IndexedDbSeriesCache, SERIES_DB_NAME, SERIES_STORE_NAME } from "../../../../src/market/store/browser";
import { makeSeries } from "../../../support/series-builder";

const FETCHED_AT = Date.parse("2025-01-14T15:00:00Z"); // Tuesday 10:00 in New York
const SAME_DAY = FETCHED_AT + 3_600_000;
const NEXT_WEEK = FETCHED_AT + 7 * 86_400_000;

/** Answers from a function and counts calls. */
class CountingProvider implements HistoryProvider {
  readonly name = "yahoo";
  calls = 0;
  constructor(private readonly answer: (symbol: string) => Promise<DailySeries>) {}
  fetchHistory(symbol: string): Promise<DailySeries> {
    this.calls++;
    return this.answer(symbol);
  }
}

const series = (symbol = "IWM"): DailySeries => ({
  ...makeSeries(symbol, [100, 101.5, NaN, 103]),
  provider: "yahoo",
  fetchedAt: FETCHED_AT,
});

beforeEach(() => {
  // A new, empty IndexedDB per test: what a fresh browser profile would have.
  globalThis.indexedDB = new IDBFactory();
});

describe("IndexedDbSeriesCache", () => {
  it("stores a series and reads it back with typed columns, missing values included", async () => {
    const cache = new IndexedDbSeriesCache();
    await cache.set("yahoo:IWM", series());
    const back = await cache.get("yahoo:IWM");
    expect(back).not.toBeNull();
    expect(back?.days).toBeInstanceOf(Int32Array);
    expect(back?.adjClose).toBeInstanceOf(Float64Array);
    expect(Array.from(back?.adjClose ?? [])).toEqual([100, 101.5, NaN, 103]);
    expect(back).toEqual(series());
  });

  it("uses the rotation-desk database and its series store, holding SeriesJson", async () => {
    await new IndexedDbSeriesCache().set("yahoo:IWM", series());
    const raw = await new Promise<unknown>((resolve, reject) => {
      const open = indexedDB.open(SERIES_DB_NAME);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const request = open.result.transaction(SERIES_STORE_NAME).objectStore(SERIES_STORE_NAME).get("yahoo:IWM");
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      };
    });
    // Plain arrays (structured clone keeps NaN), not typed arrays: the SeriesJson wire form.
    expect(raw).toMatchObject({ symbol: "IWM", provider: "yahoo", fetchedAt: FETCHED_AT, adjClose: [100, 101.5, NaN, 103] });
    expect(Array.isArray((raw as { days: unknown }).days)).toBe(true);
    expect(SERIES_DB_NAME).toBe("rotation-desk");
    expect(SERIES_STORE_NAME).toBe("series");
  });

  it("answers null for a key it does not have, and forgets deleted and cleared entries", async () => {
    const cache = new IndexedDbSeriesCache();
    expect(await cache.get("yahoo:NONE")).toBeNull();
    await cache.set("yahoo:IWM", series());
    await cache.set("yahoo:QQQ", series("QQQ"));
    await cache.delete("yahoo:IWM");
    expect(await cache.get("yahoo:IWM")).toBeNull();
    expect((await cache.get("yahoo:QQQ"))?.symbol).toBe("QQQ");
    await cache.clear();
    expect(await cache.get("yahoo:QQQ")).toBeNull();
  });

  it("treats an unreadable entry as a miss", async () => {
    await idbSet("yahoo:IWM", { symbol: "IWM", provider: "yahoo", days: [3, 2, 1] }, createStore(SERIES_DB_NAME, SERIES_STORE_NAME));
    expect(await new IndexedDbSeriesCache().get("yahoo:IWM")).toBeNull();
  });

  it("never rejects when IndexedDB fails, throws, or is missing altogether", async () => {
    const rejecting: UseStore = () => Promise.reject(new DOMException("quota exceeded", "QuotaExceededError"));
    const throwing: UseStore = () => {
      throw new Error("blocked");
    };
    for (const store of [rejecting, throwing]) {
      const cache = new IndexedDbSeriesCache({ store });
      await expect(cache.set("yahoo:IWM", series())).resolves.toBeUndefined();
      await expect(cache.get("yahoo:IWM")).resolves.toBeNull();
      await expect(cache.delete("yahoo:IWM")).resolves.toBeUndefined();
      await expect(cache.clear()).resolves.toBeUndefined();
    }
    const saved = globalThis.indexedDB;
    try {
      // @ts-expect-error: a webview without IndexedDB
      delete globalThis.indexedDB;
      const cache = new IndexedDbSeriesCache();
      await expect(cache.set("yahoo:IWM", series())).resolves.toBeUndefined();
      await expect(cache.get("yahoo:IWM")).resolves.toBeNull();
    } finally {
      globalThis.indexedDB = saved;
    }
  });
});

describe("HistoryStore over IndexedDB", () => {
  it("reopening a workbook: a new store over a new cache answers from IndexedDB with no request", async () => {
    const first = new CountingProvider(async (symbol) => series(symbol));
    const session1 = new HistoryStore(first, { cache: new IndexedDbSeriesCache(), now: () => FETCHED_AT });
    await Promise.all(["IWM", "QQQ", "IWM"].map((s) => session1.get(parseTicker(s))));
    await session1.flush();
    expect(first.calls).toBe(2);

    const second = new CountingProvider(async () => {
      throw new Error("must not be called");
    });
    const session2 = new HistoryStore(second, { cache: new IndexedDbSeriesCache(), now: () => SAME_DAY });
    const [iwm, qqq] = await Promise.all([session2.get(parseTicker("IWM")), session2.get(parseTicker("qqq"))]);
    expect(second.calls).toBe(0);
    expect(iwm).toEqual(series("IWM"));
    expect(qqq.symbol).toBe("QQQ");
    expect(session2.stats()).toMatchObject({ requests: 0, persistentHits: 2 });
  });

  it("offline: a stale copy in IndexedDB answers, marked stale, when the provider fails", async () => {
    const cache = new IndexedDbSeriesCache();
    await cache.set("yahoo:IWM", series());
    const offline = new CountingProvider(() =>
      Promise.reject(new MarketDataError("unavailable", "Could not reach the data server for IWM: connection refused", "IWM")),
    );
    const store = new HistoryStore(offline, { cache: new IndexedDbSeriesCache(), now: () => NEXT_WEEK });
    const answer = await store.get(parseTicker("IWM"));
    expect(offline.calls).toBe(1);
    expect(answer.staleBecause).toBe("Could not reach the data server for IWM: connection refused");
    expect(Array.from(answer.adjClose)).toEqual([100, 101.5, NaN, 103]);
    expect(store.stats()).toMatchObject({ requests: 1, errors: 1, staleAnswers: 1, persistentHits: 0 });
  });

  it("a stale copy is refetched when the provider is back, and the new copy is stored", async () => {
    const cache = new IndexedDbSeriesCache();
    await cache.set("yahoo:IWM", series());
    const fresh = { ...series(), fetchedAt: NEXT_WEEK, adjClose: Float64Array.from([1, 2, 3, 4]) };
    const store = new HistoryStore(new CountingProvider(async () => fresh), { cache, now: () => NEXT_WEEK });
    expect(await store.get(parseTicker("IWM"))).toBe(fresh);
    await store.flush();
    expect((await new IndexedDbSeriesCache().get("yahoo:IWM"))?.fetchedAt).toBe(NEXT_WEEK);
  });
});
