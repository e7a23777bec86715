import { dayToSerial } from "./args/days";
import { parseDateArg, resolveDay } from "./args/dates";

const MS_PER_DAY = 86_400_000;

/** The analyst's calendar date (local time zone) as a day number since 1970-01-01. */
export function localDay(now: Date): number {
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / MS_PER_DAY;
}

/**
 * Excel serials, ascending, one week apart and ending on `today`, covering `span` ("1Y", "6M",
 * "YTD", an ISO date…) counted back the way MKT functions count periods.
 */
export function weeklyDates(span: string, today: Date): number[] {
  let start: number;
  try {
    const parsed = parseDateArg(span, "chart span");
    if (parsed === null) throw new Error("empty");
    start = resolveDay(parsed, localDay(today));
  } catch {
    throw new Error(`Chart span "${span}" is not a period such as "1Y", "6M" or "YTD", nor a date.`);
  }
  const end = localDay(today);
  if (start >= end) throw new Error(`Chart span "${span}" starts on or after today; pick a longer span.`);
  const days: number[] = [];
  for (let day = end; day >= start; day -= 7) days.push(dayToSerial(day));
  return days.reverse();
}
