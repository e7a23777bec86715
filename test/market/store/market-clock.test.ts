import { DEFAULT_SETTLE_MS, isStale, staleAt } from "../../../src/market/store";
import { zonedInstant } from "../../../src/market/core";

const at = (iso: string): number => Date.parse(iso);

describe("staleAt: the first US session close plus settle delay after the fetch", () => {
  it.each([
    // [fetchedAt, stale at, why]
    ["2026-01-13T15:00:00Z", "2026-01-13T21:20:00Z", "Tuesday 10:00 EST → that day 16:20 EST"],
    ["2026-01-13T21:10:00Z", "2026-01-13T21:20:00Z", "Tuesday 16:10, inside the settle delay → 16:20 the same day"],
    ["2026-01-13T21:20:00Z", "2026-01-14T21:20:00Z", "exactly at 16:20 → the next day's"],
    ["2026-01-14T04:00:00Z", "2026-01-14T21:20:00Z", "Tuesday 23:00 in New York is already Wednesday in UTC"],
    ["2026-01-23T22:00:00Z", "2026-01-26T21:20:00Z", "Friday 17:00 → Monday 16:20"],
    ["2026-01-24T15:00:00Z", "2026-01-26T21:20:00Z", "Saturday → Monday"],
    ["2026-01-25T23:00:00Z", "2026-01-26T21:20:00Z", "Sunday evening → Monday"],
    ["2026-07-14T14:00:00Z", "2026-07-14T20:20:00Z", "summer (EDT): 16:20 is 20:20 UTC"],
  ])("%s → %s (%s)", (fetched, expected) => {
    expect(staleAt(at(fetched))).toBe(at(expected));
  });

  it("crosses the spring DST change: Friday 17:00 EST → Monday 16:20 EDT", () => {
    // Clocks went forward on Sunday 2026-03-08.
    expect(staleAt(at("2026-03-06T22:00:00Z"))).toBe(at("2026-03-09T20:20:00Z"));
    // Sunday 01:30 EST, half an hour before the change.
    expect(staleAt(at("2026-03-08T06:30:00Z"))).toBe(at("2026-03-09T20:20:00Z"));
  });

  it("crosses the autumn DST change: Friday 17:00 EDT → Monday 16:20 EST", () => {
    // Clocks went back on Sunday 2025-11-02.
    expect(staleAt(at("2025-10-31T21:00:00Z"))).toBe(at("2025-11-03T21:20:00Z"));
    // Sunday 01:30, which happens twice that night.
    expect(staleAt(at("2025-11-02T05:30:00Z"))).toBe(at("2025-11-03T21:20:00Z"));
    expect(staleAt(at("2025-11-02T06:30:00Z"))).toBe(at("2025-11-03T21:20:00Z"));
  });

  it("takes the settle delay as an option, and a delay long enough to reach past midnight", () => {
    expect(DEFAULT_SETTLE_MS).toBe(20 * 60_000);
    expect(staleAt(at("2026-01-13T21:10:00Z"), 0)).toBe(at("2026-01-14T21:00:00Z"));
    // 10 h after Tuesday's close is Wednesday 02:00; fetched Wednesday 01:00 → that instant.
    expect(staleAt(at("2026-01-14T06:00:00Z"), 10 * 3_600_000)).toBe(at("2026-01-14T07:00:00Z"));
    // 30 h after Friday 2026-01-23's close is Saturday 22:00; fetched Saturday noon → that instant.
    expect(staleAt(at("2026-01-24T17:00:00Z"), 30 * 3_600_000)).toBe(at("2026-01-25T03:00:00Z"));
  });

  it("treats an unknown fetch time as stale and rejects a nonsensical settle delay", () => {
    expect(staleAt(Number.NaN)).toBe(Number.NEGATIVE_INFINITY);
    expect(() => staleAt(0, -1)).toThrow(RangeError);
    expect(() => staleAt(0, Number.NaN)).toThrow(RangeError);
  });

  it("isStale compares now with staleAt", () => {
    const fetched = at("2026-01-13T15:00:00Z");
    expect(isStale(fetched, at("2026-01-13T21:19:59Z"))).toBe(false);
    expect(isStale(fetched, at("2026-01-13T21:20:00Z"))).toBe(true);
  });
});

/**
 * Holidays and early closes from NYSE Group's published calendars (2025–2027 list of 2024-11-08 and
 * 2026–2028 list of 2025-12-23, nyse.com/markets/hours-calendars), as checked in
 * test/market/core/us-market-calendar.test.ts.
 */
