import { DEFAULT_SETTLE_MS, isStale, staleAt } from "../../../src/market/store";
import { zonedInstant } from "../../../src/market/core";

const at = (iso: string): number => Date.parse(iso);

describe("staleAt: the first US close plus settle delay after the fetch", () => {
  it.each([
    // [fetchedAt, stale at, why]
    ["2026-01-13T15:00:00Z", "2026-01-13T21:20:00Z", "Tuesday 10:00 EST → that day 16:20 EST"],
    ["2026-01-13T21:10:00Z", "2026-01-13T21:20:00Z", "Tuesday 16:10, inside the settle delay → 16:20 the same day"],
    ["2026-01-13T21:20:00Z", "2026-01-14T21:20:00Z", "exactly at 16:20 → the next day's"],
    ["2026-01-14T04:00:00Z", "2026-01-14T21:20:00Z", "Tuesday 23:00 in New York is already Wednesday in UTC"],
    ["2026-01-16T22:00:00Z", "2026-01-19T21:20:00Z", "Friday 17:00 → Monday 16:20"],
    ["2026-01-17T15:00:00Z", "2026-01-19T21:20:00Z", "Saturday → Monday"],
    ["2026-01-18T23:00:00Z", "2026-01-19T21:20:00Z", "Sunday evening → Monday"],
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

  it("ignores exchange holidays: fetched after the close on Christmas Eve, stale on Christmas Day", () => {
    expect(staleAt(at("2025-12-24T22:00:00Z"))).toBe(at("2025-12-25T21:20:00Z"));
  });

  it("takes the settle delay as an option, and a delay long enough to reach past midnight", () => {
    expect(DEFAULT_SETTLE_MS).toBe(20 * 60_000);
    expect(staleAt(at("2026-01-13T21:10:00Z"), 0)).toBe(at("2026-01-14T21:00:00Z"));
    // 10 h after Tuesday's close is Wednesday 02:00; fetched Wednesday 01:00 → that instant.
    expect(staleAt(at("2026-01-14T06:00:00Z"), 10 * 3_600_000)).toBe(at("2026-01-14T07:00:00Z"));
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

describe("zonedInstant", () => {
  const day = (iso: string): number => at(`${iso}T00:00:00Z`) / 86_400_000;

  it("turns a local wall time into an instant on both sides of a DST change", () => {
    expect(zonedInstant(day("2026-03-06"), 16 * 60, "America/New_York")).toBe(at("2026-03-06T21:00:00Z"));
    expect(zonedInstant(day("2026-03-09"), 16 * 60, "America/New_York")).toBe(at("2026-03-09T20:00:00Z"));
    expect(zonedInstant(day("2026-03-09"), 17 * 60 + 30, "Europe/Berlin")).toBe(at("2026-03-09T16:30:00Z"));
    expect(zonedInstant(day("2026-03-09"), 15 * 60, "Asia/Tokyo")).toBe(at("2026-03-09T06:00:00Z"));
  });
});
