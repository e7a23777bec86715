import { badArgument } from "../errors";
import { today } from "../today";
import { describeValue } from "./display";
import { dayOf, dayParts, dayToIso, isoToDay, MAX_EXCEL_SERIAL, monthsBefore, serialToDay } from "./days";

/** A date argument: a calendar day, or a period counted back from a reference day. */
export type DateArg = { kind: "day"; day: number } | { kind: "period"; code: string };

const PERIOD = /^(YTD|MTD|QTD|(\d{1,3})([DWMY]))$/;
const ACCEPTED = 'an Excel date, ISO text such as "2026-01-02", or a period such as "YTD", "1M", "3M", "1Y"';

/**
 * A calendar day no later than today (see today.ts: this computer's date, as TODAY() gives it):
 * there is no close after today, and "the last session on or before" a future date would quietly
 * be today's, so a typo such as 2062 for 2026 gets a #VALUE! naming the argument instead. Weekends
 * and holidays up to today are fine: they mean the last session on or before them.
 */
function notAfterToday(day: number, argument: string): DateArg {
  const now = today();
  if (day > now) {
    throw badArgument(argument, `${dayToIso(day)} is after today (${dayToIso(now)}); there are no closes after today`);
  }
  return { kind: "day", day };
}

/** Parses an Excel serial, ISO text or period code; `null` (omitted) stays null. A date after today is a #VALUE!. */
export function parseDateArg(value: unknown, argument: string): DateArg | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1 || value > MAX_EXCEL_SERIAL) {
      throw badArgument(argument, `${value} is not a valid Excel date; use ${ACCEPTED}`);
    }
    return notAfterToday(serialToDay(value), argument);
  }
  if (typeof value === "string") {
    const text = value.trim().toUpperCase();
    const day = isoToDay(text);
    if (day !== null) return notAfterToday(day, argument);
    const period = PERIOD.exec(text);
    if (period && (period[2] === undefined || Number(period[2]) > 0)) return { kind: "period", code: text };
  }
  throw badArgument(argument, `${describeValue(value)} is not a date; use ${ACCEPTED}`);
}

/** The calendar day a date argument means, periods counted back from `reference`. */
export function resolveDay(arg: DateArg, reference: number): number {
  if (arg.kind === "day") return arg.day;
  const { year, month } = dayParts(reference);
  switch (arg.code) {
    case "YTD":
      return dayOf(year, 0, 0); // Dec 31 of the previous year: the last close before the year began
    case "MTD":
      return dayOf(year, month, 0);
    case "QTD":
      return dayOf(year, month - (month % 3), 0);
  }
  const count = Number(arg.code.slice(0, -1));
  switch (arg.code.slice(-1)) {
    case "D":
      return reference - count;
    case "W":
      return reference - 7 * count;
    case "M":
      return monthsBefore(reference, count);
    default:
      return monthsBefore(reference, 12 * count);
  }
}
