import { requirePeriod } from "./periods";
import { seriesWithWarmUp } from "./series";

/**
 * Wilder's RSI as TA-Lib computes it: the first average gain and loss are the simple means
 * of the first `period` changes, then avg = (prev·(period − 1) + x) / period. The first
 * value is at index `period`.
 */
export function rsi(values: Float64Array, period: number): Float64Array {
  requirePeriod(period);
  const n = values.length;
  const out = seriesWithWarmUp(n, period);
  if (n <= period) return out;
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const change = values[i] - values[i - 1];
    if (change > 0) gain += change;
    else loss -= change;
  }
  gain /= period;
  loss /= period;
  out[period] = rsiOf(gain, loss);
  // prev·(period − 1)/period + x/period: TA-Lib's formula to a few ulps, which do not
  // accumulate because each step shrinks earlier errors.
  const keep = (period - 1) / period;
  const halfWeight = 0.5 / period;
  for (let i = period + 1; i < n; i++) {
    const change = values[i] - values[i - 1];
    const size = Math.abs(change);
    // Branch-free split of the change: |c| + c is 2·gain and |c| − c is 2·loss, exactly.
    gain = gain * keep + (size + change) * halfWeight;
    loss = loss * keep + (size - change) * halfWeight;
    out[i] = rsiOf(gain, loss);
  }
  return out;
}

/**
 * 100·gain / (gain + loss): 100 when there are no losses, and 0 when there are neither
 * gains nor losses, which is what TA-Lib outputs for a flat window. TA-Lib compares the
 * sum with a small absolute epsilon; we compare with exact zero so that instruments
 * priced in tiny units still get an RSI.
 */
function rsiOf(gain: number, loss: number): number {
  const total = gain + loss;
  return total > 0 ? 100 * (gain / total) : 0;
}
