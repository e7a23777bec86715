import { DailySeries, TradingDay, tradingDayOf } from "../core";

/** Bars re-requested before the last cached day, so a re-adjusted history shows in the overlap. */
export const TAIL_OVERLAP_BARS = 5;
/**
 * Relative difference below which two adjusted closes are the same number. A dividend re-adjusts
 * history by its yield (rarely under 1e-4); rounding noise of a re-serialized float is ~1e-15.
 */
export const ADJUSTED_CLOSE_TOLERANCE = 1e-6;

export type TailMerge =
  | { readonly kind: "merged"; readonly series: DailySeries }
  /** The tail cannot be joined to the cached series; the caller refetches the full history. */
  | { readonly kind: "refetch"; readonly reason: string };

/** The day to ask a tail from: a few bars before the last cached one, or null for an empty cache. */
export function tailSince(cached: DailySeries, overlapBars: number = TAIL_OVERLAP_BARS): TradingDay | null {
  const length = cached.days.length;
  if (length === 0) return null;
  return cached.days[Math.max(0, length - 1 - overlapBars)];
}

/**
 * Joins `tail` (fetched since `tailSince(cached)`) onto `cached`. The overlap's bars that were
 * complete when `cached` was fetched (days before its fetch day) must match the tail's bar for bar,
 * adjusted close within tolerance; anything else (a dividend or split re-adjusted history, a bar
 * added or dropped) asks for a full refetch. A tail that reaches back to the first cached day is a
 * full history (the provider ignored `since`) and replaces the cache.
 */
export function mergeTail(cached: DailySeries, tail: DailySeries, tolerance: number = ADJUSTED_CLOSE_TOLERANCE): TailMerge {
  if (tail.days.length === 0) return refetch("the tail came back empty");
  if (cached.days.length === 0 || tail.days[0] <= cached.days[0]) return { kind: "merged", series: withoutStaleMark(tail) };
  for (const field of ["provider", "timeZone", "adjusted"] as const) {
    if (cached[field] !== tail[field]) return refetch(`the tail's ${field} differs from the cached history's`);
  }

  const start = tail.days[0];
  const cut = firstIndexAtOrAfter(cached.days, start);
  if (cut === cached.days.length) return refetch(`the tail starts on ${isoOf(start)}, after the cached history ends`);

  // The last cached bar may have been the day's unfinished one; it is replaced, not compared.
  const completeBefore = tradingDayOf(cached.fetchedAt, cached.timeZone);
  const lastCached = cached.days[cached.days.length - 1];
  const checkedEnd = Math.min(completeBefore - 1, lastCached);
  let j = 0;
  let checked = 0;
  for (let i = cut; i < cached.days.length && cached.days[i] <= checkedEnd; i++) {
    const day = cached.days[i];
    if (tail.days[j] < day) return refetch(`the tail has a bar on ${isoOf(tail.days[j])} that the cached history lacks`);
    if (tail.days[j] !== day) return refetch(`the tail has no bar on ${isoOf(day)}`);
    if (!sameNumber(cached.adjClose[i], tail.adjClose[j], tolerance)) {
      return refetch(
        `the adjusted close on ${isoOf(day)} changed from ${cached.adjClose[i]} to ${tail.adjClose[j]} (a dividend or split re-adjusted history)`,
      );
    }
    j++;
    checked++;
  }
  if (j < tail.days.length && tail.days[j] <= checkedEnd) {
    return refetch(`the tail has a bar on ${isoOf(tail.days[j])} that the cached history lacks`);
  }
  if (checked === 0) return refetch("no complete cached bar overlaps the tail, so a re-adjusted history could not be ruled out");
  return { kind: "merged", series: joined(cached, cut, tail) };
}

function joined(cached: DailySeries, cut: number, tail: DailySeries): DailySeries {
  const join = <T extends Int32Array | Float64Array>(head: T, rest: T): T => {
    const out = new (head.constructor as { new (length: number): T })(cut + rest.length);
    out.set(head.subarray(0, cut));
    out.set(rest, cut);
    return out;
  };
  return {
    ...withoutStaleMark(tail),
    symbol: cached.symbol,
    days: join(cached.days, tail.days),
    open: join(cached.open, tail.open),
    high: join(cached.high, tail.high),
    low: join(cached.low, tail.low),
    close: join(cached.close, tail.close),
    adjClose: join(cached.adjClose, tail.adjClose),
    volume: join(cached.volume, tail.volume),
  };
}

function withoutStaleMark(series: DailySeries): DailySeries {
  if (series.staleBecause === undefined) return series;
  const { staleBecause: _dropped, ...rest } = series;
  return rest;
}

function firstIndexAtOrAfter(days: Int32Array, day: TradingDay): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (days[mid] < day) low = mid + 1;
    else high = mid;
  }
  return low;
}

function sameNumber(a: number, b: number, tolerance: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

function refetch(reason: string): TailMerge {
  return { kind: "refetch", reason };
}

function isoOf(day: TradingDay): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
