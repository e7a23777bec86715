/**
 * Basket valuation kernels. Every member is described by its earnings yield (earnings ÷ price, the
 * inverse of its P/E: trailing or forward EPS ÷ price, or 1 ÷ a fund's published P/E) and, where a
 * kernel weighs by size, its market cap. Working in yields keeps loss-makers (negative yields) and
 * zero earnings finite. A member without the value a kernel needs is NaN there and left out. Each
 * kernel returns NaN when the result is not defined (no member, earnings summing to zero or less).
 */

/** Member earnings in a cap-weighted sum: market cap × EPS ÷ price = market cap × earnings yield. */
function usable(cap: number, yieldValue: number): boolean {
  return Number.isFinite(cap) && cap > 0 && Number.isFinite(yieldValue);
}

/**
 * Aggregate P/E, as index providers compute it: Σ market cap ÷ Σ earnings, a member's earnings being
 * market cap × earnings yield. Loss-makers count (their earnings are negative). NaN when no member
 * has both values or when the earnings sum to zero or less.
 */
export function aggregatePe(caps: ArrayLike<number>, yields: ArrayLike<number>): number {
  let capSum = 0;
  let earnings = 0;
  let members = 0;
  for (let i = 0; i < caps.length; i++) {
    if (!usable(caps[i], yields[i])) continue;
    capSum += caps[i];
    earnings += caps[i] * yields[i];
    members++;
  }
  return members > 0 && earnings > 0 ? capSum / earnings : NaN;
}

/** Σ earnings ÷ Σ market cap: the aggregate earnings yield (may be negative); NaN without members. */
export function aggregateEarningsYield(caps: ArrayLike<number>, yields: ArrayLike<number>): number {
  let capSum = 0;
  let earnings = 0;
  for (let i = 0; i < caps.length; i++) {
    if (!usable(caps[i], yields[i])) continue;
    capSum += caps[i];
    earnings += caps[i] * yields[i];
  }
  return capSum > 0 ? earnings / capSum : NaN;
}

/** Equal-weight mean of the finite values; NaN when there is none. */
export function meanOfFinite(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    sum += values[i];
    n++;
  }
  return n > 0 ? sum / n : NaN;
}

/** Harmonic-mean P/E, equal weight: 1 ÷ the mean earnings yield. NaN when that mean is zero or less. */
export function harmonicPe(yields: ArrayLike<number>): number {
  const mean = meanOfFinite(yields);
  return mean > 0 ? 1 / mean : NaN;
}

/** Median of the finite values (the mean of the middle two for an even count); NaN when there is none. */
export function medianOfFinite(values: ArrayLike<number>): number {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) kept.push(values[i]);
  if (kept.length === 0) return NaN;
  const sorted = Float64Array.from(kept).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median P/E of the members with positive earnings (a loss-maker has no P/E); NaN when none has. */
export function medianPe(yields: ArrayLike<number>): number {
  const pes: number[] = [];
  for (let i = 0; i < yields.length; i++) if (Number.isFinite(yields[i]) && yields[i] > 0) pes.push(1 / yields[i]);
  return medianOfFinite(pes);
}

/**
 * Aggregate earnings growth: Σ forward earnings ÷ Σ trailing earnings − 1, each member's earnings
 * weighed by its market cap (market cap × yield). Members need all three values. NaN when the
 * trailing earnings sum to zero or less (growth from a loss is not a rate).
 */
export function aggregateGrowth(caps: ArrayLike<number>, trailingYields: ArrayLike<number>, forwardYields: ArrayLike<number>): number {
  let trailing = 0;
  let forward = 0;
  for (let i = 0; i < caps.length; i++) {
    if (!usable(caps[i], trailingYields[i]) || !Number.isFinite(forwardYields[i])) continue;
    trailing += caps[i] * trailingYields[i];
    forward += caps[i] * forwardYields[i];
  }
  return trailing > 0 ? forward / trailing - 1 : NaN;
}

/** Sum of the finite positive values (market caps); NaN when there is none. */
export function sumOfPositive(values: ArrayLike<number>): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    if (!(Number.isFinite(values[i]) && values[i] > 0)) continue;
    sum += values[i];
    n++;
  }
  return n > 0 ? sum : NaN;
}

/**
 * Share of the total weight held by covered members: Σ weight (covered) ÷ Σ weight, over members
 * with a finite positive weight (a member without one cannot be weighed and is left out of both
 * sums). NaN when no member has a weight.
 */
export function weightedCoverage(weights: ArrayLike<number>, covered: ArrayLike<boolean>): number {
  let total = 0;
  let held = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    if (!(Number.isFinite(w) && w > 0)) continue;
    total += w;
    if (covered[i]) held += w;
  }
  return total > 0 ? held / total : NaN;
}

/** Share of members covered, by count; NaN for no members. */
export function countCoverage(covered: ArrayLike<boolean>): number {
  if (covered.length === 0) return NaN;
  let held = 0;
  for (let i = 0; i < covered.length; i++) if (covered[i]) held++;
  return held / covered.length;
}
