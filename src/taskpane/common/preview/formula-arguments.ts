import type { Benchmark } from "../../../workbook";

/** A list of tickers as Excel passes a one-column range: what a basket name or table column gives. */
export function tickerColumn(tickers: readonly string[]): string[][] {
  return tickers.map((ticker) => [ticker]);
}

/** The benchmark as the value a cell passes (the preview evaluates formulas itself): its ticker, or the basket's tickers as a column. */
export function benchmarkValue(benchmark: Benchmark): string | string[][] {
  return benchmark.kind === "ticker" ? benchmark.ticker : tickerColumn(benchmark.basket.tickers);
}
