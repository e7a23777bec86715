import { evaluateFormula, FormulaName } from "../../src/functions/catalog";
import { lastSessionNote, noSessionNote, usClosure } from "../../src/functions/args/sessions";
import { dayToIso, dayToSerial } from "../../src/functions/args/days";
import { setClock } from "../../src/functions/today";
import { useHistorySource } from "../../src/addin";
import { DailySeries, isUsSession } from "../../src/market";
import { dayOfIso, FixedHistorySource, makeSeries } from "../support/series-builder";

/**
 * Period arithmetic and date arguments over a history that trades on the NYSE calendar (holidays
 * and the 13:00 early closes as NYSE published them for 2026 and 2027, checked in
 * test/market/core/us-market-calendar.test.ts): Good Friday 2026-04-03, Independence Day observed
 * on Friday 2026-07-03, Thanksgiving 2026-11-26 and the early close on Friday 2026-11-27, New
 * Year's Day 2027 on a Friday.
 */

/** Every US session from `firstIso` to `lastIso`; adjusted close 100 + the session's index. */
function usSessionSeries(symbol: string, firstIso: string, lastIso: string): DailySeries {
  const days: number[] = [];
  for (let day = dayOfIso(firstIso); day <= dayOfIso(lastIso); day++) if (isUsSession(day)) days.push(day);
  const base = makeSeries(
    symbol,
    days.map((_, i) => 100 + i),
    firstIso,
  );
  return { ...base, days: Int32Array.from(days) };
}

const SPY = usSessionSeries("USX", "2025-12-01", "2027-01-29");
/** The same sessions with no open sent for Thursday 2026-04-02 (the session before Good Friday). */
const GAPPY: DailySeries = (() => {
  const series = usSessionSeries("GAPX", "2025-12-01", "2027-01-29");
  const open = series.open.slice();
  open[series.days.indexOf(dayOfIso("2026-04-02"))] = NaN;
  return { ...series, open };
})();
/** A Frankfurt listing: its days are Berlin dates, and it trades on US holidays. */
const FRANKFURT: DailySeries = { ...makeSeries("WSU.DE", [10, 11, 12], "2026-11-25"), timeZone: "Europe/Berlin" };

/** The adjusted close of USX's session on `iso` (which must be a session). */
function closeOn(iso: string): number {
  const index = SPY.days.indexOf(dayOfIso(iso));
  if (index < 0) throw new Error(`${iso} is not a session`);
  return SPY.adjClose[index];
}

let restoreClock: () => void;
beforeAll(() => {
  restoreClock = setClock(() => Date.UTC(2027, 1, 1, 15)); // Monday 2027-02-01
  useHistorySource(new FixedHistorySource({ USX: SPY, GAPX: GAPPY, "WSU.DE": FRANKFURT }));
});
afterAll(() => restoreClock());

async function value(name: FormulaName, ...args: unknown[]) {
  const outcome = await evaluateFormula(name, args);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value;
}

async function failure(name: FormulaName, ...args: unknown[]) {
  const outcome = await evaluateFormula(name, args);
  if (outcome.ok) throw new Error(`${name} unexpectedly returned ${JSON.stringify(outcome.value)}`);
  return `${outcome.error.code} ${outcome.error.message}`;
}

describe("a date that is a US holiday means the last session on or before it", () => {
  it.each([
    ["2026-04-03", "2026-04-02", "Good Friday → Thursday"],
    ["2026-04-05", "2026-04-02", "Easter Sunday → Thursday, over Good Friday"],
    ["2026-07-03", "2026-07-02", "Independence Day observed on Friday → Thursday"],
    ["2026-07-04", "2026-07-02", "July 4 itself, a Saturday → Thursday"],
    ["2026-11-26", "2026-11-25", "Thanksgiving → Wednesday"],
    ["2026-11-27", "2026-11-27", "the day after Thanksgiving is a session (closing at 13:00): its own close"],
    ["2027-01-01", "2026-12-31", "New Year's Day 2027 → New Year's Eve"],
  ])("PRICE on %s is the close of %s (%s)", async (date, session) => {
    expect(await value("PRICE", "USX", date, "adjclose")).toBe(closeOn(session));
    expect(await value("PRICE", "USX", dayToSerial(dayOfIso(date)), "adjclose")).toBe(closeOn(session));
  });
});

