/** Return of A measured in units of B: (1 + A) / (1 + B) − 1. */
export function relativeStrength(returnA: number, returnB: number): number {
  return (1 + returnA) / (1 + returnB) - 1;
}

/**
 * The price ratio A / B rebased to exactly 1 at `baseIndex`, for charting relative
 * strength. Both series must be aligned on the same days.
 */
export function relativeStrengthSeries(a: Float64Array, b: Float64Array, baseIndex: number): Float64Array {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`series differ in length: ${n} and ${b.length}`);
  if (!Number.isInteger(baseIndex) || baseIndex < 0 || baseIndex >= n) {
    throw new RangeError(`base index ${baseIndex} is outside 0..${n - 1}`);
  }
  const out = new Float64Array(n);
  const base = a[baseIndex] / b[baseIndex];
  for (let i = 0; i < n; i++) out[i] = a[i] / b[i] / base;
  return out;
}
