import { isUsSession, usMarketClosures, usMarketDay, usSessionAfter, usSessionOnOrBefore } from "../../../src/market/core";

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);

/**
 * NYSE Group's published calendars: "NYSE Group Announces 2025, 2026 And 2027 Holiday And Early
 * Closings Calendar" (2024-11-08) and "… 2026, 2027 And 2028 …" (2025-12-23), as on
 * nyse.com/markets/hours-calendars.
 */
const PUBLISHED_HOLIDAYS: Record<number, string[]> = {
  2025: [
    "2025-01-01",
    "2025-01-20",
    "2025-02-17",
    "2025-04-18",
    "2025-05-26",
    "2025-06-19",
    "2025-07-04",
    "2025-09-01",
    "2025-11-27",
    "2025-12-25",
  ],
  2026: [
    "2026-01-01",
    "2026-01-19",
    "2026-02-16",
    "2026-04-03",
    "2026-05-25",
    "2026-06-19",
    "2026-07-03",
    "2026-09-07",
    "2026-11-26",
    "2026-12-25",
  ],
  2027: [
    "2027-01-01",
    "2027-01-18",
    "2027-02-15",
    "2027-03-26",
    "2027-05-31",
    "2027-06-18",
    "2027-07-05",
    "2027-09-06",
    "2027-11-25",
    "2027-12-24",
  ],
  // 2028: New Year's Day falls on a Saturday and is not observed.
  2028: ["2028-01-17", "2028-02-21", "2028-04-14", "2028-05-29", "2028-06-19", "2028-07-04", "2028-09-04", "2028-11-23", "2028-12-25"],
};
const PUBLISHED_EARLY_CLOSES: Record<number, string[]> = {
  2025: ["2025-07-03", "2025-11-28", "2025-12-24"],
  2026: ["2026-11-27", "2026-12-24"],
  2027: ["2027-11-26"],
  2028: ["2028-07-03", "2028-11-24"],
};

describe("the US market calendar", () => {
  it.each(Object.keys(PUBLISHED_HOLIDAYS).map(Number))("matches the holidays NYSE published for %i", (year) => {
    const scheduled = [...usMarketClosures(year)].filter(([, name]) => name !== "unscheduled closure").map(([d]) => d);
    const computed = scheduled.sort((a, b) => a - b).map(iso);
    expect(computed).toEqual(PUBLISHED_HOLIDAYS[year]);
    for (const holiday of PUBLISHED_HOLIDAYS[year]) expect(isUsSession(day(holiday))).toBe(false);
  });

  it.each(Object.keys(PUBLISHED_EARLY_CLOSES).map(Number))("matches the 1:00 p.m. early closes NYSE published for %i", (year) => {
    const early: string[] = [];
    for (let d = day(`${year}-01-01`); d < day(`${year + 1}-01-01`); d++) {
      if (usMarketDay(d).closeMinutes === 13 * 60) early.push(iso(d));
    }
    expect(early).toEqual(PUBLISHED_EARLY_CLOSES[year]);
  });

  it("knows the unscheduled closures (days of mourning, storms)", () => {
    expect(usMarketDay(day("2025-01-09"))).toEqual({ open: false, closeMinutes: null, note: "unscheduled closure" });
    expect(isUsSession(day("2012-10-29"))).toBe(false);
    expect(isUsSession(day("2012-10-31"))).toBe(true);
  });

  it("names holidays and closes weekends", () => {
    expect(usMarketDay(day("2026-04-03")).note).toBe("Good Friday");
    expect(usMarketDay(day("2026-11-28"))).toEqual({ open: false, closeMinutes: null, note: null }); // Saturday
    expect(usMarketDay(day("2026-11-30"))).toEqual({ open: true, closeMinutes: 16 * 60, note: null });
  });

  it("steps to the session on or before and after a date", () => {
    expect(iso(usSessionOnOrBefore(day("2026-04-05")))).toBe("2026-04-02"); // Easter Sunday → Thursday before Good Friday
    expect(iso(usSessionAfter(day("2026-07-02")))).toBe("2026-07-06"); // over the observed Independence Day
    expect(iso(usSessionOnOrBefore(day("2026-01-01")))).toBe("2025-12-31");
  });

  it("has about 252 sessions a year", () => {
    for (const year of [2019, 2023, 2025, 2026, 2027]) {
      let sessions = 0;
      for (let d = day(`${year}-01-01`); d < day(`${year + 1}-01-01`); d++) if (isUsSession(d)) sessions++;
      expect(sessions).toBeGreaterThanOrEqual(250);
      expect(sessions).toBeLessThanOrEqual(253);
    }
  });
});
