import type { TradingDay } from "./types";

/**
 * The US equity market calendar (NYSE and Nasdaq share it): full-day holidays, 1:00 p.m. early
 * closes and unscheduled closures, by trading day (days since 1970-01-01 of the New York date).
 *
 * Holidays follow NYSE Rule 7.2: New Year's Day, Martin Luther King Jr. Day (from 1998),
 * Washington's Birthday, Good Friday, Memorial Day, Juneteenth (from 2022), Independence Day,
 * Labor Day, Thanksgiving and Christmas. A holiday on a Sunday is observed the Monday after; on a
 * Saturday the Friday before, except New Year's Day, which is then not observed (the Friday closes
 * the year's accounting period). Early closes (1:00 p.m.) fall on July 3 when it is a session and
 * July 4 a weekday, the day after Thanksgiving, and December 24 when it is a session.
 *
 * Checked against the exchange's published lists for 2025–2028 (NYSE Group, "Holiday and Early
 * Closings Calendar", press releases of 2024-11-08 and 2025-12-23; nyse.com/markets/hours-calendars).
 * Closures the rules cannot know (national days of mourning, storms) are listed below with their dates.
 */

const MS_PER_DAY = 86_400_000;
/** 16:00 and 13:00 New York time, in minutes after midnight. */
export const US_REGULAR_CLOSE_MINUTES = 16 * 60;
export const US_EARLY_CLOSE_MINUTES = 13 * 60;
export const US_OPEN_MINUTES = 9 * 60 + 30;

/** Unscheduled full-day closures since 2001 (NYSE historical closings). */
const UNSCHEDULED_CLOSURES: readonly string[] = [
  "2001-09-11", // September 11 attacks, through September 14
  "2001-09-12",
  "2001-09-13",
  "2001-09-14",
  "2004-06-11", // National day of mourning, President Reagan
  "2007-01-02", // National day of mourning, President Ford
  "2012-10-29", // Hurricane Sandy
  "2012-10-30",
  "2018-12-05", // National day of mourning, President G. H. W. Bush
  "2025-01-09", // National day of mourning, President Carter
];

export interface UsMarketDay {
  /** False on weekends, holidays and unscheduled closures. */
  readonly open: boolean;
  /** Close in minutes after New York midnight (16:00, or 13:00 on an early close); null when closed. */
  readonly closeMinutes: number | null;
  /** The holiday's or closure's name when closed on a weekday, or "early close" on a short day. */
  readonly note: string | null;
}

const cache = new Map<number, ReadonlyMap<TradingDay, string>>();

/** The US market's schedule on a trading day. */
export function usMarketDay(day: TradingDay): UsMarketDay {
  if (isWeekend(day)) return { open: false, closeMinutes: null, note: null };
  const year = yearOf(day);
  const closed = closuresOf(year).get(day);
  if (closed !== undefined) return { open: false, closeMinutes: null, note: closed };
  if (isEarlyClose(day, year)) return { open: true, closeMinutes: US_EARLY_CLOSE_MINUTES, note: "early close" };
  return { open: true, closeMinutes: US_REGULAR_CLOSE_MINUTES, note: null };
}

export function isUsSession(day: TradingDay): boolean {
  return usMarketDay(day).open;
}

/** The last session on or before `day`. */
export function usSessionOnOrBefore(day: TradingDay): TradingDay {
  let d = Math.floor(day);
  while (!isUsSession(d)) d--;
  return d;
}

/** The first session after `day`. */
export function usSessionAfter(day: TradingDay): TradingDay {
  let d = Math.floor(day) + 1;
  while (!isUsSession(d)) d++;
  return d;
}

/** Holidays and closures of `year` (New York dates) by trading day, with their names. */
export function usMarketClosures(year: number): ReadonlyMap<TradingDay, string> {
  return closuresOf(year);
}

function closuresOf(year: number): ReadonlyMap<TradingDay, string> {
  let closures = cache.get(year);
  if (closures === undefined) {
    closures = computeClosures(year);
    cache.set(year, closures);
  }
  return closures;
}

function computeClosures(year: number): Map<TradingDay, string> {
  const closures = new Map<TradingDay, string>();
  const add = (day: TradingDay | null, name: string): void => {
    if (day !== null && !isWeekend(day)) closures.set(day, name);
  };
  add(newYearsDay(year), "New Year's Day");
  if (year >= 1998) add(nthWeekday(year, 1, 1, 3), "Martin Luther King Jr. Day");
  add(nthWeekday(year, 2, 1, 3), "Washington's Birthday");
  add(easterSunday(year) - 2, "Good Friday");
  add(lastWeekday(year, 5, 1), "Memorial Day");
  if (year >= 2022) add(observed(dayOf(year, 6, 19)), "Juneteenth");
  add(observed(dayOf(year, 7, 4)), "Independence Day");
  add(nthWeekday(year, 9, 1, 1), "Labor Day");
  add(nthWeekday(year, 11, 4, 4), "Thanksgiving Day");
  add(observed(dayOf(year, 12, 25)), "Christmas Day");
  for (const iso of UNSCHEDULED_CLOSURES) {
    if (iso.startsWith(`${year}-`)) add(dayOf(year, Number(iso.slice(5, 7)), Number(iso.slice(8, 10))), "unscheduled closure");
  }
  return closures;
}

/** January 1, or the Monday after when it is a Sunday; not observed when it is a Saturday. */
function newYearsDay(year: number): TradingDay | null {
  const day = dayOf(year, 1, 1);
  const weekday = weekdayOf(day);
  if (weekday === 6) return null;
  return weekday === 0 ? day + 1 : day;
}

function isEarlyClose(day: TradingDay, year: number): boolean {
  const closures = closuresOf(year);
  const july3 = dayOf(year, 7, 3);
  if (day === july3 && !closures.has(day) && !isWeekend(dayOf(year, 7, 4))) return true;
  if (day === nthWeekday(year, 11, 4, 4) + 1) return true;
  const december24 = dayOf(year, 12, 24);
  return day === december24 && !closures.has(day);
}

/** Saturday holidays are observed on the Friday before, Sunday ones on the Monday after. */
function observed(day: TradingDay): TradingDay {
  const weekday = weekdayOf(day);
  if (weekday === 6) return day - 1;
  if (weekday === 0) return day + 1;
  return day;
}

/** The `n`th `weekday` (0 = Sunday) of `month` (1–12). */
function nthWeekday(year: number, month: number, weekday: number, n: number): TradingDay {
  const first = dayOf(year, month, 1);
  return first + ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7;
}

function lastWeekday(year: number, month: number, weekday: number): TradingDay {
  const last = dayOf(year, month + 1, 1) - 1;
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): TradingDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, dayOfMonth);
}

function dayOf(year: number, month: number, dayOfMonth: number): TradingDay {
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

function yearOf(day: TradingDay): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekdayOf(day: TradingDay): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: TradingDay): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}
