/** Conversions between trading-day numbers (days since 1970-01-01), ISO text and Excel serials. */

const MS_PER_DAY = 86_400_000;
/** Excel's serial number of 1970-01-01 in the 1900 date system. */
const EXCEL_EPOCH_OFFSET = 25_569;
export const MAX_EXCEL_SERIAL = 2_958_465; // 9999-12-31

export function dayToSerial(day: number): number {
  return day + EXCEL_EPOCH_OFFSET;
}

export function serialToDay(serial: number): number {
  return Math.floor(serial) - EXCEL_EPOCH_OFFSET;
}

export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day of a valid ISO calendar date (YYYY-MM-DD), or null. */
export function isoToDay(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== date) return null;
  return ms / MS_PER_DAY;
}

export function dayParts(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), date: d.getUTCDate() };
}

/** Day number of a calendar date; month may be out of range (Date.UTC rolls it over). */
export function dayOf(year: number, month: number, date: number): number {
  return Date.UTC(year, month, date) / MS_PER_DAY;
}

/** The same calendar date `months` earlier, clamped to the end of a shorter month. */
export function monthsBefore(day: number, months: number): number {
  const { year, month, date } = dayParts(day);
  const lastOfTarget = dayParts(dayOf(year, month - months + 1, 0)).date;
  return dayOf(year, month - months, Math.min(date, lastOfTarget));
}
