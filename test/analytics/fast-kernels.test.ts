import fc from "fast-check";
import { maCrosses, MaCross, sma } from "../../src/analytics";
import { smaCrosses } from "../../src/analytics/crosses";
import { anchorSpacing } from "../../src/analytics/sma";

/**
 * sma() and the cross detection are written for speed (several running sums side by side,
 * branch-light loops, one fused pass for smaCrosses). These tests hold them against the
 * plainest implementations of the same rules.
 */

/** The running sum sma() documents, one block after another: window sum at each anchor, then one change per day. */
function referenceSma(values: Float64Array, period: number): Float64Array {
  const out = new Float64Array(values.length).fill(NaN);
  const spacing = anchorSpacing(period);
  let sum = 0;
  for (let i = period - 1; i < values.length; i++) {
    if ((i - (period - 1)) % spacing === 0) {
      sum = 0;
      for (let j = i - period + 1; j <= i; j++) sum += values[j];
    } else {
      sum += values[i] - values[i - period];
    }
    out[i] = sum * (1 / period);
  }
  return out;
}

/** The rule as stated: the first day on which fast − slow has a sign other than the last one seen. */
function referenceCrosses(fastMa: Float64Array, slowMa: Float64Array): MaCross[] {
  const crosses: MaCross[] = [];
  type Side = "above" | "below" | null;
  let last: Side = null;
  for (let i = 0; i < fastMa.length; i++) {
    if (Number.isNaN(fastMa[i]) || Number.isNaN(slowMa[i])) continue;
    const now: Side = fastMa[i] > slowMa[i] ? "above" : fastMa[i] < slowMa[i] ? "below" : last;
    if (last !== null && now !== last) crosses.push({ index: i, kind: now === "above" ? "golden" : "death" });
    last = now;
  }
  return crosses;
}

const MODES = ["walk", "flat", "steps"] as const;

/**
 * A random walk in `mode`: "walk" moves every day; "flat" holds the price for long
 * stretches (so averages become exactly equal); "steps" moves on a coarse grid of
 * small integers, which makes both averages meet, touch and cross on equal values often.
 */
function walk(length: number, seed: number, mode: (typeof MODES)[number]): Float64Array {
  const out = new Float64Array(length);
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 2 ** 32;
  };
  let price = 100;
  let hold = 0;
  for (let i = 0; i < length; i++) {
    if (mode === "steps") {
      price += Math.floor(next() * 3) - 1;
    } else if (hold > 0) {
      hold--;
    } else {
      price *= Math.exp(0.02 * (next() - 0.5));
      if (mode === "flat" && next() < 0.05) hold = Math.floor(next() * 400);
    }
    out[i] = price;
  }
  return out;
}

const periods = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 300 })).map(([fast, slow]) => ({ fast, slow }));

describe("sma", () => {
  it("is bit for bit the documented running sum, across anchors and lengths", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 1, max: 700 }),
        fc.integer(),
        fc.constantFrom(...MODES),
        (length, period, seed, mode) => {
          const values = walk(length, seed, mode);
          expect(sma(values, period)).toEqual(referenceSma(values, period));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("maCrosses", () => {
  it("equals the plain rule on random walks with flat stretches and equal values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000 }), periods, fc.integer(), fc.constantFrom(...MODES), (length, p, seed, mode) => {
        const values = walk(length, seed, mode);
        const fastMa = sma(values, p.fast);
        const slowMa = sma(values, p.slow);
        expect(maCrosses(fastMa, slowMa)).toEqual(referenceCrosses(fastMa, slowMa));
      }),
      { numRuns: 300 },
    );
  });

  it("equals the plain rule on differences drawn from {NaN, −1, 0, 1}", () => {
    const diff = fc.constantFrom(NaN, -1, 0, 0, 1);
    fc.assert(
      fc.property(fc.array(diff, { maxLength: 60 }), (diffs) => {
        const slowMa = new Float64Array(diffs.length).fill(100);
        const fastMa = Float64Array.from(diffs, (d) => 100 + d);
        expect(maCrosses(fastMa, slowMa)).toEqual(referenceCrosses(fastMa, slowMa));
      }),
      { numRuns: 500 },
    );
  });
});

describe("smaCrosses", () => {
  const viaSeries = (values: Float64Array, fast: number, slow: number) => referenceCrosses(sma(values, fast), sma(values, slow));

  it("equals the plain rule on sma()'s two series: random walks with flat stretches and equal values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000 }), periods, fc.integer(), fc.constantFrom(...MODES), (length, p, seed, mode) => {
        const values = walk(length, seed, mode);
        expect(smaCrosses(values, p.fast, p.slow)).toEqual(viaSeries(values, p.fast, p.slow));
      }),
      { numRuns: 300 },
    );
  });

  it("equals it on long series, where the sums are re-anchored and the halves meet far apart", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8_000, max: 60_000 }),
        fc.constantFrom({ fast: 50, slow: 200 }, { fast: 20, slow: 50 }, { fast: 200, slow: 50 }, { fast: 13, slow: 600 }),
        fc.integer(),
        fc.constantFrom(...MODES),
        (length, p, seed, mode) => {
          const values = walk(length, seed, mode);
          const expected = viaSeries(values, p.fast, p.slow);
          expect(smaCrosses(values, p.fast, p.slow)).toEqual(expected);
          expect(maCrosses(sma(values, p.fast), sma(values, p.slow))).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("has no cross with fewer than two days where both averages exist, and equal periods never cross", () => {
    const values = walk(300, 7, "walk");
    expect(smaCrosses(values.subarray(0, 0), 5, 20)).toEqual([]);
    expect(smaCrosses(values.subarray(0, 20), 5, 20)).toEqual([]);
    expect(smaCrosses(values.subarray(0, 21), 5, 20)).toEqual(viaSeries(values.subarray(0, 21), 5, 20));
    expect(smaCrosses(values, 20, 20)).toEqual([]);
  });

  it("treats NaN closes as the two series do", () => {
    const values = walk(10_000, 11, "walk");
    values[3_000] = NaN;
    values[7_000] = NaN;
    expect(smaCrosses(values, 10, 40)).toEqual(viaSeries(values, 10, 40));
  });

  it("does not read outside a subarray view", () => {
    const buffer = walk(5_000, 3, "steps");
    buffer.fill(1e300, 0, 100);
    buffer.fill(-1e300, 4_900);
    const view = buffer.subarray(100, 4_900);
    expect(smaCrosses(view, 10, 30)).toEqual(viaSeries(view.slice(), 10, 30));
  });

  it("rejects bad periods", () => {
    expect(() => smaCrosses(new Float64Array(10), 0, 5)).toThrow(RangeError);
    expect(() => smaCrosses(new Float64Array(10), 3, 2.5)).toThrow(RangeError);
  });
});
