import { breadth } from "../../src/analytics";

describe("breadth", () => {
  it("is the fraction of closes strictly above their average", () => {
    expect(breadth([10, 20, 30, 40], [9, 21, 29, 41])).toBe(0.5);
    expect(breadth([10, 20, 30], [9, 21, 30])).toBeCloseTo(1 / 3, 15); // equal is not above
    expect(breadth(Float64Array.from([5]), Float64Array.from([4]))).toBe(1);
    expect(breadth([5], [6])).toBe(0);
  });

  it("leaves out members whose average (or close) is NaN", () => {
    expect(breadth([10, 20, 30], [9, NaN, 31])).toBe(0.5);
    expect(breadth([NaN, 20], [1, 19])).toBe(1);
  });

  it("is NaN when no member is left", () => {
    expect(breadth([], [])).toBeNaN();
    expect(breadth([10, 20], [NaN, NaN])).toBeNaN();
  });

  it("rejects lists of different lengths", () => {
    expect(() => breadth([1, 2], [1])).toThrow(RangeError);
  });
});
