import { DailySeries, HistoryProvider, parseTicker } from "../../../src/market/core";
import * as store from "../../../src/market/store";
import { HistoryStore, SeriesCache } from "../../../src/market/store";
import { weekdays } from "../../support/series-builder";

/**
 * Finding 4 of the probe (second half): the history store's memory had no ceiling (2,000 distinct
 * symbols through the batch route took the server from 94 MB to 1.27 GB). It is bounded by bytes,
 * least recently used first out; a persistent cache (Redis) still answers for what memory dropped.
 */

const MB = 1024 * 1024;
/** About 13 years of bars: 7 columns of 3,300 values, ~170 KB a history. */
const BARS = 3_300;

function syntheticSeries(symbol: string): DailySeries {
  const column = (): Float64Array => new Float64Array(BARS).fill(100);
  const close = column();
  return {
    symbol,
    provider: "synthetic",
    timeZone: "America/New_York",
    currency: "USD",
    days: weekdays(12_000, BARS),
    open: column(),
    high: column(),
    low: column(),
    close,
    adjClose: close.slice(),
    volume: column(),
    adjusted: true,
    demo: false,
    fetchedAt: Date.now(),
  };
}

function columnBytes(series: DailySeries): number {
  return [series.days, series.open, series.high, series.low, series.close, series.adjClose, series.volume].reduce(
    (sum, c) => sum + c.byteLength,
    0,
  );
}

class SyntheticProvider implements HistoryProvider {
  readonly name = "synthetic";
  calls = 0;
  async fetchHistory(symbol: string): Promise<DailySeries> {
    this.calls++;
    return syntheticSeries(symbol);
  }
}

const symbols = Array.from({ length: 2_000 }, (_, i) => parseTicker(`S${i}`));

/**
 * Bytes of histories the store still holds in memory, through its public API only: the most recent
 * symbols are asked again, newest first, and those answered without the provider are held.
 */
async function heldBytes(history: HistoryStore, provider: SyntheticProvider): Promise<{ held: number; bytes: number }> {
  const before = provider.calls;
  let held = 0;
  for (const symbol of [...symbols].reverse()) {
    const calls = provider.calls;
    await history.get(symbol);
    if (provider.calls !== calls) break; // the first miss: everything older was dropped
    held++;
  }
  expect(provider.calls - before).toBeLessThanOrEqual(1);
  return { held, bytes: held * columnBytes(syntheticSeries("X")) };
}

describe("HistoryStore memory", () => {
  it("2,000 synthetic histories (~340 MB of columns) keep the store under its 64 MB budget", async () => {
    const provider = new SyntheticProvider();
    const options = { memoryBytes: 64 * MB };
    const history = new HistoryStore(provider, options);
    for (const symbol of symbols) await history.get(symbol);
    const { held, bytes } = await heldBytes(history, provider);
    console.log(
      `2,000 histories of ${(columnBytes(syntheticSeries("X")) / 1024).toFixed(0)} KB: ${held} held in memory, ${(bytes / MB).toFixed(1)} MB`,
    );
    expect(bytes).toBeLessThanOrEqual(64 * MB);
    expect(history.memoryUsage()).toEqual({ bytes: expect.any(Number), budgetBytes: 64 * MB, histories: held });
    expect(history.memoryUsage().bytes).toBeLessThanOrEqual(64 * MB);
    expect(held).toBeGreaterThan(300); // the budget is used, not emptied
  });

  it("drops the least recently used history first", async () => {
    const provider = new SyntheticProvider();
    const one = columnBytes(syntheticSeries("X"));
    const history = new HistoryStore(provider, { memoryBytes: 3.5 * one + 4096 });
    const [a, b, c, d] = ["A", "B", "C", "D"].map(parseTicker);
    await history.get(a);
    await history.get(b);
    await history.get(c);
    await history.get(a); // A is now more recent than B
    await history.get(d); // over budget: B goes
    provider.calls = 0;
    await history.get(a);
    await history.get(c);
    await history.get(d);
    expect(provider.calls).toBe(0);
    await history.get(b);
    expect(provider.calls).toBe(1);
  });

  it("shares one budget between stores given the same SeriesMemory", async () => {
    const memory = new store.SeriesMemory(40 * MB);
    const first = new HistoryStore(new SyntheticProvider(), { memory });
    const second = new HistoryStore(
      { ...new SyntheticProvider(), name: "other", fetchHistory: async (s: string) => syntheticSeries(s) },
      { memory },
    );
    for (const symbol of symbols.slice(0, 400)) {
      await first.get(symbol);
      await second.get(symbol);
    }
    expect(memory.bytes()).toBeLessThanOrEqual(40 * MB);
    expect(memory.bytes()).toBeGreaterThan(30 * MB);
  });

  it("answers from the persistent cache (Redis) what memory dropped, without asking the provider", async () => {
    const entries = new Map<string, DailySeries>();
    const cache: SeriesCache = {
      get: async (key) => entries.get(key) ?? null,
      set: async (key, series) => void entries.set(key, series),
      delete: async (key) => void entries.delete(key),
      clear: async () => entries.clear(),
    };
    const provider = new SyntheticProvider();
    const history = new HistoryStore(provider, { cache, memoryBytes: 8 * MB });
    for (const symbol of symbols.slice(0, 200)) await history.get(symbol);
    await history.flush();
    expect(provider.calls).toBe(200);
    await history.get(symbols[0]); // long dropped from memory
    expect(provider.calls).toBe(200);
    expect(history.stats().persistentHits).toBe(1);
  });
});
