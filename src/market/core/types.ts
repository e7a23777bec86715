import type { Ticker } from "./ticker";

/**
 * The market-data layer's public shapes. Every provider returns the full daily history of a
 * symbol as one columnar series; every consumer (functions, server, CLI) reads this shape.
 */

/** Days since 1970-01-01 of the session's date in the exchange's time zone. */
export type TradingDay = number;

export interface DailySeries {
  /** Upper-case symbol as the analyst typed it (e.g. "BRK-B"). */
  readonly symbol: string;
  /** Provider id that produced the data, e.g. "yahoo" or "demo". */
  readonly provider: string;
  /** IANA time zone of the exchange, used to turn instants into trading days. */
  readonly timeZone: string;
  readonly currency: string | null;
  /** Ascending, unique trading days. All columns have the same length. */
  readonly days: Int32Array;
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
  /** Split- and dividend-adjusted close. Equals `close` when `adjusted` is false. */
  readonly adjClose: Float64Array;
  readonly volume: Float64Array;
  /** True when `adjClose` is a real total-return (split + dividend) adjusted series. */
  readonly adjusted: boolean;
  /** True for synthetic data from the demo provider: never real prices. */
  readonly demo: boolean;
  /** When the data was fetched (ms since epoch). */
  readonly fetchedAt: number;
  /**
   * Set when a refresh failed and this is the older cached copy: the failure's message.
   * Stale answers are still answers (an analyst offline keeps working) but are counted and shown.
   */
  readonly staleBecause?: string;
}

export interface HistoryRequest {
  readonly signal?: AbortSignal;
  /**
   * Only bars on or after this trading day are needed (a cached history's missing tail).
   * Providers that cannot ask for a start date ignore it and return the full history;
   * callers tell the two apart by the returned series' first day.
   */
  readonly since?: TradingDay;
  /**
   * The analyst's own key for this provider (sent to our server with their request); absent or
   * null means the team key the provider was configured with. Only a key-routing provider (the
   * server's) reads it: it picks the provider instance that calls upstream with that key.
   */
  readonly apiKey?: string | null;
}

export interface HistoryProvider {
  readonly name: string;
  /** Daily history of `ticker` (full, or from `request.since`). Rejects with MarketDataError only. */
  fetchHistory(ticker: Ticker, request?: HistoryRequest): Promise<DailySeries>;
  /**
   * Throws the MarketDataError (e.g. "unknown-symbol") fetchHistory would reject with for a ticker
   * this provider cannot serve at all, decided without any request (its symbol translation); returns
   * for a ticker it may serve. Limits call it before spending a request of the plan on the ticker.
   * Absent: every ticker is worth a request.
   */
  checkTicker?(ticker: Ticker): void;
}
