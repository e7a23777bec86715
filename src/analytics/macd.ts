import { requirePeriod } from "./periods";
import { seriesWithWarmUp } from "./series";

export interface MacdResult {
  /** EMA(fast) − EMA(slow). */
  readonly macd: Float64Array;
  /** EMA(signal) of the MACD line. */
  readonly signal: Float64Array;
  /** MACD − signal. */
  readonly histogram: Float64Array;
}

/**
 * MACD as TA-Lib computes it. Both EMAs start at index slow − 1, each seeded with the
 * simple mean of its `period` closes ending there (so the fast EMA ignores the closes
 * before slow − fast). The signal EMA is seeded with the mean of the first `signal` MACD
 * values. All three outputs start where the signal does, at index slow + signal − 2.
 * Requires fast < slow.
 */
export function macd(values: Float64Array, fast: number, slow: number, signal: number): MacdResult {
  requirePeriod(fast, "fast");
  requirePeriod(slow, "slow");
  requirePeriod(signal, "signal");
  if (fast >= slow) throw new RangeError(`fast (${fast}) must be shorter than slow (${slow})`);
  const n = values.length;
  const first = slow + signal - 2;
  const result = {
    macd: seriesWithWarmUp(n, first),
    signal: seriesWithWarmUp(n, first),
    histogram: seriesWithWarmUp(n, first),
  };
  if (n > first) fill(values, fast, slow, signal, result.macd, result.signal, result.histogram);
  return result;
}

/**
 * The loop lives apart from the result object so that V8's on-stack-replacement code for
 * a first, long call does not deoptimise on code after the loop it has not yet seen.
 */
function fill(
  values: Float64Array,
  fast: number,
  slow: number,
  signal: number,
  line: Float64Array,
  sig: Float64Array,
  hist: Float64Array,
): void {
  const n = values.length;
  const first = slow + signal - 2;
  let slowSum = 0;
  for (let i = 0; i < slow - fast; i++) slowSum += values[i];
  let fastSum = 0;
  for (let i = slow - fast; i < slow; i++) fastSum += values[i];
  slowSum += fastSum;
  let fastEma = fastSum / fast;
  let slowEma = slowSum / slow;

  const kFast = 2 / (fast + 1);
  const kSlow = 2 / (slow + 1);
  const kSignal = 2 / (signal + 1);
  const keepFast = 1 - kFast;
  const keepSlow = 1 - kSlow;
  const keepSignal = 1 - kSignal;

  let m = fastEma - slowEma;
  let signalSum = m;
  for (let i = slow; i <= first; i++) {
    const x = values[i];
    fastEma = fastEma * keepFast + x * kFast;
    slowEma = slowEma * keepSlow + x * kSlow;
    m = fastEma - slowEma;
    signalSum += m;
  }
  let signalEma = signalSum / signal;
  line[first] = m;
  sig[first] = signalEma;
  hist[first] = m - signalEma;

  for (let i = first + 1; i < n; i++) {
    const x = values[i];
    fastEma = fastEma * keepFast + x * kFast;
    slowEma = slowEma * keepSlow + x * kSlow;
    m = fastEma - slowEma;
    signalEma = signalEma * keepSignal + m * kSignal;
    line[i] = m;
    sig[i] = signalEma;
    hist[i] = m - signalEma;
  }
}
