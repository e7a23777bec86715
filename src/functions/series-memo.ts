import { DailySeries } from "../market/types";

/**
 * Indicator series computed once per history and reused by every cell that asks for the
 * same one (a sheet often holds hundreds of formulas on the same tickers). Keyed weakly so a
 * refreshed history drops its old indicators.
 */
const memo = new WeakMap<DailySeries, Map<string, unknown>>();

export function memoized<T>(series: DailySeries, key: string, compute: () => T): T {
  let entries = memo.get(series);
  if (entries === undefined) {
    entries = new Map();
    memo.set(series, entries);
  }
  if (entries.has(key)) return entries.get(key) as T;
  const value = compute();
  entries.set(key, value);
  return value;
}
