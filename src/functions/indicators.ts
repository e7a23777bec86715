import { ema, macd, rsi, smaCrosses } from "../analytics";
import { DailySeries } from "../market";
import { memoized, memoizedPoint } from "./series-memo";

// Indicators on adjusted closes: full series kept within series-memo's budget, single bars by bar.

/**
 * SMA on one bar, from its window alone: O(period) and nothing kept, so point queries (most
 * cells) do not hold a full SMA series per ticker in memory. NaN before the first full window.
 */
export function smaAt(series: DailySeries, period: number, index: number): number {
  if (index < period - 1 || index >= series.adjClose.length) return NaN;
  const closes = series.adjClose;
  let sum = 0;
  for (let i = index - period + 1; i <= index; i++) sum += closes[i];
  return sum / period;
}

export function emaOf(series: DailySeries, period: number): Float64Array {
  return memoized(series, `ema:${period}`, () => ema(series.adjClose, period));
}

export function rsiOf(series: DailySeries, period: number): Float64Array {
  return memoized(series, `rsi:${period}`, () => rsi(series.adjClose, period));
}

export function macdOf(series: DailySeries, fast: number, slow: number, signal: number) {
  return memoized(series, `macd:${fast}:${slow}:${signal}`, () => macd(series.adjClose, fast, slow, signal));
}

export function crossesOf(series: DailySeries, fast: number, slow: number) {
  // Found in one pass over the closes, without the two SMA series; the (short) list of crosses is kept.
  return memoized(series, `cross:${fast}:${slow}`, () => smaCrosses(series.adjClose, fast, slow));
}

/** One bar's EMA, RSI or MACD output, remembered by bar (see memoizedPoint). */
export function emaAt(series: DailySeries, period: number, index: number): number {
  return memoizedPoint(series, `ema:${period}@${index}`, () => emaOf(series, period)[index]);
}

export function rsiAt(series: DailySeries, period: number, index: number): number {
  return memoizedPoint(series, `rsi:${period}@${index}`, () => rsiOf(series, period)[index]);
}

export type MacdOutput = "macd" | "signal" | "histogram";

export function macdAt(series: DailySeries, fast: number, slow: number, signal: number, output: MacdOutput, index: number): number {
  return memoizedPoint(
    series,
    `macd:${fast}:${slow}:${signal}:${output}@${index}`,
    () => macdOf(series, fast, slow, signal)[output][index],
  );
}
