import { requirePeriod } from "./periods";
import { seriesWithWarmUp } from "./series";

/**
 * Exponential moving average, k = 2 / (period + 1), seeded with the simple mean of the
 * first `period` values; the first value is at index period − 1 (TA-Lib).
 */
export function ema(values: Float64Array, period: number): Float64Array {
  requirePeriod(period);
  const n = values.length;
  const out = seriesWithWarmUp(n, period - 1);
  if (n < period) return out;
  let sum = 0;
  for (let i = 0; i < period; i++) sum += values[i];
  let prev = sum / period;
  out[period - 1] = prev;

  // e[i] = a·e[i−1] + k·x[i] with a = 1 − k. A one-step loop is bound by the latency of
  // that multiply-add chain, so this takes four steps at a time from e[i−1] alone:
  // e[i+j] = a^(j+1)·e[i−1] + p[j], where the partial sums p[j] do not depend on e.
  // The values differ from TA-Lib's (x − prev)·k + prev by a few ulps, which do not
  // accumulate because each step shrinks earlier errors by a.
  const k = 2 / (period + 1);
  const a = 1 - k;
  const a2 = a * a;
  const a3 = a2 * a;
  const a4 = a2 * a2;
  let i = period;
  for (; i + 3 < n; i += 4) {
    const p0 = values[i] * k;
    const p1 = p0 * a + values[i + 1] * k;
    const p2 = p1 * a + values[i + 2] * k;
    const p3 = p2 * a + values[i + 3] * k;
    out[i] = prev * a + p0;
    out[i + 1] = prev * a2 + p1;
    out[i + 2] = prev * a3 + p2;
    prev = prev * a4 + p3;
    out[i + 3] = prev;
  }
  for (; i < n; i++) {
    prev = prev * a + values[i] * k;
    out[i] = prev;
  }
  return out;
}
