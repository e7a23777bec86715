import fc from "fast-check";
import { indexOnOrBefore } from "../../src/analytics";

describe("indexOnOrBefore", () => {
  const days = Int32Array.from([10, 11, 14, 15, 20]);

  it("handles before the first day, exact days, gaps and after the last day", () => {
    expect(indexOnOrBefore(days, 9)).toBe(-1);
    expect(indexOnOrBefore(days, 10)).toBe(0);
    expect(indexOnOrBefore(days, 11)).toBe(1);
    expect(indexOnOrBefore(days, 12)).toBe(1); // weekend: the last close before it
    expect(indexOnOrBefore(days, 13)).toBe(1);
    expect(indexOnOrBefore(days, 14)).toBe(2);
    expect(indexOnOrBefore(days, 19)).toBe(3);
    expect(indexOnOrBefore(days, 20)).toBe(4);
    expect(indexOnOrBefore(days, 99_999)).toBe(4);
  });

  it("returns −1 for an empty history", () => {
    expect(indexOnOrBefore(new Int32Array(0), 10)).toBe(-1);
  });

  it("handles a single day", () => {
    const one = Int32Array.from([5]);
    expect(indexOnOrBefore(one, 4)).toBe(-1);
    expect(indexOnOrBefore(one, 5)).toBe(0);
    expect(indexOnOrBefore(one, 6)).toBe(0);
  });

  it("handles fractional query days (between two day numbers)", () => {
    expect(indexOnOrBefore(days, 10.5)).toBe(0);
    expect(indexOnOrBefore(days, 9.99)).toBe(-1);
  });

  it("agrees with a linear scan on random ascending days", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -5000, max: 30_000 }), { maxLength: 200 }),
        fc.integer({ min: -5100, max: 30_100 }),
        (raw, day) => {
          const sorted = Int32Array.from(raw).sort();
          let expected = -1;
          for (let i = 0; i < sorted.length; i++) if (sorted[i] <= day) expected = i;
          expect(indexOnOrBefore(sorted, day)).toBe(expected);
        },
      ),
    );
  });
});
