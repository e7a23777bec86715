/**
 * Point-in-time trailing earnings: what was known on a day, never what was reported after it. Days
 * are day numbers (days since 1970-01-01), as everywhere in analytics.
 */

/** Quarterly EPS as columns, ascending by report day (restatements of a quarter come later). */
export interface QuarterColumns {
  /** Last day of each fiscal quarter; NaN where only the report day is known (it then stands for the quarter). */
  readonly periodEnd: ArrayLike<number>;
  /** The day each quarter's EPS was made public. */
  readonly reportedOn: ArrayLike<number>;
  readonly eps: ArrayLike<number>;
}

export interface TrailingEps {
  /** Sum of the EPS of the `quarters` newest fiscal quarters reported on or before the day; NaN when fewer were. */
  readonly eps: number;
  /** Quarters summed (at most the count asked for): fewer means not enough were reported by then. */
  readonly quarters: number;
  /** Fiscal period ends (or report days, where the period is unknown) of the newest and the oldest quarter summed; NaN when none. */
  readonly newestPeriodEnd: number;
  readonly oldestPeriodEnd: number;
}

/**
 * Trailing EPS as known on `day`: the sum of the `count` (4) newest fiscal quarters whose EPS had
 * been reported on or before `day`. A quarter reported twice (a restatement) counts once, with the
 * latest figure public on `day`; a quarter whose period end is unknown (NaN) is keyed by its report
 * day instead. Quarters with a non-finite EPS or report day are ignored.
 */
export function trailingEpsAsOf(quarters: QuarterColumns, day: number, count = 4): TrailingEps {
  const latestByPeriod = new Map<number, number>();
  const n = Math.min(quarters.periodEnd.length, quarters.reportedOn.length, quarters.eps.length);
  for (let i = 0; i < n; i++) {
    const reported = quarters.reportedOn[i];
    const period = Number.isFinite(quarters.periodEnd[i]) ? quarters.periodEnd[i] : reported;
    const eps = quarters.eps[i];
    if (!Number.isFinite(reported) || !Number.isFinite(eps) || reported > day) continue;
    latestByPeriod.set(period, eps);
  }
  const periods = Float64Array.from(latestByPeriod.keys()).sort().reverse().subarray(0, count);
  let sum = 0;
  for (const period of periods) sum += latestByPeriod.get(period) as number;
  const found = periods.length;
  return {
    eps: found === count ? sum : NaN,
    quarters: found,
    newestPeriodEnd: found > 0 ? periods[0] : NaN,
    oldestPeriodEnd: found > 0 ? periods[found - 1] : NaN,
  };
}

/** Splits (k-for-1) and reverse splits (1-for-k) whose price jump a split-like move is matched against. */
export const SPLIT_FACTORS: readonly number[] = [1.5, 2, 3, 4, 5, 6, 7, 8, 10, 15, 20, 25, 30, 40, 50, 100];

export interface SplitLikeMove {
  /** Bar of the move (the close after the jump). */
  readonly index: number;
  /** close[index] ÷ close[index − 1]. */
  readonly ratio: number;
  /** The split it looks like: > 1 for a k-for-1 split (price ÷ k), < 1 for a reverse split. */
  readonly factor: number;
}

/**
 * The first close-to-close move in bars (from, to] that looks like a share split on closes that are
 * not split-adjusted: a ratio within `tolerance` (relative) of 1 ÷ k or k for a factor k in
 * SPLIT_FACTORS. Null when there is none. A genuine one-day halving would match too: callers
 * refuse on a match rather than adjust by it.
 */
export function splitLikeMove(closes: ArrayLike<number>, from: number, to: number, tolerance = 0.05): SplitLikeMove | null {
  const last = Math.min(to, closes.length - 1);
  for (let i = Math.max(from + 1, 1); i <= last; i++) {
    const before = closes[i - 1];
    const after = closes[i];
    if (!(before > 0 && after > 0 && Number.isFinite(before) && Number.isFinite(after))) continue;
    const ratio = after / before;
    for (const k of SPLIT_FACTORS) {
      if (Math.abs(ratio * k - 1) <= tolerance) return { index: i, ratio, factor: k };
      if (Math.abs(ratio / k - 1) <= tolerance) return { index: i, ratio, factor: 1 / k };
    }
  }
  return null;
}
