import { ema, macd, maCrosses, rsi, sma } from "../analytics";
import { DailySeries } from "../market/types";
import { memoized } from "./series-memo";

/** Indicator series on adjusted closes, computed once per history (see series-memo). */

export function smaOf(series: DailySeries, period: number): Float64Array {
  return memoized(series, `sma:${period}`, () => sma(series.adjClose, period));
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
  return memoized(series, `cross:${fast}:${slow}`, () => maCrosses(smaOf(series, fast), smaOf(series, slow)));
}
