import { requirePeriod } from "./periods";
import { seriesWithWarmUp } from "./series";

/**
 * The running sum is rebuilt from the window every ANCHOR_EVERY outputs (or every
 * 8 periods for long periods), so rounding errors cannot accumulate over long series
 * while the extra work stays at most 1/8 of the main loop.
 */
const ANCHOR_EVERY = 4096;

/**
 * Outputs per anchored block of an SMA(period): the blocks start at period − 1 and every
 * anchorSpacing(period) outputs after it. smaCrosses (crosses.ts) uses the same blocks, so
 * that its sums are bit for bit the ones sma() scales.
 */
export function anchorSpacing(period: number): number {
  return Math.max(ANCHOR_EVERY, 8 * period);
}

/** values[end − period + 1] + … + values[end], added left to right from 0. */
export function windowSum(values: Float64Array, end: number, period: number): number {
  let sum = 0;
  for (let j = end - period + 1; j <= end; j++) sum += values[j];
  return sum;
}

/**
 * Simple moving average; the first value is at index period − 1 (TA-Lib).
 *
 * Value i is sum·(1/period), where sum is the window sum at the start of i's block (see
 * anchorSpacing) followed by `sum += values[k] − values[k − period]` for each k of the
 * block up to i. Multiplying by the reciprocal instead of dividing (TA-Lib divides) moves
 * the result by at most about one unit in the last place.
 */
export function sma(values: Float64Array, period: number): Float64Array {
  requirePeriod(period);
  const out = seriesWithWarmUp(values.length, period - 1);
  if (values.length >= period) fill(values, period, out);
  return out;
}

/**
 * Adding each day's change to one running sum is bound by the latency of that chain of
 * additions, so four consecutive blocks advance together, each with its own sum: four
 * independent additions per step (then two, then one, for the blocks left at the end).
 * The results do not depend on how the blocks are interleaved.
 */
function fill(values: Float64Array, period: number, out: Float64Array): void {
  const n = values.length;
  const spacing = anchorSpacing(period);
  const r = 1 / period;
  // Views on which value i is now[j] and the value leaving its window then[j], with
  // j = i − period, and its average at[j]: the loops index all three with j alone.
  const now = values.subarray(period);
  const then = values;
  const at = out.subarray(period);
  let start = period - 1;
  for (; start + 4 * spacing <= n; start += 4 * spacing) {
    const j0 = start - period;
    const j1 = j0 + spacing;
    const j2 = j1 + spacing;
    const j3 = j2 + spacing;
    let a = windowSum(values, start, period);
    let b = windowSum(values, start + spacing, period);
    let c = windowSum(values, start + 2 * spacing, period);
    let d = windowSum(values, start + 3 * spacing, period);
    out[start] = a * r;
    out[start + spacing] = b * r;
    out[start + 2 * spacing] = c * r;
    out[start + 3 * spacing] = d * r;
    for (let k = 1; k < spacing; k++) {
      a += now[j0 + k] - then[j0 + k];
      b += now[j1 + k] - then[j1 + k];
      c += now[j2 + k] - then[j2 + k];
      d += now[j3 + k] - then[j3 + k];
      at[j0 + k] = a * r;
      at[j1 + k] = b * r;
      at[j2 + k] = c * r;
      at[j3 + k] = d * r;
    }
  }
  if (start + 2 * spacing <= n) {
    const j0 = start - period;
    const j1 = j0 + spacing;
    let a = windowSum(values, start, period);
    let b = windowSum(values, start + spacing, period);
    out[start] = a * r;
    out[start + spacing] = b * r;
    for (let k = 1; k < spacing; k++) {
      a += now[j0 + k] - then[j0 + k];
      b += now[j1 + k] - then[j1 + k];
      at[j0 + k] = a * r;
      at[j1 + k] = b * r;
    }
    start += 2 * spacing;
  }
  for (; start < n; start += spacing) {
    let sum = windowSum(values, start, period);
    out[start] = sum * r;
    const end = Math.min(n, start + spacing) - period;
    for (let j = start + 1 - period; j < end; j++) {
      sum += now[j] - then[j];
      at[j] = sum * r;
    }
  }
}
