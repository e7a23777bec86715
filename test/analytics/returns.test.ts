import { basketReturn, relativeStrength, relativeStrengthSeries, rotationSpread, totalReturn } from "../../src/analytics";

describe("totalReturn", () => {
  const adj = Float64Array.from([100, 110, 99, 121]);

  it("is adj[end] / adj[start] − 1", () => {
    expect(totalReturn(adj, 0, 1)).toBeCloseTo(0.1, 15);
    expect(totalReturn(adj, 1, 2)).toBeCloseTo(-0.1, 15);
    expect(totalReturn(adj, 0, 3)).toBeCloseTo(0.21, 15);
    expect(totalReturn(adj, 2, 2)).toBe(0);
  });

  it("accepts plain arrays", () => {
    expect(totalReturn([50, 75], 0, 1)).toBe(0.5);
  });

  it("rejects indices outside the series or in the wrong order", () => {
    expect(() => totalReturn(adj, -1, 2)).toThrow(RangeError);
    expect(() => totalReturn(adj, 0, 4)).toThrow(RangeError);
    expect(() => totalReturn(adj, 0.5, 2)).toThrow(RangeError);
    expect(() => totalReturn(adj, 3, 1)).toThrow(RangeError);
    expect(() => totalReturn(new Float64Array(0), 0, 0)).toThrow(RangeError);
  });
});

describe("basketReturn", () => {
  it("is the equal-weight mean", () => {
    expect(basketReturn([0.1, 0.2, 0.3])).toBeCloseTo(0.2, 15);
    expect(basketReturn([0.1, -0.1])).toBe(0);
    expect(basketReturn(Float64Array.from([0.05]))).toBe(0.05);
  });

  it("is NaN for an empty basket", () => {
    expect(basketReturn([])).toBeNaN();
  });
});

describe("rotationSpread and relativeStrength", () => {
  it("spread is A − B", () => {
    expect(rotationSpread(0.1, 0.04)).toBeCloseTo(0.06, 15);
    expect(rotationSpread(-0.02, 0.03)).toBeCloseTo(-0.05, 15);
  });

  it("relative strength is (1 + A) / (1 + B) − 1", () => {
    expect(relativeStrength(0.1, 0.1)).toBe(0);
    expect(relativeStrength(0.21, 0.1)).toBeCloseTo(0.1, 15);
    expect(relativeStrength(-0.5, 0)).toBe(-0.5);
    expect(relativeStrength(0, -0.5)).toBe(1);
  });
});

describe("relativeStrengthSeries", () => {
  const a = Float64Array.from([10, 11, 12, 9]);
  const b = Float64Array.from([20, 20, 24, 30]);

  it("is A / B rebased to exactly 1 at the base index", () => {
    const rs = relativeStrengthSeries(a, b, 0);
    expect(rs[0]).toBe(1);
    expect(rs[1]).toBeCloseTo(1.1, 15);
    expect(rs[2]).toBeCloseTo(1, 15);
    expect(rs[3]).toBeCloseTo(0.6, 15);
    expect(relativeStrengthSeries(a, b, 2)[2]).toBe(1);
  });

  it("agrees with relativeStrength of the two total returns", () => {
    for (const [start, end] of [
      [0, 3],
      [1, 2],
      [2, 3],
    ]) {
      expect(relativeStrengthSeries(a, b, start)[end] - 1).toBeCloseTo(
        relativeStrength(totalReturn(a, start, end), totalReturn(b, start, end)),
        14,
      );
    }
  });

  it("rejects series of different lengths and a base outside them", () => {
    expect(() => relativeStrengthSeries(a, b.subarray(1), 0)).toThrow(RangeError);
    expect(() => relativeStrengthSeries(a, b, 4)).toThrow(RangeError);
    expect(() => relativeStrengthSeries(a, b, -1)).toThrow(RangeError);
  });
});
