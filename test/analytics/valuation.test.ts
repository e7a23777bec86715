import {
  aggregateEarningsYield,
  aggregateGrowth,
  aggregatePe,
  countCoverage,
  harmonicPe,
  meanOfFinite,
  medianOfFinite,
  medianPe,
  splitLikeMove,
  sumOfPositive,
  trailingEpsAsOf,
  weightedCoverage,
} from "../../src/analytics";

describe("basket valuation kernels", () => {
  // Two members: cap 300 at P/E 10 (yield 0.1), cap 100 at P/E 50 (yield 0.02).
  const caps = [300, 100];
  const yields = [0.1, 0.02];

  it("aggregate P/E is Σ cap ÷ Σ (cap × yield), i.e. the cap-weighted harmonic mean of P/Es", () => {
    expect(aggregatePe(caps, yields)).toBeCloseTo(400 / (30 + 2), 14);
    expect(aggregateEarningsYield(caps, yields)).toBeCloseTo(32 / 400, 14);
  });

  it("counts loss-makers in the aggregate, and is NaN when earnings sum to zero or less", () => {
    expect(aggregatePe([300, 100], [0.1, -0.2])).toBeCloseTo(400 / 10, 14);
    expect(aggregatePe([100, 100], [0.1, -0.1])).toBeNaN();
    expect(aggregatePe([100, 100], [0.1, -0.3])).toBeNaN();
    expect(aggregateEarningsYield([100, 100], [0.1, -0.3])).toBeCloseTo(-0.1, 14);
  });

  it("leaves out members without a cap or a yield (NaN, zero or negative caps)", () => {
    expect(aggregatePe([300, NaN, 0, -5, 100], [0.1, 0.5, 0.5, 0.5, 0.02])).toBeCloseTo(400 / 32, 14);
    expect(aggregatePe([300, 100], [0.1, NaN])).toBeCloseTo(10, 14);
    expect(aggregatePe([], [])).toBeNaN();
    expect(aggregateEarningsYield([NaN], [0.1])).toBeNaN();
  });

  it("harmonic P/E is 1 ÷ the equal-weight mean yield; NaN when that is not positive", () => {
    expect(harmonicPe(yields)).toBeCloseTo(1 / 0.06, 12);
    expect(harmonicPe([0.1, -0.1])).toBeNaN();
    expect(harmonicPe([NaN, 0.05])).toBeCloseTo(20, 14);
    expect(harmonicPe([])).toBeNaN();
    expect(meanOfFinite([1, 2, Infinity, NaN])).toBe(1.5);
  });

  it("median P/E leaves loss-makers and zero earnings out", () => {
    expect(medianPe([0.1, 0.05, -0.2, 0, 0.04])).toBeCloseTo(20, 12); // P/Es 10, 20, 25
    expect(medianPe([0.1, 0.05])).toBeCloseTo(15, 12);
    expect(medianPe([-0.1, 0])).toBeNaN();
    expect(medianOfFinite([3, 1, 2, NaN])).toBe(2);
    expect(medianOfFinite([4, 1, 3, 2])).toBe(2.5);
    expect(medianOfFinite([-Infinity])).toBeNaN();
  });

  it("aggregate growth is Σ forward earnings ÷ Σ trailing earnings − 1", () => {
    expect(aggregateGrowth([300, 100], [0.1, 0.02], [0.12, 0.03])).toBeCloseTo((36 + 3) / (30 + 2) - 1, 14);
    expect(aggregateGrowth([300, 100], [0.1, 0.02], [0.12, NaN])).toBeCloseTo(36 / 30 - 1, 14);
    expect(aggregateGrowth([100], [-0.1], [0.1])).toBeNaN();
  });

  it("sums positive caps; coverage is the covered share of the weight, or of the count", () => {
    expect(sumOfPositive([1, NaN, -2, 3])).toBe(4);
    expect(sumOfPositive([NaN])).toBeNaN();
    expect(weightedCoverage([300, 100, NaN], [false, true, true])).toBe(0.25);
    expect(weightedCoverage([NaN, 0], [true, true])).toBeNaN();
    expect(countCoverage([true, false, true, true])).toBe(0.75);
    expect(countCoverage([])).toBeNaN();
  });
});

describe("trailing EPS as of a day", () => {
  // Quarters ending on days 0, 91, 182, 273, 364, reported 30 days later, EPS 1..5.
  const q = {
    periodEnd: [0, 91, 182, 273, 364],
    reportedOn: [30, 121, 212, 303, 394],
    eps: [1, 2, 3, 4, 5],
  };

  it("sums the four newest quarters reported on or before the day: none reported after it", () => {
    expect(trailingEpsAsOf(q, 393)).toEqual({ eps: 10, quarters: 4, newestPeriodEnd: 273, oldestPeriodEnd: 0 });
    expect(trailingEpsAsOf(q, 394)).toEqual({ eps: 14, quarters: 4, newestPeriodEnd: 364, oldestPeriodEnd: 91 });
  });

  it("says how many quarters it found when fewer than four were reported", () => {
    expect(trailingEpsAsOf(q, 250)).toEqual({ eps: NaN, quarters: 3, newestPeriodEnd: 182, oldestPeriodEnd: 0 });
    expect(trailingEpsAsOf(q, 0)).toEqual({ eps: NaN, quarters: 0, newestPeriodEnd: NaN, oldestPeriodEnd: NaN });
  });

  it("counts a restated quarter once, with the figure public on the day", () => {
    const restated = { periodEnd: [...q.periodEnd, 273], reportedOn: [...q.reportedOn, 400], eps: [...q.eps, 40] };
    expect(trailingEpsAsOf(restated, 399).eps).toBe(14);
    expect(trailingEpsAsOf(restated, 400).eps).toBe(2 + 3 + 40 + 5);
  });

  it("keys a quarter by its report day when its period end is unknown, and skips unusable rows", () => {
    const byReport = { periodEnd: [NaN, NaN, NaN, NaN, NaN], reportedOn: q.reportedOn, eps: q.eps };
    expect(trailingEpsAsOf(byReport, 394)).toEqual({ eps: 14, quarters: 4, newestPeriodEnd: 394, oldestPeriodEnd: 121 });
    const broken = { periodEnd: [0, 91, 182, 273, 364], reportedOn: [30, NaN, 212, 303, 394], eps: [1, 2, NaN, 4, 5] };
    expect(trailingEpsAsOf(broken, 400).quarters).toBe(3);
  });
});

describe("split-like moves", () => {
  it("finds a k-for-1 split and a reverse split after the first bar given", () => {
    expect(splitLikeMove([400, 404, 101, 102], 0, 3)).toEqual({ index: 2, ratio: 101 / 404, factor: 4 });
    expect(splitLikeMove([10, 10.1, 101], 0, 2)).toEqual({ index: 2, ratio: 101 / 10.1, factor: 0.1 });
    expect(splitLikeMove([90, 60.5], 0, 1)?.factor).toBe(1.5);
  });

  it("looks only at moves into bars (from, to]", () => {
    expect(splitLikeMove([400, 100, 101, 102], 1, 3)).toBeNull();
    expect(splitLikeMove([400, 404, 101, 102], 0, 1)).toBeNull();
  });

  it("ignores ordinary moves and missing closes", () => {
    expect(splitLikeMove([100, 104, 96, 120, 90, 100], 0, 5)).toBeNull();
    expect(splitLikeMove([100, NaN, 25, 0, 25], 0, 4)).toBeNull();
  });
});
