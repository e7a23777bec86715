import type { Basket } from "../baskets";

/**
 * What a table or view is asked for: the same shapes the task pane's forms produce
 * (src/taskpane/common/table-requests.ts) and the `mkt report` options build.
 */

/** What a table is measured against: one ticker, or another basket (by its workbook name). */
export type Benchmark = { readonly kind: "ticker"; readonly ticker: string } | { readonly kind: "basket"; readonly basket: Basket };

export function benchmarkLabel(benchmark: Benchmark): string {
  return benchmark.kind === "ticker" ? benchmark.ticker : benchmark.basket.name;
}

/** The metrics a sector table can show, one column each (their formulas: METRIC_COLUMNS). */
export type SectorMetric =
  "price" | "return1M" | "return3M" | "returnYTD" | "rsi" | "sma50" | "sma200" | "regime" | "crossDate" | "distance200";

export interface SectorTableRequest {
  readonly basket: Basket;
  readonly metrics: readonly SectorMetric[];
  readonly benchmark: Benchmark;
  /** Window of the summary's return, spread and (as of its end) breadth: "YTD", "3M", … */
  readonly summaryPeriod: string;
}

/** Spread periods of the rotation view, in display order. */
export const ROTATION_PERIODS = ["1M", "3M", "YTD", "1Y"] as const;
export type RotationPeriod = (typeof ROTATION_PERIODS)[number];

/** Several baskets against one benchmark: spreads per period, and relative strength over time. */
export interface RotationViewRequest {
  readonly baskets: readonly Basket[];
  readonly benchmark: Benchmark;
  readonly periods: readonly RotationPeriod[];
  /** How far back the relative-strength chart starts: "1Y" etc. */
  readonly chartSpan: string;
}
