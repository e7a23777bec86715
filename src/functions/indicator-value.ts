import { DailySeries } from "../market";
import { dayToIso } from "./args/days";
import { notAvailable } from "./errors";

/**
 * Reads an indicator on a bar; NaN there means the bar has too little history before it,
 * which becomes #N/A saying how much is needed and how much there is.
 */
export function requireIndicator(value: number, index: number, series: DailySeries, label: string, closesNeeded: number): number {
  if (Number.isNaN(value)) {
    throw notAvailable(`${label} needs ${closesNeeded} closes; ${series.symbol} has ${index + 1} up to ${dayToIso(series.days[index])}`);
  }
  return value;
}