describe("periods count back in calendar days, then take the last close on or before", () => {
  it.each([
    // [start, end, start session, end session]
    ["1D", "2026-11-27", "2026-11-25", "2026-11-27", "1D from the day after Thanksgiving lands on Thanksgiving: Wednesday's close"],
    ["1D", "2026-04-06", "2026-04-02", "2026-04-06", "1D from Easter Monday lands on Sunday: Thursday's close, over Good Friday"],
    ["1W", "2026-04-10", "2026-04-02", "2026-04-10", "1W from 2026-04-10 lands on Good Friday"],
    ["1M", "2026-05-04", "2026-04-02", "2026-05-04", "1M from 2026-05-04 lands on Saturday 2026-04-04, after Good Friday"],
    ["1M", "2026-08-03", "2026-07-02", "2026-08-03", "1M from 2026-08-03 lands on Friday 2026-07-03, Independence Day observed"],
    ["MTD", "2026-07-06", "2026-06-30", "2026-07-06", "MTD after the holiday weekend starts at June's last close"],
    ["QTD", "2026-07-06", "2026-06-30", "2026-07-06", "QTD likewise"],
    ["YTD", "2027-01-04", "2026-12-31", "2027-01-04", "YTD in 2027 starts at 2026's last close; New Year's Day 2027 was closed"],
    ["YTD", "2027-01-01", "2026-12-31", "2026-12-31", "YTD ending on New Year's Day 2027: no session yet, a return of 0"],
    ["2026-11-26", "2026-11-27", "2026-11-25", "2026-11-27", "from Thanksgiving to the day after: Wednesday's close to Friday's"],
  ])("TOTAL_RETURN(%s, %s) runs from %s to %s (%s)", async (start, end, from, to) => {
    expect(await value("TOTAL_RETURN", "USX", start, end)).toBeCloseTo(closeOn(to) / closeOn(from) - 1, 12);
  });

  it("an end on a holiday is the session before it, and a period counts back from the holiday itself", async () => {
    // End Good Friday 2026-04-03 → Thursday's close; 1W back from Good Friday is Friday 2026-03-27, a session.
    expect(await value("TOTAL_RETURN", "USX", "1W", "2026-04-03")).toBeCloseTo(closeOn("2026-04-02") / closeOn("2026-03-27") - 1, 12);
  });

  it("a window's rows are the sessions in it: none on Thanksgiving, one on the early-close Friday", async () => {
    const rows = (await value("HISTORY", "USX", "2026-11-25", "2026-11-30", "date", 0)) as number[][];
    expect(rows.map(([serial]) => dayToIso(serial - dayToSerial(0)))).toEqual(["2026-11-25", "2026-11-27", "2026-11-30"]);
  });
});

describe("messages that name the calendar", () => {
  it("a window with no US session says which holiday and weekend closed it", async () => {
    expect(await failure("HISTORY", "USX", "2026-04-03", "2026-04-05")).toBe(
      "#N/A USX has no bars from 2026-04-03 to 2026-04-05: no US session in that range (Good Friday 2026-04-03, a weekend)",
    );
    expect(await failure("HISTORY", "USX", "2026-11-26", "2026-11-26")).toBe(
      "#N/A USX has no bars from 2026-11-26 to 2026-11-26: no US session in that range (Thanksgiving Day 2026-11-26)",
    );
    expect(await failure("HISTORY", "USX", "2026-07-03", "2026-07-05")).toBe(
      "#N/A USX has no bars from 2026-07-03 to 2026-07-05: no US session in that range (Independence Day 2026-07-03, a weekend)",
    );
  });

  it("a missing field on the last session before a holiday names the date asked for and the holiday", async () => {
    expect(await failure("PRICE", "GAPX", "2026-04-03", "open")).toBe(
      "#N/A GAPX has no open on 2026-04-02 (test sent none for that session, the last one on or before 2026-04-03, Good Friday)",
    );
    // Asked for the session itself: as before.
    expect(await failure("PRICE", "GAPX", "2026-04-02", "open")).toBe(
      "#N/A GAPX has no open on 2026-04-02 (test sent none for that session)",
    );
  });

  it("leaves listings elsewhere alone: Frankfurt trades on US Thanksgiving", async () => {
    expect(await value("PRICE", "WSU.DE", "2026-11-26", "adjclose")).toBe(11);
    expect(noSessionNote(FRANKFURT, dayOfIso("2026-11-26"), dayOfIso("2026-11-26"))).toBe("");
    expect(lastSessionNote(FRANKFURT, dayOfIso("2026-11-26"), dayOfIso("2026-11-25"))).toBe(", the last one on or before 2026-11-26");
  });

  it("says nothing when the range had a session the provider did not send", () => {
    expect(noSessionNote(SPY, dayOfIso("2026-04-02"), dayOfIso("2026-04-05"))).toBe("");
  });

  it("names holidays, closures and weekends", () => {
    expect(usClosure(dayOfIso("2026-04-03"))).toBe("Good Friday");
    expect(usClosure(dayOfIso("2026-07-03"))).toBe("Independence Day");
    expect(usClosure(dayOfIso("2026-11-26"))).toBe("Thanksgiving Day");
    expect(usClosure(dayOfIso("2026-11-27"))).toBeNull(); // a session, closing at 13:00
    expect(usClosure(dayOfIso("2025-01-09"))).toBe("an unscheduled closure");
    expect(usClosure(dayOfIso("2026-04-04"))).toBe("a Saturday");
    expect(usClosure(dayOfIso("2026-04-05"))).toBe("a Sunday");
  });
});
