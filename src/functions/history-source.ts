import { DailySeries } from "../market/types";

/** Where the functions get daily histories: the relay in Excel, a provider directly in the CLI. */
export interface HistorySource {
  get(symbol: string): Promise<DailySeries>;
}

let current: HistorySource | null = null;

export function useHistorySource(source: HistorySource): void {
  current = source;
}

export function loadHistory(symbol: string): Promise<DailySeries> {
  if (current === null) return Promise.reject(new Error("no market data source is configured"));
  return current.get(symbol);
}

export function loadHistories(symbols: readonly string[]): Promise<DailySeries[]> {
  return Promise.all(symbols.map(loadHistory));
}
