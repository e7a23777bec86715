import { badArgument } from "../errors";
import { describeValue } from "./display";

/** Largest look-back we accept; longer periods would exceed any daily history. */
export const MAX_PERIOD = 5000;

/** Excel passes numbers, but text such as "14" typed into a cell is accepted too. */
function asNumber(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** A whole number of bars, 1..MAX_PERIOD; `null` (omitted) gives the default. */
export function parsePeriod(value: unknown, argument: string, fallback?: number): number {
  if (value === null || value === undefined || value === "") {
    if (fallback !== undefined) return fallback;
    throw badArgument(argument, "is required (a whole number of trading days, e.g. 50)");
  }
  const n = asNumber(value);
  if (n === null || !Number.isFinite(n)) {
    throw badArgument(argument, `must be a whole number of trading days, not ${describeValue(value)}`);
  }
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERIOD) {
    throw badArgument(argument, `must be a whole number from 1 to ${MAX_PERIOD}, not ${n}`);
  }
  return n;
}

/** Two periods where the first must be shorter than the second (fast < slow). */
export function parsePeriodPair(
  fastValue: unknown,
  slowValue: unknown,
  names: [string, string],
  defaults: [number, number],
): [number, number] {
  const fast = parsePeriod(fastValue, names[0], defaults[0]);
  const slow = parsePeriod(slowValue, names[1], defaults[1]);
  if (fast >= slow) throw badArgument(names[0], `(${fast}) must be shorter than ${names[1]} (${slow})`);
  return [fast, slow];
}
