import { DailySeries, EarningsHistory, MarketDataError, Ticker, TickerSnapshot } from "../market";

/**
 * Where the functions get market data: the relay in Excel, providers directly in the CLI. Daily
 * histories always; valuation snapshots and quarterly earnings where the source offers them (each
 * store batches and caches the calls, so a formula asks per ticker).
 */
export interface HistorySource {
  get(ticker: Ticker): Promise<DailySeries>;
  snapshot?(ticker: Ticker): Promise<TickerSnapshot>;
  earnings?(ticker: Ticker): Promise<EarningsHistory>;
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

/** The valuation snapshot of `ticker`; rejects with MarketDataError. */
export function loadSnapshot(ticker: Ticker): Promise<TickerSnapshot> {
  if (current === null) return Promise.reject(new Error("no market data source is configured"));
  if (current.snapshot === undefined) return Promise.reject(notOffered(ticker, "valuation data"));
  return current.snapshot(ticker);
}

/** The quarterly EPS history of `ticker`; rejects with MarketDataError. */
export function loadEarnings(ticker: Ticker): Promise<EarningsHistory> {
  if (current === null) return Promise.reject(new Error("no market data source is configured"));
  if (current.earnings === undefined) return Promise.reject(notOffered(ticker, "quarterly earnings"));
  return current.earnings(ticker);
}

function notOffered(ticker: Ticker, what: string): MarketDataError {
  return new MarketDataError("unavailable", `This data source does not offer ${what} (asked for ${ticker})`, ticker);
}
