import { isValidTimeZone, tradingDayConverter, tradingDayOf } from "../../../src/market/core";

const DAY_MS = 86_400_000;
const dayOfIso = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** Independent reference: the local calendar date straight from Intl, no offset arithmetic. */
const referenceFormats = new Map<string, Intl.DateTimeFormat>();
function referenceDay(ms: number, timeZone: string): number {
  let format = referenceFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" });
    referenceFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(ms);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day")) / DAY_MS;
}

describe("tradingDayOf", () => {
  it("uses the zone's offset of that instant, summer or winter", () => {
    // 04:30Z is 00:30 in New York in summer (EDT) but 23:30 the day before in winter (EST).
    expect(tradingDayOf(Date.parse("2021-07-01T04:30:00Z"), "America/New_York")).toBe(dayOfIso("2021-07-01"));
    expect(tradingDayOf(Date.parse("2021-01-15T04:30:00Z"), "America/New_York")).toBe(dayOfIso("2021-01-14"));
    expect(tradingDayOf(Date.parse("2021-03-14T04:30:00Z"), "America/New_York")).toBe(dayOfIso("2021-03-13"));
    expect(tradingDayOf(Date.parse("2021-03-15T04:30:00Z"), "America/New_York")).toBe(dayOfIso("2021-03-15"));
  });

  it("handles zones east of UTC and UTC itself", () => {
    expect(tradingDayOf(Date.parse("2023-08-04T22:30:00Z"), "Europe/Berlin")).toBe(dayOfIso("2023-08-05"));
    expect(tradingDayOf(Date.parse("2023-08-04T23:59:59Z"), "UTC")).toBe(dayOfIso("2023-08-04"));
    expect(tradingDayOf(Date.parse("2024-01-05T00:00:00Z"), "Asia/Tokyo")).toBe(dayOfIso("2024-01-05"));
  });

  it("matches Intl's own calendar date around DST changes and in odd-offset zones", () => {
    const zones = [
      "America/New_York",
      "Europe/Berlin",
      "Europe/London",
      "Australia/Sydney",
      "Australia/Adelaide",
      "Australia/Lord_Howe",
      "Asia/Kolkata",
      "Asia/Kathmandu",
      "Pacific/Chatham",
      "America/St_Johns",
      "America/Sao_Paulo",
      "Pacific/Apia",
      "UTC",
    ];
    let seed = 12345;
    const random = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    const from = Date.parse("1975-01-01T00:00:00Z");
    const to = Date.parse("2030-12-31T00:00:00Z");
    for (const zone of zones) {
      const toDay = tradingDayConverter(zone);
      const mismatches: string[] = [];
      const check = (ms: number): void => {
        if (toDay(ms) !== referenceDay(ms, zone)) mismatches.push(`${zone} ${new Date(ms).toISOString()}`);
      };
      // Whole seconds, like Yahoo timestamps.
      for (let i = 0; i < 1000; i++) check(Math.floor((from + random() * (to - from)) / 1000) * 1000);
      // The last second of every quarter hour of 2022: a transition inside a cached bucket would show.
      for (let ms = Date.parse("2022-01-01T00:15:00Z"); ms < Date.parse("2023-01-01T00:00:00Z"); ms += 15 * 60_000) check(ms - 1000);
      expect(mismatches).toEqual([]);
    }
  });

  it("rejects unknown zones", () => {
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(() => tradingDayConverter("EST5EDT-bogus")).toThrow(RangeError);
  });
});
