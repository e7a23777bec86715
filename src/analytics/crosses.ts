import { requirePeriod } from "./periods";
import { anchorSpacing, windowSum } from "./sma";

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

/*
 * The scans below share one layout, chosen for V8. The loops that carry a side over many
 * days (steadyDifferences, steadySums) take four days per step and only test whether one
 * of them is on the other side: no calls and no allocation in the loop. The four days of
 * a step that has such a day, and days with no side yet, then go one by one through
 * mark(), which records the crosses. The steady loops live in small functions of their
 * own, called once per run of days between crosses, so V8 optimises them by call count.
 */

/**
 * Days on which fast − slow changes sign, ascending. Days where either average is NaN
 * are skipped; days where they are equal carry the previous sign; until the first day
 * with a non-zero difference there is no sign, so no cross. Consecutive crosses alternate
 * in kind.
 */
export function maCrosses(fastMa: Float64Array, slowMa: Float64Array): MaCross[] {
  requireSameLength(fastMa, slowMa);
  const n = fastMa.length;
  const crosses: MaCross[] = [];
  let side = 0;
  let day = 0;
  while (day < n) {
    if (side !== 0) {
      day = steadyDifferences(fastMa, slowMa, day, n, side);
      if (day === n) break;
    }
    const end = Math.min(n, day + 4);
    side = stepDifferences(fastMa, slowMa, day, end, side, crosses);
    day = end;
  }
  return crosses;
}

/**
 * The first day from `day` on that starts a group of four days, one of them on the other
 * side than `side` (±1), or the day from which fewer than four days remain before `end`.
 */
function steadyDifferences(fastMa: Float64Array, slowMa: Float64Array, day: number, end: number, side: number): number {
  let i = day;
  for (; i + 3 < end; i += 4) {
    // NaN and 0 (equal averages) fail `< 0`: those days keep the side.
    if (
      (fastMa[i] - slowMa[i]) * side < 0 ||
      (fastMa[i + 1] - slowMa[i + 1]) * side < 0 ||
      (fastMa[i + 2] - slowMa[i + 2]) * side < 0 ||
      (fastMa[i + 3] - slowMa[i + 3]) * side < 0
    ) {
      break;
    }
  }
  return i;
}

/** The days from `day` to `end` (at most four) one by one; returns the side after them. */
function stepDifferences(fastMa: Float64Array, slowMa: Float64Array, day: number, end: number, side: number, crosses: MaCross[]): number {
  for (let i = day; i < end; i++) side = mark(crosses, side, fastMa[i] - slowMa[i], i);
  return side;
}

/**
 * The crosses of SMA(fast) and SMA(slow) of `values`: the same list, bit for bit, as
 * maCrosses(sma(values, fast), sma(values, slow)), in one pass over `values` without the
 * two intermediate series. Each running sum follows sma()'s anchored blocks and adds each
 * day's change as sma() does, so each average is the very number sma() outputs, and the
 * days compare as maCrosses compares them.
 */
export function smaCrosses(values: Float64Array, fast: number, slow: number): MaCross[] {
  requirePeriod(fast, "fast");
  requirePeriod(slow, "slow");
  // Both averages exist from day `first` on.
  const first = Math.max(fast, slow) - 1;
  if (values.length <= first) return [];
  return scanSums(values, fast, slow, first);
}

/** Slots of the fast and the slow sum (or anchor) in the arrays scanSums keeps them in. */
const enum Slot {
  Fast = 0,
  Slow = 1,
}

/**
 * The crosses of SMA(fast) and SMA(slow) from day `first` on. While there is a side,
 * steadySums takes the days four at a time up to the next anchor of either sum; the four
 * days in which it finds one on the other side, the days it leaves before an anchor, the
 * anchor days themselves and days with no side yet go one by one.
 */
function scanSums(values: Float64Array, fast: number, slow: number, first: number): MaCross[] {
  const n = values.length;
  const rFast = 1 / fast;
  const rSlow = 1 / slow;
  const crosses: MaCross[] = [];
  // The two running sums, in a Float64Array so that V8 keeps them unboxed doubles
  // (a sum seeded from a call it has not inlined would be a boxed number in its loops),
  // and the next anchor of each.
  const sums = new Float64Array(2);
  const anchors = new Int32Array(2);
  sums[Slot.Fast] = smaSumAt(values, fast, first);
  sums[Slot.Slow] = smaSumAt(values, slow, first);
  anchors[Slot.Fast] = nextAnchor(fast, first);
  anchors[Slot.Slow] = nextAnchor(slow, first);
  let side = mark(crosses, 0, sums[Slot.Fast] * rFast - sums[Slot.Slow] * rSlow, first);
  // Views on which day `base + t` is index t of `now` and its lagged values index t of
  // `fastLag` and `slowLag`: the hot loop indexes all three with t alone, whatever the periods.
  const base = first + 1;
  const now = values.subarray(base);
  const fastLag = values.subarray(base - fast);
  const slowLag = values.subarray(base - slow);
  let day = base;
  while (day < n) {
    if (side !== 0) {
      const end = Math.min(n, anchors[Slot.Fast], anchors[Slot.Slow]);
      // With the reciprocals signed by the side, "on the other side" is one comparison.
      day = base + steadySums(now, fastLag, slowLag, side * rFast, side * rSlow, day - base, end - base, sums);
    }
    const stop = Math.min(n, day + 4);
    if (stop <= anchors[Slot.Fast] && stop <= anchors[Slot.Slow]) {
      // No anchor among these days (the usual case): as in steadySums, one day at a time.
      let fastSum = sums[Slot.Fast];
      let slowSum = sums[Slot.Slow];
      for (let t = day - base; day < stop; day++, t++) {
        fastSum += now[t] - fastLag[t];
        slowSum += now[t] - slowLag[t];
        side = mark(crosses, side, fastSum * rFast - slowSum * rSlow, day);
      }
      sums[Slot.Fast] = fastSum;
      sums[Slot.Slow] = slowSum;
    } else {
      side = stepSums(values, fast, slow, rFast, rSlow, day, stop, side, sums, anchors, crosses);
      day = stop;
    }
  }
  return crosses;
}

