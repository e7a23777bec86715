/**
 * Fraction of members whose close is strictly above its average. Members where either
 * value is NaN (an average without enough history) are left out of both the count and
 * the total; NaN when no member is left.
 */
export function breadth(closes: ArrayLike<number>, averages: ArrayLike<number>): number {
  const n = closes.length;
  if (averages.length !== n) {
    throw new RangeError(`closes (${n}) and averages (${averages.length}) differ in length`);
  }
  let above = 0;
  let counted = 0;
  for (let i = 0; i < n; i++) {
    const close = closes[i];
    const average = averages[i];
    if (Number.isNaN(close) || Number.isNaN(average)) continue;
    counted++;
    if (close > average) above++;
  }
  return counted === 0 ? NaN : above / counted;
}
