import { DailySeries, US_MARKET_TIME_ZONE, usMarketDay } from "../../market";
import { dayToIso } from "./days";

/**
 * The US market calendar in messages. Dates themselves need no calendar here: a period resolves to
 * a calendar day and "the last close on or before it" comes from the series' own days, which is
 * right for every listing (a Frankfurt history trades on US Thanksgiving). The calendar only says
 * why a US history has no bar on a day: a holiday, an unscheduled closure or a weekend.
 */

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** Whether the series' days are New York dates, so the US calendar explains its gaps. */
function onUsCalendar(series: DailySeries): boolean {
  return series.timeZone === US_MARKET_TIME_ZONE;
}

/** Why the US market had no session on `day` ("Good Friday", "a Saturday", "an unscheduled closure"); null on a session day. */
export function usClosure(day: number): string | null {
  const { open, note } = usMarketDay(day);
  if (open) return null;
  if (note === null) return `a ${WEEKDAYS[(((day + 4) % 7) + 7) % 7]}`;
  return note === "unscheduled closure" ? "an unscheduled closure" : note;
}

/**
 * For the bar read for a date (`barDay`, the last one on or before `requested`): ", the last one on
 * or before 2026-04-03, Good Friday" when it is an earlier day, the holiday named when the
 * requested day had no US session; "" when it is the requested day or no date was given.
 */
export function lastSessionNote(series: DailySeries, requested: number | null, barDay: number): string {
  if (requested === null || requested === barDay) return "";
  const closure = onUsCalendar(series) ? usClosure(requested) : null;
  return `, the last one on or before ${dayToIso(requested)}${closure === null ? "" : `, ${closure}`}`;
}

/**
 * For a range without bars in a US history: ": no US session in that range (Good Friday
 * 2026-04-03, a weekend)" when the market had no session on any of its days; "" otherwise (a
 * listing elsewhere, or a range with sessions the provider did not send).
 */
export function noSessionNote(series: DailySeries, first: number, last: number): string {
  if (!onUsCalendar(series)) return "";
  const reasons: string[] = [];
  let weekend = false;
  for (let day = first; day <= last; day++) {
    const { open, note } = usMarketDay(day);
    if (open) return "";
    if (note === null) weekend = true;
    else reasons.push(`${usClosure(day)} ${dayToIso(day)}`);
  }
  if (weekend) reasons.push("a weekend");
  return `: no US session in that range (${reasons.join(", ")})`;
}
