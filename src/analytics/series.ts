/** A new output series of `length` values whose first `warmUp` entries are NaN (not yet defined). */
export function seriesWithWarmUp(length: number, warmUp: number): Float64Array {
  const out = new Float64Array(length);
  out.fill(NaN, 0, Math.min(warmUp, length));
  return out;
}
