import { requirePeriod } from "./periods";

/**
 * How many closes each indicator needs before its first value, i.e. the index of its
 * first non-NaN output plus one. Used to explain "not enough history" errors.
 */
export const barsNeeded = {
  sma(period: number): number {
    requirePeriod(period);
    return period;
  },
  ema(period: number): number {
    requirePeriod(period);
    return period;
  },
  /** One more than the period: RSI works on changes between closes. */
  rsi(period: number): number {
    requirePeriod(period);
    return period + 1;
  },
  /** The MACD line, signal and histogram all start together (TA-Lib). */
  macd(fast: number, slow: number, signal: number): number {
    requirePeriod(fast, "fast");
    requirePeriod(slow, "slow");
    requirePeriod(signal, "signal");
    if (fast >= slow) throw new RangeError(`fast (${fast}) must be shorter than slow (${slow})`);
    return slow + signal - 1;
  },
  /** A cross needs both averages, so the longer one decides. */
  maCross(fast: number, slow: number): number {
    requirePeriod(fast, "fast");
    requirePeriod(slow, "slow");
    return Math.max(fast, slow);
  },
} as const;
