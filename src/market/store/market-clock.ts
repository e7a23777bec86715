import { tradingDayOf, zonedInstant } from "../core";

export const US_MARKET_TIME_ZONE = "America/New_York";
/** 16:00, the regular close of NYSE and Nasdaq. */
const US_CLOSE_MINUTES = 16 * 60;
/**
 * Time after the close before a provider's daily bar is dependable: free feeds publish the final
 * bar (and adjusted closes) minutes after 16:00, sometimes 15 or so.
 */
export const DEFAULT_SETTLE_MS = 20 * 60_000;

function isWeekday(day: number): boolean {
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/**
 * When a daily history fetched at `fetchedAt` goes stale: the first weekday US close (16:00 New
 * York time) plus `settleMs` that falls after `fetchedAt`. A fetch between 16:00 and the end of the
 * settle delay is stale at the end of that delay, because it may lack the day's final bar.
 *
 * Exchange holidays are not known here: on a holiday the history goes stale anyway and one
 * refetch brings nothing new. Markets in other zones close before the US close, so their bars are
 * out by then; a bar for a weekend day (crypto) waits for Monday's close.
 */
export function staleAt(fetchedAt: number, settleMs: number = DEFAULT_SETTLE_MS): number {
  if (!Number.isFinite(settleMs) || settleMs < 0) throw new RangeError(`settle delay must be a non-negative number of ms, got ${settleMs}`);
  // A copy without a usable fetch time (old cache entry) is stale already.
  if (!Number.isFinite(fetchedAt)) return Number.NEGATIVE_INFINITY;
  // Start a day early: a long settle delay can carry yesterday's close past local midnight.
  for (let day = tradingDayOf(fetchedAt, US_MARKET_TIME_ZONE) - 1; ; day++) {
    if (!isWeekday(day)) continue;
    const settled = zonedInstant(day, US_CLOSE_MINUTES, US_MARKET_TIME_ZONE) + settleMs;
    if (settled > fetchedAt) return settled;
  }
}

export function isStale(fetchedAt: number, now: number, settleMs: number = DEFAULT_SETTLE_MS): boolean {
  return now >= staleAt(fetchedAt, settleMs);
}
