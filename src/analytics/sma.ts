import { requirePeriod } from "./periods";
import { seriesWithWarmUp } from "./series";

/**
 * The running sum is rebuilt from the window every ANCHOR_EVERY outputs (or every
 * 8 periods for long periods), so rounding errors cannot accumulate over long series
 * while the extra work stays at most 1/8 of the main loop.
 */
const ANCHOR_EVERY = 4096;

/** Simple moving average; the first value is at index period − 1 (TA-Lib). */
export function sma(values: Float64Array, period: number): Float64Array {
  requirePeriod(period);
  const n = values.length;
  const out = seriesWithWarmUp(n, period - 1);
  const block = Math.max(ANCHOR_EVERY, 8 * period);
  for (let start = period - 1; start < n; start += block) {
    let sum = 0;
    for (let j = start - period + 1; j <= start; j++) sum += values[j];
    out[start] = sum / period;
    const end = Math.min(n, start + block);
    for (let i = start + 1; i < end; i++) {
      // One addition on the loop-carried chain: the difference does not depend on `sum`.
      sum += values[i] - values[i - period];
      out[i] = sum / period;
    }
  }
  return out;
}
