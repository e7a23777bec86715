import { indexOnOrBefore } from "../analytics";
import { DailySeries } from "../market";
import { DateArg, resolveDay } from "./args/dates";
import { dayToIso } from "./args/days";
import { badArgument, notAvailable } from "./errors";

export function latestDay(series: readonly DailySeries[]): number {
  let latest = -Infinity;
  for (const s of series) if (s.days.length > 0) latest = Math.max(latest, s.days[s.days.length - 1]);
  if (latest === -Infinity) throw notAvailable(`no price history for ${series.map((s) => s.symbol).join(", ")}`);
  return latest;
}

/** Index of the last bar on or before `day`; #N/A naming the symbol when there is none. */
export function barOnOrBefore(series: DailySeries, day: number): number {
  const index = indexOnOrBefore(series.days, day);
  if (index < 0) {
    const first = series.days.length > 0 ? `; its history starts ${dayToIso(series.days[0])}` : "";
    throw notAvailable(`${series.symbol} has no close on or before ${dayToIso(day)}${first}`);
  }
  return index;
}

/** The bar a point-in-time function reads: the date (periods counted back from the latest bar), or the latest bar. */
export function pointBar(series: DailySeries, date: DateArg | null): number {
  if (date === null) return barOnOrBefore(series, latestDay([series]));
  return barOnOrBefore(series, resolveDay(date, latestDay([series])));
}

export interface DayWindow {
  startDay: number;
  endDay: number;
}

/**
 * The calendar window shared by every member of a basket: the end date (or the most recent
 * session among them), and the start counted back from it when it is a period.
 */
export function resolveWindow(
  start: DateArg,
  end: DateArg | null,
  series: readonly DailySeries[],
  names: [string, string] = ["start", "end"],
): DayWindow {
  const latest = latestDay(series);
  const endDay = end === null ? latest : resolveDay(end, latest);
  const startDay = resolveDay(start, endDay);
  if (startDay > endDay) {
    throw badArgument(names[0], `${dayToIso(startDay)} is after ${names[1]} ${dayToIso(endDay)}`);
  }
  return { startDay, endDay };
}
