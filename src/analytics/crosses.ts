export type CrossKind = "golden" | "death";

export interface MaCross {
  /** Index of the first day on the new side. */
  readonly index: number;
  /** golden: fast moved above slow; death: fast moved below slow. */
  readonly kind: CrossKind;
}

function requireSameLength(fastMa: ArrayLike<number>, slowMa: ArrayLike<number>): void {
  if (fastMa.length !== slowMa.length) {
    throw new RangeError(`averages differ in length: fast ${fastMa.length}, slow ${slowMa.length}`);
  }
}

/**
 * Days on which fast − slow changes sign, ascending. Days where either average is NaN
 * are skipped; days where they are equal carry the previous sign; until the first day
 * with a non-zero difference there is no sign, so no cross. Consecutive crosses alternate
 * in kind.
 */
export function maCrosses(fastMa: Float64Array, slowMa: Float64Array): MaCross[] {
  requireSameLength(fastMa, slowMa);
  const crosses: MaCross[] = [];
  let sign = 0;
  for (let i = 0; i < fastMa.length; i++) {
    const diff = fastMa[i] - slowMa[i];
    // NaN fails both comparisons, so warm-up days and equal days leave the sign alone.
    if (diff > 0) {
      if (sign < 0) crosses.push({ index: i, kind: "golden" });
      sign = 1;
    } else if (diff < 0) {
      if (sign > 0) crosses.push({ index: i, kind: "death" });
      sign = -1;
    }
  }
  return crosses;
}

/** The latest cross (of `kind`, if given) whose index is ≤ `index`, or null. */
export function lastCrossOnOrBefore(
  crosses: readonly MaCross[],
  index: number,
  kind?: CrossKind,
): MaCross | null {
  let lo = 0;
  let hi = crosses.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (crosses[mid].index <= index) lo = mid + 1;
    else hi = mid;
  }
  // Crosses alternate in kind, so this walks back at most one step.
  for (let i = lo - 1; i >= 0; i--) {
    if (kind === undefined || crosses[i].kind === kind) return crosses[i];
  }
  return null;
}

/**
 * Which side fast is on at `index` under the same rule as maCrosses: "golden" when above
 * slow, "death" when below (equal days carry the previous side); null where either
 * average is NaN at `index` or no day up to it has had a non-zero difference.
 */
export function regimeAt(fastMa: Float64Array, slowMa: Float64Array, index: number): CrossKind | null {
  requireSameLength(fastMa, slowMa);
  if (!Number.isInteger(index) || index < 0 || index >= fastMa.length) {
    throw new RangeError(`index ${index} is outside 0..${fastMa.length - 1}`);
  }
  if (Number.isNaN(fastMa[index]) || Number.isNaN(slowMa[index])) return null;
  for (let i = index; i >= 0; i--) {
    const diff = fastMa[i] - slowMa[i];
    if (diff > 0) return "golden";
    if (diff < 0) return "death";
  }
  return null;
}
