import { ema, macd, rsi, sma } from "../../src/analytics";
import { kernelCases } from "./kernel-cases";

const p = { period: 5, fast: 3, slow: 6, signal: 4 };

describe("short inputs", () => {
  it.each(kernelCases(p).map((k) => [k.name, k] as const))("%s: empty in, empty out", (_, kernel) => {
    expect(kernel.run(new Float64Array(0))).toHaveLength(0);
  });

  it.each(kernelCases(p).map((k) => [k.name, k] as const))("%s: all NaN one bar short, one value with exactly enough", (_, kernel) => {
    const values = Float64Array.from({ length: kernel.needed }, (_, i) => 10 + ((i * 7) % 5));
    expect(Array.from(kernel.run(values.subarray(0, kernel.needed - 1))).every(Number.isNaN)).toBe(true);
    const out = kernel.run(values);
    expect(out.slice(0, -1).every(Number.isNaN)).toBe(true);
    expect(Number.isFinite(out[out.length - 1])).toBe(true);
  });
});

describe("hand-computed values", () => {
  const x = Float64Array.from([1, 2, 3, 4, 5, 6]);

  it("sma", () => {
    expect(Array.from(sma(x, 3))).toEqual([NaN, NaN, 2, 3, 4, 5]);
    expect(Array.from(sma(x, 1))).toEqual(Array.from(x));
  });

  it("ema is seeded with the mean of the first period values", () => {
    // k = 0.5: seed (1+2+3)/3 = 2, then 3, 4, 5.
    expect(Array.from(ema(x, 3))).toEqual([NaN, NaN, 2, 3, 4, 5]);
    expect(Array.from(ema(x, 1))).toEqual(Array.from(x));
  });

  it("rsi is Wilder-smoothed gains over gains + losses", () => {
    const closes = Float64Array.from([10, 11, 10, 12, 11]);
    // First averages over 2 changes: gain (1 + 0)/2, loss (0 + 1)/2 → 50.
    // Next change +2: gain (0.5 + 2)/2 = 1.25, loss 0.5/2 = 0.25 → 100·1.25/1.5.
    // Next change −1: gain 0.625, loss (0.25 + 1)/2 = 0.625 → 50.
    const out = rsi(closes, 2);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(50, 12);
    expect(out[3]).toBeCloseTo((100 * 1.25) / 1.5, 12);
    expect(out[4]).toBeCloseTo(50, 12);
  });
});

describe("RSI extremes", () => {
  it("is 100 when there are only gains and 0 when there are only losses", () => {
    const up = Float64Array.from({ length: 30 }, (_, i) => 100 + i);
    const down = Float64Array.from({ length: 30 }, (_, i) => 100 - i);
    expect(
      rsi(up, 14)
        .subarray(14)
        .every((v) => v === 100),
    ).toBe(true);
    expect(
      rsi(down, 14)
        .subarray(14)
        .every((v) => v === 0),
    ).toBe(true);
  });

  it("is 0 on a flat stretch with neither gains nor losses, as TA-Lib gives", () => {
    const flat = new Float64Array(30).fill(42);
    expect(
      rsi(flat, 14)
        .subarray(14)
        .every((v) => v === 0),
    ).toBe(true);
  });

  it("keeps its level through a flat stretch after moves (both averages decay alike)", () => {
    const closes = Float64Array.from([...Array.from({ length: 20 }, (_, i) => 100 + (i % 3)), ...Array(40).fill(101)]);
    const out = rsi(closes, 14);
    expect(out[59]).toBeCloseTo(out[20], 6);
  });

  it("works at tiny price scales (no absolute zero threshold)", () => {
    const tiny = Float64Array.from({ length: 30 }, (_, i) => 1e-9 * (1 + 0.01 * (i % 4)));
    const out = rsi(tiny, 14);
    expect(out[29]).toBeGreaterThan(0);
    expect(out[29]).toBeLessThan(100);
  });
});

describe("MACD", () => {
  const closes = Float64Array.from({ length: 80 }, (_, i) => 100 + 10 * Math.sin(i / 5) + i / 10);

  it("line = EMA(fast) − EMA(slow) with the fast EMA seeded on the closes ending at slow − 1", () => {
    const m = macd(closes, 12, 26, 9);
    const slow = ema(closes, 26);
    const fast = ema(closes.subarray(26 - 12), 12); // starts at index 26 − 12, first value at 25
    for (let i = 33; i < closes.length; i++) {
      expect(m.macd[i]).toBeCloseTo(fast[i - 14] - slow[i], 10);
      expect(m.histogram[i]).toBeCloseTo(m.macd[i] - m.signal[i], 12);
    }
    // The signal is the EMA(9) of the line from where the line starts (index 25).
    const fullLine = Float64Array.from({ length: closes.length - 25 }, (_, j) => fast[j + 11] - slow[j + 25]);
    const signal = ema(fullLine, 9);
    for (let i = 33; i < closes.length; i++) expect(m.signal[i]).toBeCloseTo(signal[i - 25], 10);
  });

  it("with signal 1 the signal is the line and the histogram is zero", () => {
    const m = macd(closes, 3, 6, 1);
    expect(m.macd[4]).toBeNaN();
    for (let i = 5; i < closes.length; i++) {
      expect(m.signal[i]).toBeCloseTo(m.macd[i], 12);
      expect(Math.abs(m.histogram[i])).toBeLessThan(1e-12);
    }
  });
});
