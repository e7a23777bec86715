import type { FormulaName } from "../../../functions";
import type { NumberFormatKind } from "../../common/format-kinds";
import { benchmarkLabel, SectorTableRequest } from "../../common/table-requests";
import { MetricColumn, METRIC_COLUMNS } from "./sector-metrics";

/** `MEMBERS` stands for the table's ticker column (all members); `BENCHMARK` for the benchmark. */
export const MEMBERS = Symbol("members");
export const BENCHMARK = Symbol("benchmark");
export type SummaryArg = string | number | null | typeof MEMBERS | typeof BENCHMARK;

export interface SummaryLine {
  readonly label: string;
  readonly fn: FormulaName;
  readonly args: readonly SummaryArg[];
  readonly format: NumberFormatKind;
}

export interface SectorTableLayout {
  readonly title: string;
  readonly headers: readonly string[];
  readonly tickers: readonly string[];
  readonly columns: readonly MetricColumn[];
  readonly summary: readonly SummaryLine[];
}

/** The table a request describes; the Excel writer and the preview both draw this. */
export function sectorTableLayout(request: SectorTableRequest): SectorTableLayout {
  if (request.basket.tickers.length === 0) throw new Error(`Basket ${request.basket.name} has no tickers`);
  if (request.metrics.length === 0) throw new Error("Pick at least one metric");
  const columns = request.metrics.map((metric) => METRIC_COLUMNS[metric]);
  const period = request.summaryPeriod;
  const against = benchmarkLabel(request.benchmark);
  return {
    title: `${request.basket.label} (${request.basket.name})`,
    headers: ["Ticker", ...columns.map((column) => column.header)],
    tickers: request.basket.tickers,
    columns,
    summary: [
      { label: `Basket return ${period}`, fn: "TOTAL_RETURN", args: [MEMBERS, period], format: "percent" },
      { label: `Spread vs ${against} ${period}`, fn: "ROTATION_SPREAD", args: [MEMBERS, BENCHMARK, period], format: "percent" },
      { label: "Breadth (above SMA 50)", fn: "BREADTH", args: [MEMBERS, 50], format: "percent" },
    ],
  };
}
