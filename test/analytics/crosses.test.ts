import { lastCrossOnOrBefore, maCrosses, MaCross, regimeAt } from "../../src/analytics";

/** Averages whose difference fast − slow is `diffs` (slow fixed at 100; NaN stays NaN). */
function fromDiffs(diffs: number[]): [Float64Array, Float64Array] {
  const slow = Float64Array.from(diffs, () => 100);
  const fast = Float64Array.from(diffs, (d) => 100 + d);
  return [fast, slow];
}

const crossesOf = (diffs: number[]) => maCrosses(...fromDiffs(diffs));

describe("maCrosses", () => {
  it("finds a golden then a death cross on the first day of each new side", () => {
    expect(crossesOf([-1, -1, 1, 1, -1, -2])).toEqual([
      { index: 2, kind: "golden" },
      { index: 4, kind: "death" },
    ]);
  });

  it("lets days of equality carry the previous sign", () => {
    expect(crossesOf([-1, 0, 0, 1, 0, -1])).toEqual([
      { index: 3, kind: "golden" },
      { index: 5, kind: "death" },
    ]);
    // Touching without crossing is not a cross.
    expect(crossesOf([-1, 0, -1, 0, 0, -3])).toEqual([]);
    expect(crossesOf([2, 0, 1, 0, -2])).toEqual([{ index: 4, kind: "death" }]);
  });

  it("ignores the NaN warm-up: the first defined day sets a side without a cross", () => {
    const fast = Float64Array.from([NaN, NaN, NaN, 99, 101, 102]);
    const slow = Float64Array.from([NaN, NaN, 100, 100, 100, 100]);
    expect(maCrosses(fast, slow)).toEqual([{ index: 4, kind: "golden" }]);
  });

  it("skips a NaN day in the middle without losing the side", () => {
    expect(crossesOf([-1, NaN, NaN, 1])).toEqual([{ index: 3, kind: "golden" }]);
    expect(crossesOf([-1, NaN, -1])).toEqual([]);
  });

  it("gives leading zero days no sign, so the first non-zero day is not a cross", () => {
    expect(crossesOf([0, 0, 1, 0, -1])).toEqual([{ index: 4, kind: "death" }]);
    expect(crossesOf([0, 0, 0])).toEqual([]);
  });

  it("alternates kinds and is ascending on a longer series", () => {
    const diffs = Array.from({ length: 400 }, (_, i) => Math.sin(i / 7) + 0.3 * Math.sin(i * 1.7));
    const crosses = crossesOf(diffs);
    expect(crosses.length).toBeGreaterThan(10);
    for (let i = 1; i < crosses.length; i++) {
      expect(crosses[i].index).toBeGreaterThan(crosses[i - 1].index);
      expect(crosses[i].kind).not.toBe(crosses[i - 1].kind);
    }
  });

  it("handles empty input and rejects averages of different lengths", () => {
    expect(maCrosses(new Float64Array(0), new Float64Array(0))).toEqual([]);
    expect(() => maCrosses(new Float64Array(3), new Float64Array(4))).toThrow(RangeError);
  });
});

describe("lastCrossOnOrBefore", () => {
  const crosses: MaCross[] = [
    { index: 3, kind: "golden" },
    { index: 7, kind: "death" },
    { index: 12, kind: "golden" },
  ];

  it("returns the latest cross on or before the index", () => {
    expect(lastCrossOnOrBefore(crosses, 2)).toBeNull();
    expect(lastCrossOnOrBefore(crosses, 3)).toEqual(crosses[0]);
    expect(lastCrossOnOrBefore(crosses, 6)).toEqual(crosses[0]);
    expect(lastCrossOnOrBefore(crosses, 7)).toEqual(crosses[1]);
    expect(lastCrossOnOrBefore(crosses, 11)).toEqual(crosses[1]);
    expect(lastCrossOnOrBefore(crosses, 12)).toEqual(crosses[2]);
    expect(lastCrossOnOrBefore(crosses, 1000)).toEqual(crosses[2]);
  });

  it("filters by kind", () => {
    expect(lastCrossOnOrBefore(crosses, 1000, "death")).toEqual(crosses[1]);
    expect(lastCrossOnOrBefore(crosses, 11, "golden")).toEqual(crosses[0]);
    expect(lastCrossOnOrBefore(crosses, 6, "death")).toBeNull();
    expect(lastCrossOnOrBefore(crosses, 2, "golden")).toBeNull();
  });

  it("returns null for no crosses", () => {
    expect(lastCrossOnOrBefore([], 5)).toBeNull();
    expect(lastCrossOnOrBefore([], 5, "golden")).toBeNull();
  });
});

describe("regimeAt", () => {
  const [fast, slow] = fromDiffs([NaN, 0, 0, 1, 0, -1, 0]);

  it("is null during the warm-up and before any non-zero difference", () => {
    expect(regimeAt(fast, slow, 0)).toBeNull();
    expect(regimeAt(fast, slow, 1)).toBeNull();
    expect(regimeAt(fast, slow, 2)).toBeNull();
  });

  it("names the side fast is on, equal days carrying the previous side", () => {
    expect(regimeAt(fast, slow, 3)).toBe("golden");
    expect(regimeAt(fast, slow, 4)).toBe("golden");
    expect(regimeAt(fast, slow, 5)).toBe("death");
    expect(regimeAt(fast, slow, 6)).toBe("death");
  });

  it("agrees with the kind of the last cross", () => {
    const [f, s] = fromDiffs([-1, 0, 2, 0, 0, -1, 1, 0]);
    const crosses = maCrosses(f, s);
    for (let i = 2; i < f.length; i++) expect(regimeAt(f, s, i)).toBe(lastCrossOnOrBefore(crosses, i)?.kind);
  });

  it("rejects an index outside the series", () => {
    expect(() => regimeAt(fast, slow, 7)).toThrow(RangeError);
    expect(() => regimeAt(fast, slow, -1)).toThrow(RangeError);
  });
});
