import { tradingDayOf, US_OPEN_MINUTES, usMarketDay, zonedInstant } from "../core";
import type { TradingDay } from "../core";
import { rateWindows } from "../resilience";
import type { PlanLimits, WindowUnit } from "../resilience";
import { US_MARKET_TIME_ZONE } from "../store";
import type { MarketPhase } from "./protocol";

/**
 * When live quotes are polled, from the US market calendar (core/us-market-calendar: weekends,
 * holidays, 13:00 early closes):
 *  - during regular hours (9:30 to the close, New York time) every interval, at instants that are
 *    whole multiples of the interval since 1970, so every server instance has the same slots;
 *  - once after the close (16:00, or 13:00 on an early close), `afterCloseDelayMs` later so the
 *    closing price is in, and only on a day that was polled during its session;
 *  - not at all otherwise (before the open, after that poll, weekends, holidays).
 */

const MS_PER_MINUTE = 60_000;
/** The days searched for the next session: longer than any run of closures the calendar knows. */
const MAX_DAYS_AHEAD = 20;
/** A regular session (9:30 to 16:00): the day a daily quota is spent over. */
export const US_REGULAR_SESSION_MS = (16 * 60 - US_OPEN_MINUTES) * MS_PER_MINUTE;

export type QuotePollKind = "regular" | "after-close";

export interface QuotePoll {
  /** When it is due (ms since 1970). */
  readonly at: number;
  readonly kind: QuotePollKind;
  /** The New York trading day it belongs to. */
  readonly day: TradingDay;
}

export interface QuoteScheduleOptions {
  /** Between regular-hours polls (ms); slots are its multiples since 1970. */
  readonly intervalMs: number;
  /** After the close, before the one poll of the closing prices. */
  readonly afterCloseDelayMs: number;
  /** The day whose after-close poll is still owed (it was polled during its session), or null. */
  readonly afterCloseOwed: TradingDay | null;
}

/** The open and close of the regular session of `day` (ms since 1970), or null when the market is closed. */
export function usSessionHours(day: TradingDay): { readonly openAt: number; readonly closeAt: number } | null {
  const { closeMinutes } = usMarketDay(day);
  if (closeMinutes === null) return null;
  return {
    openAt: zonedInstant(day, US_OPEN_MINUTES, US_MARKET_TIME_ZONE),
    closeAt: zonedInstant(day, closeMinutes, US_MARKET_TIME_ZONE),
  };
}

export function usTradingDayOf(time: number): TradingDay {
  return tradingDayOf(time, US_MARKET_TIME_ZONE);
}

function ceilToMultiple(time: number, step: number): number {
  return Math.ceil(time / step) * step;
}

/** The first poll due at or after `from`. */
export function nextQuotePoll(from: number, options: QuoteScheduleOptions): QuotePoll {
  const step = Math.max(1, Math.round(options.intervalMs));
  const first = usTradingDayOf(from);
  for (let day = first; day <= first + MAX_DAYS_AHEAD; day++) {
    const hours = usSessionHours(day);
    if (hours === null) continue;
    if (from < hours.closeAt) {
      const slot = ceilToMultiple(Math.max(from, hours.openAt), step);
      if (slot < hours.closeAt) return { at: slot, kind: "regular", day };
    }
    if (options.afterCloseOwed === day) {
      return { at: Math.max(from, hours.closeAt + options.afterCloseDelayMs), kind: "after-close", day };
    }
  }
  throw new RangeError(`no US session within ${MAX_DAYS_AHEAD} days of ${new Date(from).toISOString()}`);
}

/** Where the market is at `now` for polling (see MarketPhase). */
export function marketPhase(now: number, afterCloseOwed: TradingDay | null): MarketPhase {
  const day = usTradingDayOf(now);
  const hours = usSessionHours(day);
  if (hours === null) return "closed";
  if (now < hours.openAt) return "pre-open";
  if (now < hours.closeAt) return "regular";
  return afterCloseOwed === day ? "after-close" : "closed";
}

/**
 * The latest moment at or before `now` when closing prices were in: a session's close plus
 * `afterCloseDelayMs`. A quote fetched since is as current as any the closed market gives.
 */
export function lastSettledClose(now: number, afterCloseDelayMs: number): number {
  const today = usTradingDayOf(now);
  for (let day = today; day >= today - MAX_DAYS_AHEAD; day--) {
    const hours = usSessionHours(day);
    if (hours === null) continue;
    const settled = hours.closeAt + afterCloseDelayMs;
    if (settled <= now) return settled;
  }
  return Number.NEGATIVE_INFINITY;
}

/**
 * What quote polling may take of a plan's windows, so cells computing histories with the same key
 * still find requests: half of each.
 */
export const QUOTE_PLAN_SHARE = 0.5;

const WINDOW_MS: Readonly<Record<WindowUnit, number>> = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  // A day's requests are spread over the regular session, when polling happens.
  day: US_REGULAR_SESSION_MS,
};

/**
 * The shortest interval at which `batches` requests per poll stay within `share` of every window of
 * the plan (second, minute, hour; a day's quota over the session), in whole seconds; 0 without windows.
 */
export function minimumQuoteIntervalMs(limits: PlanLimits, batches: number, share: number = QUOTE_PLAN_SHARE): number {
  if (batches <= 0) return 0;
  let shortest = 0;
  for (const { unit, requests } of rateWindows(limits)) {
    shortest = Math.max(shortest, (batches * WINDOW_MS[unit]) / (requests * share));
  }
  return Math.ceil(shortest / 1000) * 1000;
}

/** The interval used: the setting, or longer where the plan needs it for `batches` requests a poll. */
export function effectiveQuoteIntervalMs(configuredMs: number, limits: PlanLimits | null, batches: number): number {
  return limits === null ? configuredMs : Math.max(configuredMs, minimumQuoteIntervalMs(limits, batches));
}