/**
 * The days from `day` to `stop` (at most four) one by one, anchor days included; returns
 * the side after them.
 */
function stepSums(
  values: Float64Array,
  fast: number,
  slow: number,
  rFast: number,
  rSlow: number,
  day: number,
  stop: number,
  side: number,
  sums: Float64Array,
  anchors: Int32Array,
  crosses: MaCross[],
): number {
  for (; day < stop; day++) {
    // On an anchor day the sum it belongs to is summed afresh, as in sma().
    if (day === anchors[Slot.Fast]) {
      sums[Slot.Fast] = windowSum(values, day, fast);
      anchors[Slot.Fast] += anchorSpacing(fast);
    } else {
      sums[Slot.Fast] += values[day] - values[day - fast];
    }
    if (day === anchors[Slot.Slow]) {
      sums[Slot.Slow] = windowSum(values, day, slow);
      anchors[Slot.Slow] += anchorSpacing(slow);
    } else {
      sums[Slot.Slow] += values[day] - values[day - slow];
    }
    side = mark(crosses, side, sums[Slot.Fast] * rFast - sums[Slot.Slow] * rSlow, day);
  }
  return side;
}

/**
 * Rolls the sums in `sums` on from index `t` of `now` (see scanSums), four days per step
 * while all four stay on the side that `signedFast` = side / fast and `signedSlow` =
 * side / slow stand for; returns the index of the first day of the first step with a day
 * on the other side, or from which fewer than four days remain before `end`; leaves the
 * sums before that day in `sums`.
 *
 * A day is on the other side when sum·signedFast < slowSum·signedSlow: for side 1 that is
 * fast average < slow average, for side −1 (both products negated exactly) fast > slow.
 * NaN and equal averages compare false, so those days keep the side, as in maCrosses.
 */
function steadySums(
  now: Float64Array,
  fastLag: Float64Array,
  slowLag: Float64Array,
  signedFast: number,
  signedSlow: number,
  t: number,
  end: number,
  sums: Float64Array,
): number {
  let fastSum = sums[Slot.Fast];
  let slowSum = sums[Slot.Slow];
  for (; t + 3 < end; t += 4) {
    const x0 = now[t];
    const x1 = now[t + 1];
    const x2 = now[t + 2];
    const x3 = now[t + 3];
    // Each sum takes one day's change at a time, exactly as in sma().
    const fast0 = fastSum + (x0 - fastLag[t]);
    const slow0 = slowSum + (x0 - slowLag[t]);
    const fast1 = fast0 + (x1 - fastLag[t + 1]);
    const slow1 = slow0 + (x1 - slowLag[t + 1]);
    const fast2 = fast1 + (x2 - fastLag[t + 2]);
    const slow2 = slow1 + (x2 - slowLag[t + 2]);
    const fast3 = fast2 + (x3 - fastLag[t + 3]);
    const slow3 = slow2 + (x3 - slowLag[t + 3]);
    if (
      fast0 * signedFast < slow0 * signedSlow ||
      fast1 * signedFast < slow1 * signedSlow ||
      fast2 * signedFast < slow2 * signedSlow ||
      fast3 * signedFast < slow3 * signedSlow
    ) {
      break;
    }
    fastSum = fast3;
    slowSum = slow3;
  }
  sums[Slot.Fast] = fastSum;
  sums[Slot.Slow] = slowSum;
  return t;
}

/**
 * The side after a day whose difference is `diff` (NaN and 0 leave it alone), with a cross
 * on that day when the side flips. Sides: 1 fast above, −1 below, 0 none yet.
 */
function mark(crosses: MaCross[], side: number, diff: number, day: number): number {
  if (diff > 0) {
    if (side < 0) crosses.push({ index: day, kind: "golden" });
    return 1;
  }
  if (diff < 0) {
    if (side > 0) crosses.push({ index: day, kind: "death" });
    return -1;
  }
  return side;
}

/** sma()'s block for `period` that day `index` (≥ period − 1) belongs to: 0, 1, … */
function blockOf(period: number, index: number): number {
  return ((index - (period - 1)) / anchorSpacing(period)) | 0;
}

/** sma()'s running sum for `period` on day `index`: from the anchor of index's block on. */
function smaSumAt(values: Float64Array, period: number, index: number): number {
  const anchor = period - 1 + blockOf(period, index) * anchorSpacing(period);
  let sum = windowSum(values, anchor, period);
  for (let k = anchor + 1; k <= index; k++) sum += values[k] - values[k - period];
  return sum;
}

/** The first day after `index` on which sma()'s running sum for `period` is re-anchored. */
function nextAnchor(period: number, index: number): number {
  return period - 1 + (blockOf(period, index) + 1) * anchorSpacing(period);
}

/** The latest cross (of `kind`, if given) whose index is ≤ `index`, or null. */
export function lastCrossOnOrBefore(crosses: readonly MaCross[], index: number, kind?: CrossKind): MaCross | null {
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
