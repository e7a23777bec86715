import { tradingDayOf, usMarketDay, zonedInstant } from "../core";

export const US_MARKET_TIME_ZONE = "America/New_York";
/**
 * Time after the close before a provider's daily bar is dependable: free feeds publish the final
 * bar (and adjusted closes) minutes after the close, sometimes 15 or so.
 */
export const DEFAULT_SETTLE_MS = 20 * 60_000;
const MS_PER_DAY = 86_400_000;

/**
 * When a daily history fetched at `fetchedAt` goes stale: the close of the first US session whose
 * close plus `settleMs` falls after `fetchedAt`, per the NYSE calendar (core/us-market-calendar):
 * 16:00 New York time, 13:00 on early closes (July 3, the day after Thanksgiving, December 24),
 * and no close at all on weekends, exchange holidays and unscheduled closures. A fetch between a
 * close and the end of its settle delay is stale at the end of that delay, because it may lack the
 * day's final bar.
 *
 * So a history fetched on the evening before Thanksgiving stays fresh through the holiday (no
 * refetch that could bring nothing new) and goes stale at 13:20 the day after; one fetched after
 * Thursday's close before Good Friday stays fresh until Monday 16:20.
 *
 * Other markets close before the US close, so their bars are out by then; a bar they publish on a
 * US holiday (a Frankfurt session on Thanksgiving) or a weekend (crypto) waits for the next US
 * session's close.
 */
export function staleAt(fetchedAt: number, settleMs: number = DEFAULT_SETTLE_MS): number {
  if (!Number.isFinite(settleMs) || settleMs < 0) throw new RangeError(`settle delay must be a non-negative number of ms, got ${settleMs}`);
  // A copy without a usable fetch time (old cache entry) is stale already.
  if (!Number.isFinite(fetchedAt)) return Number.NEGATIVE_INFINITY;
  // Start early enough that a settle delay carrying an earlier close past local midnight is seen.
  const lookBack = 1 + Math.ceil(settleMs / MS_PER_DAY);
  for (let day = tradingDayOf(fetchedAt, US_MARKET_TIME_ZONE) - lookBack; ; day++) {
    const { closeMinutes } = usMarketDay(day);
    if (closeMinutes === null) continue;
    const settled = zonedInstant(day, closeMinutes, US_MARKET_TIME_ZONE) + settleMs;
    if (settled > fetchedAt) return settled;
  }
}

export function isStale(fetchedAt: number, now: number, settleMs: number = DEFAULT_SETTLE_MS): boolean {
  return now >= staleAt(fetchedAt, settleMs);
}
