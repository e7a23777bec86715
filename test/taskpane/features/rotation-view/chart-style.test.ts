import { monthStep, monthTicks } from "../../../../src/taskpane/features/rotation-view/month-ticks";
import { OKABE_ITO, seriesStyle } from "../../../../src/taskpane/features/rotation-view/series-style";
import { niceAxis } from "../../../../src/taskpane/features/rotation-view/line-chart-geometry";

const serial = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;
/** Every weekday from `from` to `to`. */
function sessions(from: string, to: string): number[] {
  const out: number[] = [];
  // 1970-01-01 (serial 25569) was a Thursday; weekday 0 is Sunday.
  for (let s = serial(from); s <= serial(to); s++) if (((s - 25_569 + 4) % 7) % 6 !== 0) out.push(s);
  return out;
}

describe("series styles", () => {
  it("uses the Okabe–Ito colours and a different dash pattern for each of the first six lines", () => {
    const styles = Array.from({ length: 7 }, (_, i) => seriesStyle(i));
    expect(styles.map((s) => s.color)).toEqual([...OKABE_ITO]);
    expect(new Set(styles.slice(0, 6).map((s) => s.dash)).size).toBe(6);
    expect(new Set(styles.slice(0, 6).map((s) => s.excelLineStyle)).size).toBe(6);
    expect(styles[0].svgDashArray).toBeNull();
    // Beyond both cycles, colour and dash still pair up differently for a long while.
    const pairs = Array.from({ length: 42 }, (_, i) => `${seriesStyle(i).color}/${seriesStyle(i).dash}`);
    expect(new Set(pairs).size).toBe(42);
  });
});

describe("month ticks", () => {
  it("ticks the first session of each month, the year on the first tick and on January", () => {
    const ticks = monthTicks(sessions("2025-10-17", "2026-03-20"), 12);
    expect(ticks.map((t) => t.label)).toEqual(["Nov 2025", "Dec", "Jan 2026", "Feb", "Mar"]);
    expect(ticks.map((t) => t.month)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]);
    const dates = sessions("2025-10-17", "2026-03-20");
    expect(dates[ticks[0].index]).toBe(serial("2025-11-03"));
  });

  it("keeps a tick every month but labels every 2, 3, 6 or 12 months on calendar boundaries when there is no room", () => {
    expect(monthStep(12, 12)).toBe(1);
    expect(monthStep(12, 6)).toBe(2);
    expect(monthStep(36, 12)).toBe(3);
    expect(monthStep(60, 12)).toBe(6);
    expect(monthStep(12, 4, 2)).toBe(6);
    const ticks = monthTicks(sessions("2023-01-10", "2025-12-31"), 12, 48);
    expect(ticks).toHaveLength(35);
    const labelled = ticks.filter((t) => t.label !== null);
    expect(labelled.map((t) => t.month.slice(5))).toEqual(expect.arrayContaining(["04", "07", "10", "01"]));
    expect(labelled.every((t) => ["01", "04", "07", "10"].includes(t.month.slice(5)))).toBe(true);
    expect(labelled[0].label).toBe("Apr 2023");
    // With room for fewer marks than months, the marks thin out too, still on calendar boundaries.
    const sparse = monthTicks(sessions("2021-01-10", "2025-12-31"), 4, 12);
    expect(sparse.every((t) => t.month.endsWith("-01") || t.month.endsWith("-07"))).toBe(true);
  });
});

describe("the value axis", () => {
  it("frames the data with whole steps, always at least three gridlines", () => {
    expect(niceAxis(0, 0.12)).toEqual({ min: 0, max: 0.15, ticks: [0, 0.05, 0.1, 0.15] });
    expect(niceAxis(-0.011, 0.009).ticks.length).toBeGreaterThanOrEqual(3);
    expect(niceAxis(0.01, 0.13).ticks[0]).toBe(0);
    for (const [lo, hi] of [
      [0, 0.001],
      [-3, 7],
      [0, 1.23],
      [-0.4, 0],
    ]) {
      const axis = niceAxis(lo, hi);
      expect(axis.ticks.length).toBeGreaterThanOrEqual(3);
      expect(axis.min).toBeLessThanOrEqual(lo);
      expect(axis.max).toBeGreaterThanOrEqual(hi);
    }
  });
});
