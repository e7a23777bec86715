import type { Basket } from "../../../baskets";
import { BenchmarkDraft, checkBenchmark, DEFAULT_BENCHMARK } from "../../common/table-form/benchmark-draft";
import type { SectorMetric, SectorTableRequest } from "../../../workbook";
import type { TablePlace } from "../../common/workbook";
import { ALL_METRICS, SECTOR_METRICS } from "./sector-metrics";

/** Windows of the summary's return and spread, in the order the pane offers them. */
export const SUMMARY_PERIODS = ["MTD", "QTD", "YTD", "1M", "3M", "6M", "1Y", "3Y", "5Y"] as const;

export interface SectorFormDraft {
  readonly basketName: string;
  readonly metrics: readonly SectorMetric[];
  readonly benchmark: BenchmarkDraft;
  readonly summaryPeriod: string;
  readonly place: TablePlace;
}

export function initialSectorForm(): SectorFormDraft {
  return { basketName: "", metrics: ALL_METRICS, benchmark: DEFAULT_BENCHMARK, summaryPeriod: "YTD", place: "new-sheet" };
}

export interface SectorFormCheck {
  readonly basketMessage: string | null;
  readonly metricsMessage: string | null;
  readonly benchmarkMessage: string | null;
  readonly request: SectorTableRequest | null;
}

export function checkSectorForm(draft: SectorFormDraft, baskets: readonly Basket[]): SectorFormCheck {
  const basket = baskets.find((candidate) => candidate.name === draft.basketName);
  const basketMessage = basket === undefined ? "Choose a basket." : basket.tickers.length === 0 ? `${basket.name} has no tickers.` : null;
  const metricsMessage = draft.metrics.length === 0 ? "Pick at least one metric or column." : null;
  const benchmark = checkBenchmark(draft.benchmark, baskets, basket === undefined ? [] : [basket.name]);
  // Metrics keep the table's column order whatever order they were ticked in.
  const metrics = SECTOR_METRICS.filter((metric) => draft.metrics.includes(metric));
  const request =
    basket !== undefined && basketMessage === null && metricsMessage === null && benchmark.benchmark !== null
      ? { basket, metrics, benchmark: benchmark.benchmark, summaryPeriod: draft.summaryPeriod }
      : null;
  return { basketMessage, metricsMessage, benchmarkMessage: benchmark.message, request };
}

/** The column choices as remembered in browser storage: known metrics only, null when nothing usable was kept. */
export function rememberedMetrics(stored: unknown): SectorMetric[] | null {
  if (!Array.isArray(stored)) return null;
  const metrics = SECTOR_METRICS.filter((metric) => stored.includes(metric));
  return metrics.length === 0 ? null : metrics;
}
