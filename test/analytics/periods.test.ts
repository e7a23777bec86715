import { barsNeeded, ema, macd, rsi, sma } from "../../src/analytics";

const values = Float64Array.from({ length: 50 }, (_, i) => 100 + Math.sin(i));
const badPeriods = [0, -1, -14, 1.5, 14.000001, NaN, Infinity, -Infinity];

describe("bad periods throw RangeError", () => {
  it.each(badPeriods)("period %p", (bad) => {
    expect(() => sma(values, bad)).toThrow(RangeError);
    expect(() => ema(values, bad)).toThrow(RangeError);
    expect(() => rsi(values, bad)).toThrow(RangeError);
    expect(() => macd(values, bad, 26, 9)).toThrow(RangeError);
    expect(() => macd(values, 12, bad, 9)).toThrow(RangeError);
    expect(() => macd(values, 12, 26, bad)).toThrow(RangeError);
    expect(() => barsNeeded.sma(bad)).toThrow(RangeError);
    expect(() => barsNeeded.ema(bad)).toThrow(RangeError);
    expect(() => barsNeeded.rsi(bad)).toThrow(RangeError);
    expect(() => barsNeeded.macd(12, 26, bad)).toThrow(RangeError);
    expect(() => barsNeeded.maCross(bad, 200)).toThrow(RangeError);
  });

  it("names the period in the message", () => {
    expect(() => sma(values, 0)).toThrow("period must be a positive integer, got 0");
    expect(() => macd(values, 12, 26, 2.5)).toThrow("signal must be a positive integer, got 2.5");
  });

  it("MACD needs fast < slow", () => {
    expect(() => macd(values, 26, 12, 9)).toThrow(RangeError);
    expect(() => macd(values, 12, 12, 9)).toThrow(RangeError);
    expect(() => barsNeeded.macd(26, 12, 9)).toThrow(RangeError);
  });
});

describe("barsNeeded", () => {
  it("gives the closes needed for each first value", () => {
    expect(barsNeeded.sma(50)).toBe(50);
    expect(barsNeeded.ema(26)).toBe(26);
    expect(barsNeeded.rsi(14)).toBe(15);
    expect(barsNeeded.macd(12, 26, 9)).toBe(34);
    expect(barsNeeded.maCross(50, 200)).toBe(200);
  });
});