describe("staleAt on the NYSE calendar: holidays skipped, 13:00 early closes", () => {
  it.each([
    // Thanksgiving 2026 is Thursday 2026-11-26; Friday 2026-11-27 closes at 13:00 EST (18:00Z).
    ["2026-11-25T22:00:00Z", "2026-11-27T18:20:00Z", "Wednesday 17:00 before Thanksgiving → Friday 13:20, no refetch on the holiday"],
    ["2026-11-26T17:00:00Z", "2026-11-27T18:20:00Z", "on Thanksgiving itself → Friday 13:20"],
    ["2026-11-27T15:00:00Z", "2026-11-27T18:20:00Z", "the day after Thanksgiving, 10:00 → 13:20 the same day"],
    ["2026-11-27T18:10:00Z", "2026-11-27T18:20:00Z", "the day after Thanksgiving, 13:10, inside the settle delay → 13:20"],
    ["2026-11-27T18:30:00Z", "2026-11-30T21:20:00Z", "the day after Thanksgiving, 13:30 → Monday 16:20"],
    // Good Friday 2026 is 2026-04-03 (EDT: 16:20 is 20:20Z).
    ["2026-04-02T21:00:00Z", "2026-04-06T20:20:00Z", "Thursday 17:00 before Good Friday → Monday 16:20"],
    ["2026-04-03T14:00:00Z", "2026-04-06T20:20:00Z", "on Good Friday → Monday 16:20"],
    // Independence Day 2026 (a Saturday) is observed on Friday 2026-07-03; July 2 is a full session.
    ["2026-07-02T14:00:00Z", "2026-07-02T20:20:00Z", "Thursday 2026-07-02 10:00 → 16:20 that day (no early close in 2026)"],
    ["2026-07-02T21:00:00Z", "2026-07-06T20:20:00Z", "Thursday 17:00 before the observed Independence Day → Monday 16:20"],
    // 2025: July 3 closes at 13:00 EDT (17:00Z), July 4 is closed.
    ["2025-07-03T14:00:00Z", "2025-07-03T17:20:00Z", "2025-07-03 10:00 → 13:20 the same day"],
    ["2025-07-03T18:00:00Z", "2025-07-07T20:20:00Z", "2025-07-03 14:00, after the early close → Monday 2025-07-07 16:20"],
    // 2025: December 24 closes at 13:00 EST (18:00Z), December 25 is closed.
    ["2025-12-24T15:00:00Z", "2025-12-24T18:20:00Z", "Christmas Eve 10:00 → 13:20 the same day"],
    ["2025-12-24T22:00:00Z", "2025-12-26T21:20:00Z", "Christmas Eve after the close → Friday 2025-12-26 16:20, not on Christmas Day"],
    // New Year's Day 2027 is a Friday.
    ["2026-12-31T22:00:00Z", "2027-01-04T21:20:00Z", "New Year's Eve 17:00 → Monday 2027-01-04 16:20"],
    // Martin Luther King Jr. Day 2026 is Monday 2026-01-19.
    ["2026-01-16T22:00:00Z", "2026-01-20T21:20:00Z", "Friday 17:00 before MLK Day → Tuesday 16:20"],
    ["2026-01-18T23:00:00Z", "2026-01-20T21:20:00Z", "Sunday evening before MLK Day → Tuesday 16:20"],
    // Unscheduled: national day of mourning for President Carter, Thursday 2025-01-09.
    ["2025-01-08T22:00:00Z", "2025-01-10T21:20:00Z", "Wednesday 17:00 before the 2025-01-09 closure → Friday 16:20"],
  ])("%s → %s (%s)", (fetched, expected) => {
    expect(staleAt(at(fetched))).toBe(at(expected));
  });

  it("a history fetched before Thanksgiving is not stale at any moment of the holiday", () => {
    const fetched = at("2026-11-25T22:00:00Z");
    for (let hour = 0; hour < 24; hour++) {
      expect(isStale(fetched, at(`2026-11-26T${String(hour).padStart(2, "0")}:30:00Z`))).toBe(false);
    }
    expect(isStale(fetched, at("2026-11-27T18:19:59Z"))).toBe(false);
    expect(isStale(fetched, at("2026-11-27T18:20:00Z"))).toBe(true);
  });
});

describe("zonedInstant", () => {
  const day = (iso: string): number => at(`${iso}T00:00:00Z`) / 86_400_000;

  it("turns a local wall time into an instant on both sides of a DST change", () => {
    expect(zonedInstant(day("2026-03-06"), 16 * 60, "America/New_York")).toBe(at("2026-03-06T21:00:00Z"));
    expect(zonedInstant(day("2026-03-09"), 16 * 60, "America/New_York")).toBe(at("2026-03-09T20:00:00Z"));
    expect(zonedInstant(day("2026-03-09"), 17 * 60 + 30, "Europe/Berlin")).toBe(at("2026-03-09T16:30:00Z"));
    expect(zonedInstant(day("2026-03-09"), 15 * 60, "Asia/Tokyo")).toBe(at("2026-03-09T06:00:00Z"));
  });
});
