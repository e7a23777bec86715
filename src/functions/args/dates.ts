import { badArgument } from "../errors";
import { describeValue } from "./display";
import { dayOf, dayParts, isoToDay, MAX_EXCEL_SERIAL, monthsBefore, serialToDay } from "./days";

/** A date argument: a calendar day, or a period counted back from a reference day. */
export type DateArg = { kind: "day"; day: number } | { kind: "period"; code: string };

const PERIOD = /^(YTD|MTD|QTD|(\d{1,3})([DWMY]))$/;
const ACCEPTED = 'an Excel date, ISO text such as "2026-01-02", or a period such as "YTD", "1M", "3M", "1Y"';

/** Parses an Excel serial, ISO text or period code; `null` (omitted) stays null. */
export function parseDateArg(value: unknown, argument: string): DateArg | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1 || value > MAX_EXCEL_SERIAL) {
      throw badArgument(argument, `${value} is not a valid Excel date; use ${ACCEPTED}`);
    }
    return { kind: "day", day: serialToDay(value) };
  }
  if (typeof value === "string") {
    const text = value.trim().toUpperCase();
    const day = isoToDay(text);
    if (day !== null) return { kind: "day", day };
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
