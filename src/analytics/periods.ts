/**
 * Guards against programmer errors: the functions layer validates user input first,
 * so a bad period reaching this layer is a bug, reported as a RangeError.
 */
export function requirePeriod(period: number, name = "period"): void {
  if (!Number.isInteger(period) || period < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${String(period)}`);
  }
}
