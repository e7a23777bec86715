import type { FormulaName } from "../../../functions";
import type { Highlight, NumberFormatKind } from "../../common/format-kinds";
import type { SectorMetric } from "../../common/table-requests";

/**
 * A column of a sector table is one MKT call on the row's ticker (optionally one element of a
 * spilled row), or the ratio of two such calls minus one. The same description is written as
 * an Excel formula into the sheet and evaluated directly in the browser preview.
 */
export type CellExpression =
  | { readonly kind: "call"; readonly fn: FormulaName; readonly args: readonly ArgValue[]; readonly pick?: number }
  | { readonly kind: "ratio-minus-one"; readonly numerator: CellExpression; readonly denominator: CellExpression };

/** `TICKER` stands for the row's ticker cell; other values are literals. */
export type ArgValue = string | number | null | typeof TICKER;
export const TICKER = Symbol("ticker");

export interface MetricColumn {
  readonly metric: SectorMetric;
  readonly header: string;
  readonly format: NumberFormatKind;
  readonly value: CellExpression;
  /** Conditional formatting the column gets: RSI bands, signed returns. */
  readonly highlight: Highlight | null;
}

const call = (fn: FormulaName, args: readonly ArgValue[], pick?: number): CellExpression => ({ kind: "call", fn, args, pick });

export const METRIC_COLUMNS: Readonly<Record<SectorMetric, MetricColumn>> = {
  price: { metric: "price", header: "Last", format: "price", value: call("PRICE", [TICKER]), highlight: null },
  return1M: { metric: "return1M", header: "1M", format: "percent", value: call("TOTAL_RETURN", [TICKER, "1M"]), highlight: "sign" },
  return3M: { metric: "return3M", header: "3M", format: "percent", value: call("TOTAL_RETURN", [TICKER, "3M"]), highlight: "sign" },
  returnYTD: { metric: "returnYTD", header: "YTD", format: "percent", value: call("TOTAL_RETURN", [TICKER, "YTD"]), highlight: "sign" },
  rsi: { metric: "rsi", header: "RSI(14)", format: "number", value: call("RSI", [TICKER]), highlight: "rsi-bands" },
  sma50: { metric: "sma50", header: "SMA 50", format: "price", value: call("SMA", [TICKER, 50]), highlight: null },
  sma200: { metric: "sma200", header: "SMA 200", format: "price", value: call("SMA", [TICKER, 200]), highlight: null },
  regime: { metric: "regime", header: "Regime", format: "text", value: call("MA_CROSS", [TICKER, 50, 200], 0), highlight: null },
  crossDate: { metric: "crossDate", header: "Cross date", format: "date", value: call("MA_CROSS", [TICKER, 50, 200], 1), highlight: null },
  distance200: {
    metric: "distance200",
    header: "vs SMA 200",
    format: "percent",
    value: { kind: "ratio-minus-one", numerator: call("PRICE", [TICKER, null, "adjclose"]), denominator: call("SMA", [TICKER, 200]) },
    highlight: "sign",
  },
};

export const ALL_METRICS = Object.keys(METRIC_COLUMNS) as SectorMetric[];
export const DEFAULT_METRICS: readonly SectorMetric[] = ALL_METRICS;
