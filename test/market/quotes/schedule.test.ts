import {
  effectiveQuoteIntervalMs,
  lastSettledClose,
  marketPhase,
  minimumQuoteIntervalMs,
  nextQuotePoll,
  usTradingDayOf,
} from "../../../src/market";

const at = (iso: string): number => Date.parse(iso);
const options = (owed: number | null = null) => ({ intervalMs: 15_000, afterCloseDelayMs: 60_000, afterCloseOwed: owed });

describe("nextQuotePoll", () => {
  it("is the next whole multiple of the interval during regular hours (the same slots on every instance)", () => {
    expect(nextQuotePoll(at("2026-12-02T15:00:07Z"), options())).toMatchObject({ at: at("2026-12-02T15:00:15Z"), kind: "regular" });
    expect(nextQuotePoll(at("2026-12-02T15:00:15Z"), options()).at).toBe(at("2026-12-02T15:00:15Z"));
  });

  it("waits for the open (09:30 New York) before it", () => {
    expect(nextQuotePoll(at("2026-12-02T08:00:00Z"), options())).toMatchObject({ at: at("2026-12-02T14:30:00Z"), kind: "regular" });
  });

  it("owes one poll after the close only for a day polled during its session", () => {
    const wednesday = usTradingDayOf(at("2026-12-02T15:00:00Z"));
    const afterClose = nextQuotePoll(at("2026-12-02T21:00:00Z"), options(wednesday));
    expect(afterClose).toMatchObject({ at: at("2026-12-02T21:01:00Z"), kind: "after-close", day: wednesday });
    expect(nextQuotePoll(at("2026-12-02T21:00:00Z"), options())).toMatchObject({ at: at("2026-12-03T14:30:00Z"), kind: "regular" });
  });

  it("skips weekends and holidays, and closes at 13:00 on early-close days", () => {
    expect(nextQuotePoll(at("2026-12-05T17:00:00Z"), options()).at).toBe(at("2026-12-07T14:30:00Z")); // Saturday → Monday
    expect(nextQuotePoll(at("2026-12-24T22:00:00Z"), options()).at).toBe(at("2026-12-28T14:30:00Z")); // Christmas Friday
    const blackFriday = usTradingDayOf(at("2026-11-27T15:00:00Z"));
    expect(nextQuotePoll(at("2026-11-27T18:00:00Z"), options(blackFriday))).toMatchObject({
      at: at("2026-11-27T18:01:00Z"),
      kind: "after-close",
    });
  });
});

describe("marketPhase", () => {
  it.each([
    ["2026-12-02T14:00:00Z", null, "pre-open"],
    ["2026-12-02T15:00:00Z", null, "regular"],
    ["2026-12-02T21:00:30Z", "owed", "after-close"],
    ["2026-12-02T21:00:30Z", null, "closed"],
    ["2026-12-05T17:00:00Z", null, "closed"],
    ["2026-12-25T17:00:00Z", null, "closed"],
  ])("at %s (after-close poll %s) is %s", (iso, owed, phase) => {
    const time = at(iso);
    expect(marketPhase(time, owed === null ? null : usTradingDayOf(time))).toBe(phase);
  });
});

describe("lastSettledClose", () => {
  it("is the latest close plus the delay at or before now", () => {
    expect(lastSettledClose(at("2026-12-05T17:00:00Z"), 60_000)).toBe(at("2026-12-04T21:01:00Z"));
    expect(lastSettledClose(at("2026-12-02T21:00:30Z"), 60_000)).toBe(at("2026-12-01T21:01:00Z"));
  });
});

describe("the plan's limits", () => {
  it("give the shortest interval that keeps polling within half of every window", () => {
    // 5 a minute → 2.5 for quotes: 2 requests a poll every 48 s.
    expect(minimumQuoteIntervalMs({ concurrency: 1, perMinute: 5 }, 2)).toBe(48_000);
    // 25 a day → 12.5 over a 6.5-hour session: one request every 1,872 s.
    expect(minimumQuoteIntervalMs({ concurrency: 1, perMinute: 5, perDay: 25 }, 1)).toBe(1_872_000);
    expect(minimumQuoteIntervalMs({ concurrency: 8 }, 10)).toBe(0);
  });

  it("never make the interval shorter than the setting", () => {
    expect(effectiveQuoteIntervalMs(15_000, { concurrency: 8, perMinute: 12_000 }, 10)).toBe(15_000);
    expect(effectiveQuoteIntervalMs(15_000, { concurrency: 1, perMinute: 5 }, 1)).toBe(24_000);
    expect(effectiveQuoteIntervalMs(15_000, null, 100)).toBe(15_000);
  });
});
