import { mergeTail, TAIL_OVERLAP_BARS, tailSince } from "../../../src/market/store";
import { DailySeries } from "../../../src/market/core";
import { dayOfIso, makeSeries } from "../../support/series-builder";

/** 10 weekday bars 2025-01-02 … 2025-01-15, fetched on 2025-01-15 during the session (last bar unfinished). */
const CACHED_CLOSES = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109.5];
const cached = (overrides: Partial<DailySeries> = {}): DailySeries => ({
  ...makeSeries("IWM", CACHED_CLOSES, "2025-01-02"),
  fetchedAt: Date.parse("2025-01-15T17:00:00Z"),
  ...overrides,
});
/** The tail from 2025-01-08 (5 bars before the last cached day): overlap 01-08…01-15, then 01-16, 01-17. */
const tail = (closes: number[] = [104, 105, 106, 107, 108, 110, 111, 112], overrides: Partial<DailySeries> = {}): DailySeries => ({
  ...makeSeries("IWM", closes, "2025-01-08"),
  fetchedAt: Date.parse("2025-01-17T22:00:00Z"),
  ...overrides,
});

function merged(result: ReturnType<typeof mergeTail>): DailySeries {
  if (result.kind !== "merged") throw new Error(`expected a merge, got refetch: ${result.reason}`);
  return result.series;
}

function refetchReason(result: ReturnType<typeof mergeTail>): string {
  if (result.kind !== "refetch") throw new Error("expected a refetch");
  return result.reason;
}

describe("tailSince", () => {
  it("asks from a few bars before the last cached day", () => {
    expect(TAIL_OVERLAP_BARS).toBe(5);
    const series = cached();
    expect(tailSince(series)).toBe(series.days[4]);
    expect(tailSince(series)).toBe(dayOfIso("2025-01-08"));
    expect(tailSince(series, 2)).toBe(series.days[7]);
  });

  it("asks from the first day of a short history, and not at all for an empty one", () => {
    expect(tailSince(makeSeries("IWM", [1, 2]))).toBe(dayOfIso("2025-01-02"));
    expect(tailSince(makeSeries("IWM", []))).toBeNull();
  });
});

