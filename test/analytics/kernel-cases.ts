import { barsNeeded, ema, macd, rsi, sma } from "../../src/analytics";

/** Every full-series output, with the closes it needs for its first value, for table-driven tests. */
export interface KernelCase {
  name: string;
  run: (values: Float64Array) => Float64Array;
  needed: number;
}

export function kernelCases(p: { period: number; fast: number; slow: number; signal: number }): KernelCase[] {
  const { period, fast, slow, signal } = p;
  const macdNeeded = barsNeeded.macd(fast, slow, signal);
  return [
    { name: `sma(${period})`, run: (v) => sma(v, period), needed: barsNeeded.sma(period) },
    { name: `ema(${period})`, run: (v) => ema(v, period), needed: barsNeeded.ema(period) },
    { name: `rsi(${period})`, run: (v) => rsi(v, period), needed: barsNeeded.rsi(period) },
    { name: "macd line", run: (v) => macd(v, fast, slow, signal).macd, needed: macdNeeded },
    { name: "macd signal", run: (v) => macd(v, fast, slow, signal).signal, needed: macdNeeded },
    { name: "macd histogram", run: (v) => macd(v, fast, slow, signal).histogram, needed: macdNeeded },
  ];
}
