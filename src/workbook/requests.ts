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

/** The price metrics a sector table can show, one column each (their formulas: METRIC_COLUMNS). */
export type PriceMetric =
  "price" | "return1M" | "return3M" | "returnYTD" | "rsi" | "sma50" | "sma200" | "regime" | "crossDate" | "distance200";
/** Optional valuation columns (VALUATION cells); with any of them the summary gains the forward P/E and its gap. */
export type ValuationMetric = "trailingPE" | "forwardPE" | "earningsGrowth" | "marketCap";
/** Optional "Live" columns (streaming QUOTE cells). */
export type LiveMetric = "livePrice" | "liveChange";
export type SectorMetric = PriceMetric | ValuationMetric | LiveMetric;

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

/** The P/E a rotation view values the baskets on: forward (current only) or trailing. */
export type RotationValuationMeasure = "forward_pe" | "trailing_pe";

/** The rotation view's valuation block: each basket's P/E, its gap to the benchmark and coverage, and the gap over time. */
export interface RotationValuation {
  readonly measure: RotationValuationMeasure;
  /**
   * Whether to add the monthly trailing-P/E gap block and chart: only a provider with quarterly EPS
   * and report dates can value a past date (the pane asks the provider's spec).
   */
  readonly gapChart: boolean;
  /** Why there is no gap chart (the provider's own words), shown in its place; null with a chart. */
  readonly noChartReason: string | null;
}

/** Several baskets against one benchmark: spreads per period, and relative strength over time. */
export interface RotationViewRequest {
  readonly baskets: readonly Basket[];
  readonly benchmark: Benchmark;
  readonly periods: readonly RotationPeriod[];
  /** How far back the relative-strength chart starts: "1Y" etc. */
  readonly chartSpan: string;
  /** Valuation next to the spreads; absent or null: spreads only. */
  readonly valuation?: RotationValuation | null;
}
