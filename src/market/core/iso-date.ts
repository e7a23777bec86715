import { TradingDay } from "./types";

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The trading day a provider's exchange-local date label names ("2024-11-22"), or null when the
 * text is not a real calendar date in exactly that form (times, "2023-02-30" and "2024-1-5" are refused).
 */
export function tradingDayOfIsoDate(text: string): TradingDay | null {
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** "YYYY-MM-DD" of a trading day, as providers take start dates. */
export function isoDateOfTradingDay(day: TradingDay): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A request's `since` as a whole trading day, or undefined for "full history" (absent or not a finite number). */
export function startDayOf(since: TradingDay | undefined): TradingDay | undefined {
  return since === undefined || !Number.isFinite(since) ? undefined : Math.floor(since);
}
