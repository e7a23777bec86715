import {
  MarketDataError,
  parseTicker,
  SnapshotOutcome,
  SnapshotProvider,
  SnapshotStore,
  Ticker,
  TickerSnapshot,
} from "../../../src/market";
import type { PersistentCache } from "../../../src/market";

/** The snapshot store: once per ticker per day, batched and coalesced, stale copies counted, persistent caches. */

const NOW = Date.parse("2025-02-18T15:00:00Z"); // a Tuesday, during the US session
const DAY = 86_400_000;

function snapshotOf(symbol: string, fetchedAt: number, price = 100): TickerSnapshot {
  return {
    symbol,
    provider: "fake",
    fetchedAt,
    priceTime: fetchedAt,
    kind: "equity",
    currency: "USD",
    price,
    epsTrailing: 5,
    epsForward: 6,
    peTrailingPublished: null,
    peForwardPublished: null,
    marketCap: 1e9,
    sharesOutstanding: 1e7,
    notes: [],
    demo: false,
  };
}

class FakeSnapshots implements SnapshotProvider {
  readonly name = "fake";
  readonly calls: Ticker[][] = [];
  failWith: MarketDataError | null = null;
  constructor(
    readonly snapshotsPerRequest: number,
    private readonly clock: { now: number },
  ) {}
  async fetchSnapshots(tickers: readonly Ticker[]): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    this.calls.push([...tickers]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return new Map(
      tickers.map((t) => [
        t,
        this.failWith ?? (t === "NOPE" ? new MarketDataError("unknown-symbol", `no ${t}`, t) : snapshotOf(t, this.clock.now)),
      ]),
    );
  }
}

class MemoryCache implements PersistentCache<TickerSnapshot> {
  readonly values = new Map<string, TickerSnapshot>();
  async get(key: string) {
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: TickerSnapshot) {
    this.values.set(key, value);
  }
  async delete(key: string) {
    this.values.delete(key);
  }
  async clear() {
    this.values.clear();
  }
}

const tickers = (...symbols: string[]) => symbols.map(parseTicker);

describe("SnapshotStore", () => {
  it("batches the calls of one recalculation into requests of snapshotsPerRequest tickers, and coalesces repeats", async () => {
    const clock = { now: NOW };
    const provider = new FakeSnapshots(2, clock);
    const store = new SnapshotStore(provider, { now: () => clock.now });
    const asked = tickers("AAA", "BBB", "CCC", "AAA", "DDD", "EEE");
    const answers = await Promise.all(asked.map((t) => store.snapshot(t)));
    expect(answers.map((a) => a.symbol)).toEqual(["AAA", "BBB", "CCC", "AAA", "DDD", "EEE"]);
    expect(provider.calls.map((c) => c.length).sort()).toEqual([1, 2, 2]);
    expect(provider.calls.flat().sort()).toEqual(["AAA", "BBB", "CCC", "DDD", "EEE"]);
    expect(store.stats()).toMatchObject({ requests: 3, coalesced: 1 });
  });

  it("fetches a ticker once a day: later calls are memory hits until the next US close has settled", async () => {
    const clock = { now: NOW };
    const provider = new FakeSnapshots(50, clock);
    const store = new SnapshotStore(provider, { now: () => clock.now });
    await store.snapshot(parseTicker("AAA"));
    clock.now = NOW + 3 * 3_600_000;
    await store.snapshot(parseTicker("AAA"));
    expect(provider.calls).toHaveLength(1);
    expect(store.stats()).toMatchObject({ requests: 1, cacheHits: 1 });
    clock.now = NOW + DAY;
    await store.snapshot(parseTicker("AAA"));
    expect(provider.calls).toHaveLength(2);
  });

  it("answers an older copy, marked stale with the failure and counted, when a refresh fails", async () => {
    const clock = { now: NOW };
    const provider = new FakeSnapshots(50, clock);
    const store = new SnapshotStore(provider, { now: () => clock.now });
    const fresh = await store.snapshot(parseTicker("AAA"));
    clock.now = NOW + DAY;
    provider.failWith = new MarketDataError("unavailable", "Fake is down for AAA", "AAA");
    const stale = await store.snapshot(parseTicker("AAA"));
    expect(stale).toMatchObject({ fetchedAt: fresh.fetchedAt, provider: "fake", staleBecause: "Fake is down for AAA" });
    expect(store.stats()).toMatchObject({ staleAnswers: 1, errors: 1 });
    expect(store.recentFailures()[0]).toMatchObject({ kind: "unavailable" });
  });

  it("a ticker's failure is its own: the rest of the batch is answered", async () => {
    const clock = { now: NOW };
    const store = new SnapshotStore(new FakeSnapshots(50, clock), { now: () => clock.now });
    const [good, bad] = await Promise.allSettled(tickers("AAA", "NOPE").map((t) => store.snapshot(t)));
    expect(good).toMatchObject({ status: "fulfilled", value: { symbol: "AAA" } });
    expect(bad).toMatchObject({ status: "rejected", reason: { kind: "unknown-symbol", symbol: "NOPE" } });
  });

  it("reads today's copy from the persistent cache (another session fetched it) and writes what it fetches", async () => {
    const clock = { now: NOW };
    const cache = new MemoryCache();
    const provider = new FakeSnapshots(50, clock);
    const first = new SnapshotStore(provider, { now: () => clock.now, snapshotCache: cache });
    await first.snapshot(parseTicker("AAA"));
    await first.flush();
    expect([...cache.values.values()].map((s) => s.symbol)).toEqual(["AAA"]);
    const second = new SnapshotStore(provider, { now: () => clock.now, snapshotCache: cache });
    const copy = await second.snapshot(parseTicker("AAA"));
    expect(copy.fetchedAt).toBe(NOW);
    expect(provider.calls).toHaveLength(1);
    expect(second.stats()).toMatchObject({ persistentHits: 1, requests: 0 });
  });

  it("says plainly when the provider has no quarterly earnings", async () => {
    const provider: SnapshotProvider = {
      name: "fake",
      snapshotsPerRequest: 1,
      fetchSnapshots: () => Promise.resolve(new Map()),
      earningsUnavailable: "Fake has no report dates",
    };
    const store = new SnapshotStore(provider);
    await expect(store.earnings(parseTicker("AAA"))).rejects.toMatchObject({ kind: "unavailable", message: "Fake has no report dates" });
  });
});
