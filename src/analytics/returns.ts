/** Total return between two bars of an adjusted-close series: adj[end] / adj[start] − 1. */
export function totalReturn(adjClose: ArrayLike<number>, startIndex: number, endIndex: number): number {
  const n = adjClose.length;
  if (!Number.isInteger(startIndex) || !Number.isInteger(endIndex) || startIndex < 0 || endIndex >= n) {
    throw new RangeError(`indices ${startIndex}..${endIndex} are outside 0..${n - 1}`);
  }
  if (startIndex > endIndex) throw new RangeError(`start index ${startIndex} is after end index ${endIndex}`);
  return adjClose[endIndex] / adjClose[startIndex] - 1;
}

/** Equal-weight basket return: the mean of the members' returns; NaN for an empty basket. */
export function basketReturn(returns: ArrayLike<number>): number {
  const n = returns.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += returns[i];
  return sum / n;
}

/** How much A out- (positive) or under-performed (negative) B, in return points. */
export function rotationSpread(returnA: number, returnB: number): number {
  return returnA - returnB;
}
