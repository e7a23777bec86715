import { ema, sma } from "../../src/analytics";

/** A deterministic geometric random walk (xorshift32), ±1% steps. */
function randomWalk(length: number): Float64Array {
  const out = new Float64Array(length);
  let state = 2463534242;
  let logPrice = Math.log(100);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    logPrice += 0.02 * (state / 2 ** 32 - 0.5);
    out[i] = Math.exp(logPrice);
  }
  return out;
}

/** Each window summed afresh: slow but free of running-sum drift. */
function directSma(x: Float64Array, period: number, at: number): number {
  let sum = 0;
  for (let j = at - period + 1; j <= at; j++) sum += x[j];
  return sum / period;
}

describe("precision on long series", () => {
  const x = randomWalk(1_000_000);

  it("SMA's running sum does not drift over 10^6 points (relative error < 1e-12 everywhere)", () => {
    for (const period of [20, 200]) {
      const out = sma(x, period);
      let worst = 0;
      for (let i = period - 1; i < x.length; i++) {
        const exact = directSma(x, period, i);
        worst = Math.max(worst, Math.abs(out[i] - exact) / exact);
      }
      expect(worst).toBeLessThan(1e-12);
    }
  });

  it("rounding error from a large-price era does not persist after prices drop", () => {
    // 10,000 bars near 10^6, then 20,000 bars near 1: a single running sum would carry
    // errors of order ulp(5·10^7) into the small prices; re-anchoring clears them within
    // 4,096 bars (8 periods for long periods).
    const mixed = Float64Array.from({ length: 30_000 }, (_, i) => (i < 10_000 ? 1e6 : 1) * (1 + 0.01 * Math.sin(i * 0.37)));
    const out = sma(mixed, 50);
    let worst = 0;
    for (let i = 10_000 + 4_096 + 50; i < mixed.length; i++) {
      worst = Math.max(worst, Math.abs(out[i] - directSma(mixed, 50, i)));
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it("EMA agrees with TA-Lib's update order to 1e-13 relative over 10^6 points", () => {
    const out = ema(x, 26);
    let prev = 0;
    for (let i = 0; i < 26; i++) prev += x[i];
    prev /= 26;
    const k = 2 / 27;
    let worst = Math.abs(out[25] - prev) / prev;
    for (let i = 26; i < x.length; i++) {
      prev = (x[i] - prev) * k + prev;
      worst = Math.max(worst, Math.abs(out[i] - prev) / prev);
    }
    expect(worst).toBeLessThan(1e-13);
  });
});
