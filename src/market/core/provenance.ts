import { DailySeries } from "./types";

/**
 * Where a history's numbers come from, in words, for headers, frozen-value notes and the CLI:
 * "IWM · yahoo · adjusted closes", "… · closes not adjusted for dividends", "(demo data)",
 * and the reason when an older cached copy answered because a refresh failed.
 */
export function describeProvenance(series: DailySeries): string {
  const parts = [series.symbol, series.provider];
  if (series.demo) parts.push("demo data, not market prices");
  else parts.push(series.adjusted ? "adjusted closes" : "closes not adjusted for dividends");
  if (series.staleBecause !== undefined) parts.push(`stale: ${series.staleBecause}`);
  return parts.join(" · ");
}
