/**
 * A deterministic geometric random walk (xorshift32, log-steps uniform in ±0.5%), the same
 * on every run. Over 10^6 steps it wanders across a few orders of magnitude, which also
 * exercises the kernels' precision on mixed scales.
 */
export function randomWalk(length: number, seed = 0x9e3779b9): Float64Array {
  const out = new Float64Array(length);
  let state = seed >>> 0 || 1;
  let logPrice = Math.log(100);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    logPrice += 0.01 * (state / 0x1_0000_0000 - 0.5);
    out[i] = Math.exp(logPrice);
  }
  return out;
}
