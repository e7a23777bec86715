import { parseTicker } from "../../../../src/market/core";
import { DEMO_FIRST_DAY, DemoProvider } from "../../../../src/market/providers/demo";

const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const weekday = (day: number): number => (day + 4) % 7; // 0 = Sunday

// Saturday 2026-01-10 15:00 UTC.
const SATURDAY = Date.parse("2026-01-10T15:00:00Z");

describe("DemoProvider", () => {
  const provider = new DemoProvider({ now: () => SATURDAY });

  it("is deterministic: the same symbol twice gives identical arrays", async () => {
    const a = await provider.fetchHistory(parseTicker("IWM"));
    const b = await new DemoProvider({ now: () => SATURDAY }).fetchHistory(parseTicker("iwm"));
    for (const column of ["days", "open", "high", "low", "close", "adjClose", "volume"] as const) {
      expect(Array.from(b[column])).toEqual(Array.from(a[column]));
    }
  });

  it("gives different symbols different paths", async () => {
    const iwm = await provider.fetchHistory(parseTicker("IWM"));
    const qqq = await provider.fetchHistory(parseTicker("QQQ"));
    expect(Array.from(qqq.days)).toEqual(Array.from(iwm.days));
    expect(Array.from(qqq.close)).not.toEqual(Array.from(iwm.close));
  });

  it("has weekdays only, from 2000-01-03 to the last weekday on or before now", async () => {
    const series = await provider.fetchHistory(parseTicker("NVDA"));
    expect(isoOf(series.days[0])).toBe("2000-01-03");
    expect(series.days[0]).toBe(DEMO_FIRST_DAY);
    expect(isoOf(series.days[series.days.length - 1])).toBe("2026-01-09");
    for (let i = 0; i < series.days.length; i++) {
      expect([0, 6]).not.toContain(weekday(series.days[i]));
      if (i > 0) expect(series.days[i]).toBeGreaterThan(series.days[i - 1]);
    }
    // Every weekday in the span is present.
    const weekdays = Array.from({ length: series.days[series.days.length - 1] - DEMO_FIRST_DAY + 1 }, (_, i) => DEMO_FIRST_DAY + i).filter(
      (day) => weekday(day) !== 0 && weekday(day) !== 6,
    );
    expect(series.days.length).toBe(weekdays.length);
  });

  it("uses the New York date of now: Sunday evening in New York is still before Monday", async () => {
    const mondayUtcSundayNy = Date.parse("2026-01-12T03:00:00Z");
    const series = await new DemoProvider({ now: () => mondayUtcSundayNy }).fetchHistory(parseTicker("IWM"));
    expect(isoOf(series.days[series.days.length - 1])).toBe("2026-01-09");
    const mondayNy = await new DemoProvider({ now: () => Date.parse("2026-01-12T15:00:00Z") }).fetchHistory(parseTicker("IWM"));
    expect(isoOf(mondayNy.days[mondayNy.days.length - 1])).toBe("2026-01-12");
  });

  it("extends the same prefix as days pass", async () => {
    const earlier = await provider.fetchHistory(parseTicker("XLK"));
    const later = await new DemoProvider({ now: () => SATURDAY + 30 * 86_400_000 }).fetchHistory(parseTicker("XLK"));
    expect(later.days.length).toBeGreaterThan(earlier.days.length);
    const n = earlier.days.length;
    expect(Array.from(later.close.subarray(0, n))).toEqual(Array.from(earlier.close));
    expect(Array.from(later.volume.subarray(0, n))).toEqual(Array.from(earlier.volume));
  });

  it.each(["IWM", "EURUSD=X", "BTC-USD", "^GSPC", "BRK-B", "7203.T"])("has consistent OHLC and volume for %s", async (symbol) => {
    const series = await provider.fetchHistory(parseTicker(symbol));
    for (let i = 0; i < series.days.length; i++) {
      const [o, h, l, c] = [series.open[i], series.high[i], series.low[i], series.close[i]];
      if (!(l <= Math.min(o, c) && Math.max(o, c) <= h && l > 0)) {
        throw new Error(`${symbol} ${isoOf(series.days[i])}: O ${o} H ${h} L ${l} C ${c}`);
      }
      expect(Number.isInteger(series.volume[i]) && series.volume[i] >= 0).toBe(true);
    }
    expect(Array.from(series.adjClose)).toEqual(Array.from(series.close));
    expect(series).toMatchObject({
      symbol,
      provider: "demo",
      timeZone: "America/New_York",
      currency: "USD",
      adjusted: true,
      demo: true,
    });
  });

  it("moves plausibly: daily moves are mostly small, prices stay positive", async () => {
    const series = await provider.fetchHistory(parseTicker("IWM"));
    const returns = Array.from(series.close.subarray(1), (c, i) => Math.log(c / series.close[i]));
    const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
    const sd = Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / returns.length);
    const annualVol = sd * Math.sqrt(252);
    expect(annualVol).toBeGreaterThan(0.05);
    expect(annualVol).toBeLessThan(1.2);
    expect(Math.max(...returns.map(Math.abs))).toBeLessThan(0.5);
  });

  it("is fast: a few ms per symbol", async () => {
    await provider.fetchHistory(parseTicker("WARM"));
    const symbols = Array.from({ length: 20 }, (_, i) => `S${i}`);
    const started = performance.now();
    for (const symbol of symbols) await provider.fetchHistory(parseTicker(symbol));
    expect((performance.now() - started) / symbols.length).toBeLessThan(20);
  });
});
