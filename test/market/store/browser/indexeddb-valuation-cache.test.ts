import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { createStore, set as idbSet } from "idb-keyval";
import { EarningsHistory, parseTicker, SnapshotOutcome, SnapshotProvider, Ticker, TickerSnapshot } from "../../../../src/market/core";
import { SnapshotStore } from "../../../../src/market/store";
import { indexedDbValuationCaches, SNAPSHOT_DB_NAME, SNAPSHOT_STORE_NAME } from "../../../../src/market/store/browser";

const FETCHED_AT = Date.parse("2025-02-18T15:00:00Z");

const snapshot = (symbol: string): TickerSnapshot => ({
  symbol,
  provider: "yahoo",
  fetchedAt: FETCHED_AT,
  priceTime: null,
  kind: "fund",
  currency: "USD",
  price: 538.15,
  epsTrailing: null,
  epsForward: null,
  peTrailingPublished: 35.07033,
  peForwardPublished: null,
  marketCap: 211546767360,
  sharesOutstanding: 393100000,
  notes: [],
  demo: false,
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe("the add-in's valuation caches in IndexedDB", () => {
  it("round-trip a snapshot and an earnings history", async () => {
    const { snapshotCache, earningsCache } = indexedDbValuationCaches();
    const history: EarningsHistory = {
      symbol: "MSFT",
      provider: "fmp",
      fetchedAt: FETCHED_AT,
      currency: null,
      quarters: [{ periodEnd: null, reportedOn: 20118, eps: 3.46 }],
      demo: false,
    };
    await snapshotCache.set("yahoo:QQQ", snapshot("QQQ"));
    await earningsCache.set("fmp:MSFT", history);
    expect(await snapshotCache.get("yahoo:QQQ")).toEqual(snapshot("QQQ"));
    expect(await earningsCache.get("fmp:MSFT")).toEqual(history);
  });

  it("misses on a damaged value", async () => {
    await idbSet("yahoo:BAD", { symbol: "BAD" }, createStore(SNAPSHOT_DB_NAME, SNAPSHOT_STORE_NAME));
    expect(await indexedDbValuationCaches().snapshotCache.get("yahoo:BAD")).toBeNull();
  });

  it("answers a reopened workbook from today's copy without a request", async () => {
    let calls = 0;
    const provider: SnapshotProvider = {
      name: "yahoo",
      snapshotsPerRequest: 50,
      fetchSnapshots: async (tickers: readonly Ticker[]) => {
        calls++;
        return new Map<Ticker, SnapshotOutcome>(tickers.map((t) => [t, snapshot(t)]));
      },
    };
    const now = () => FETCHED_AT + 60_000;
    const session = new SnapshotStore(provider, { now, ...indexedDbValuationCaches() });
    await session.snapshot(parseTicker("QQQ"));
    await session.flush();
    const reopened = new SnapshotStore(provider, { now, ...indexedDbValuationCaches() });
    expect(await reopened.snapshot(parseTicker("QQQ"))).toEqual(snapshot("QQQ"));
    expect(calls).toBe(1);
    expect(reopened.stats()).toMatchObject({ persistentHits: 1 });
  });
});
