import { DailySeries, Ticker } from "../market";

/** Where the functions get daily histories: the relay in Excel, a provider directly in the CLI. */
export interface HistorySource {
  get(ticker: Ticker): Promise<DailySeries>;
}

let current: HistorySource | null = null;

export function useHistorySource(source: HistorySource): void {
  current = source;
}

export function loadHistory(ticker: Ticker): Promise<DailySeries> {
  if (current === null) return Promise.reject(new Error("no market data source is configured"));
  return current.get(ticker);
}

export function loadHistories(tickers: readonly Ticker[]): Promise<DailySeries[]> {
  return Promise.all(tickers.map(loadHistory));
}
