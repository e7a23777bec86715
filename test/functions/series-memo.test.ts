import { memoized, memoUsage, setMemoBudget, DEFAULT_MEMO_BUDGET_BYTES } from "../../src/functions/series-memo";
import { makeSeries } from "../support/series-builder";

afterEach(() => setMemoBudget(DEFAULT_MEMO_BUDGET_BYTES));

describe("the indicator memo", () => {
  it("computes once per history and key", () => {
    const series = makeSeries("AAA", [1, 2, 3]);
    let computed = 0;
    const compute = () => {
      computed++;
      return new Float64Array(4);
    };
    const first = memoized(series, "x", compute);
    expect(memoized(series, "x", compute)).toBe(first);
    expect(computed).toBe(1);
    memoized(makeSeries("AAA", [1, 2, 3]), "x", compute);
    expect(computed).toBe(2);
  });

  it("drops the least recently used entries beyond its byte budget", () => {
    setMemoBudget(3 * 800);
    const series = makeSeries("BBB", [1, 2, 3]);
    const make = () => new Float64Array(100); // 800 bytes
    const a = memoized(series, "a", make);
    memoized(series, "b", make);
    expect(memoized(series, "a", make)).toBe(a); // a is now the most recent
    memoized(series, "c", make);
    memoized(series, "d", make); // over budget: b goes, a stays
    expect(memoUsage().bytes).toBeLessThanOrEqual(3 * 800);
    expect(memoized(series, "a", make)).toBe(a);
    let recomputed = false;
    memoized(series, "b", () => {
      recomputed = true;
      return new Float64Array(100);
    });
    expect(recomputed).toBe(true);
  });

  it("counts the typed arrays inside objects", () => {
    setMemoBudget(1_000_000);
    const before = memoUsage().bytes;
    memoized(makeSeries("CCC", [1]), "macd", () => ({ macd: new Float64Array(10), signal: new Float64Array(10) }));
    expect(memoUsage().bytes - before).toBeGreaterThanOrEqual(160);
  });
});