describe("mergeTail", () => {
  it("appends the new bars, replaces the unfinished last bar and takes the tail's fetch time", () => {
    const series = merged(mergeTail(cached(), tail()));
    expect(Array.from(series.adjClose)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 110, 111, 112]);
    expect(series.days.length).toBe(12);
    expect(series.days[11]).toBe(dayOfIso("2025-01-17"));
    expect(series.close[9]).toBeCloseTo(110 * 1.02, 10);
    expect(series.volume[0]).toBe(1000);
    expect(series.fetchedAt).toBe(Date.parse("2025-01-17T22:00:00Z"));
    expect(series.symbol).toBe("IWM");
    for (let i = 1; i < series.days.length; i++) expect(series.days[i]).toBeGreaterThan(series.days[i - 1]);
  });

  it("drops the stale mark of the cached copy", () => {
    const series = merged(mergeTail(cached({ staleBecause: "offline" }), tail()));
    expect(series.staleBecause).toBeUndefined();
    expect("staleBecause" in series).toBe(false);
  });

  it("asks for a refetch when the overlap's adjusted closes were re-adjusted (a dividend)", () => {
    const readjusted = [104, 105, 106, 107, 108, 110, 111, 112].map((x, i) => (i < 5 ? x * 0.995 : x));
    const reason = refetchReason(mergeTail(cached(), tail(readjusted)));
    expect(reason).toMatch(/adjusted close on 2025-01-08 changed from 104 to 103\.4/);
    expect(reason).toContain("re-adjusted");
  });

  it("asks for a refetch after a split (every overlapping bar changed)", () => {
    const split = [104, 105, 106, 107, 108, 110, 111, 112].map((x) => x / 4);
    expect(mergeTail(cached(), tail(split)).kind).toBe("refetch");
  });

  it("tolerates float noise far below any dividend", () => {
    const noisy = [104 * (1 + 1e-9), 105, 106 * (1 - 1e-9), 107, 108, 110, 111, 112];
    expect(merged(mergeTail(cached(), tail(noisy))).days.length).toBe(12);
  });

  it("compares every complete overlapping bar, not just the first", () => {
    const lateChange = [104, 105, 106, 107, 108.5, 110, 111, 112];
    expect(refetchReason(mergeTail(cached(), tail(lateChange)))).toContain("2025-01-14");
  });

  it("compares the last cached bar too when it was fetched after its day was over", () => {
    const nextMorning = cached({ fetchedAt: Date.parse("2025-01-16T14:00:00Z") });
    expect(refetchReason(mergeTail(nextMorning, tail()))).toContain("2025-01-15 changed from 109.5 to 110");
  });

  it("treats missing values on both sides as equal, and on one side as a change", () => {
    const withGap = cached({ adjClose: Float64Array.from([100, 101, 102, 103, 104, 105, NaN, 107, 108, 109.5]) });
    expect(merged(mergeTail(withGap, tail([104, 105, NaN, 107, 108, 110, 111, 112]))).days.length).toBe(12);
    expect(mergeTail(withGap, tail()).kind).toBe("refetch");
  });

  it("asks for a refetch when a bar of the overlap is missing from the tail, or new in it", () => {
    expect(
      refetchReason(
        mergeTail(
          cached(),
          pickBars(tail(), (i) => i !== 2),
        ),
      ),
    ).toContain("no bar on 2025-01-10");

    const cachedWithHole = pickBars(cached(), (i) => i !== 6);
    expect(refetchReason(mergeTail(cachedWithHole, tail()))).toContain("bar on 2025-01-10 that the cached history lacks");
  });

  it("asks for a refetch when the tail starts after the cached history ends", () => {
    const late = { ...makeSeries("IWM", [120, 121], "2025-01-20"), fetchedAt: 1 };
    expect(refetchReason(mergeTail(cached(), late))).toContain("after the cached history ends");
  });

  it("asks for a refetch when no overlapping bar was complete at fetch time", () => {
    // Cached on 2025-01-08 itself: its bar for that day was unfinished, and the tail starts there.
    const sameDay = cached({ fetchedAt: Date.parse("2025-01-08T17:00:00Z") });
    const short = pickBars(sameDay, (i) => i <= 4);
    expect(refetchReason(mergeTail(short, tail()))).toContain("could not be ruled out");
  });

  it("takes a tail that reaches back to the first cached day as the full history", () => {
    const full = { ...makeSeries("IWM", [50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60], "2025-01-02"), fetchedAt: 5 };
    expect(merged(mergeTail(cached(), full))).toBe(full);
  });

  it("asks for a refetch for an empty tail or one from another provider, zone or adjustment", () => {
    expect(mergeTail(cached(), makeSeries("IWM", [], "2025-01-08")).kind).toBe("refetch");
    expect(refetchReason(mergeTail(cached(), tail(undefined, { provider: "other" })))).toContain("provider");
    expect(refetchReason(mergeTail(cached(), tail(undefined, { timeZone: "Europe/Berlin" })))).toContain("timeZone");
    expect(refetchReason(mergeTail(cached(), tail(undefined, { adjusted: false })))).toContain("adjusted");
  });
});

function pickBars(series: DailySeries, keep: (i: number) => boolean): DailySeries {
  const index = Array.from(series.days.keys()).filter(keep);
  const take = <T extends Int32Array | Float64Array>(column: T): T => column.filter((_, i) => index.includes(i)) as T;
  return {
    ...series,
    days: take(series.days),
    open: take(series.open),
    high: take(series.high),
    low: take(series.low),
    close: take(series.close),
    adjClose: take(series.adjClose),
    volume: take(series.volume),
  };
}
