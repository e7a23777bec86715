import type { MarketDataError } from "./market-error";
import type { Ticker } from "./ticker";

/**
 * Live quotes: today's price and move of a ticker, normalised from every provider's quote format
 * (timestamps in seconds, nanoseconds or ISO with offsets; percentages as percent, fraction or text
 * with "%") to one shape.
 */
export interface LiveQuote {
  /** The analyst's ticker (as parsed). */
  readonly symbol: string;
  readonly provider: string;
  /** Currency of the prices below, in major units (a pence quote converted to pounds). */
  readonly currency: string | null;
  readonly price: number | null;
  /** price − prevClose. */
  readonly change: number | null;
  /** change ÷ prevClose, as a fraction (0.0127 = 1.27 %). */
  readonly changePct: number | null;
  readonly prevClose: number | null;
  readonly open: number | null;
  readonly dayHigh: number | null;
  readonly dayLow: number | null;
  readonly volume: number | null;
  /** When the price was current (ms since epoch). */
  readonly time: number | null;
  /** Minutes the provider says its quote lags, where it says (null: not stated). */
  readonly delayMinutes: number | null;
  /** When we received it (ms since epoch). */
  readonly fetchedAt: number;
  /** True for synthetic quotes from the demo provider. */
  readonly demo: boolean;
}

/** A quote or the reason there is none, per ticker asked. */
export type QuoteOutcome = LiveQuote | MarketDataError;

export interface QuoteRequest {
  readonly signal?: AbortSignal;
  /** The analyst's own key (see HistoryRequest.apiKey). */
  readonly apiKey?: string | null;
}

/** A provider's quote endpoint: batched where it accepts many symbols in one request. */
export interface QuoteProvider {
  readonly name: string;
  /** Most tickers one upstream request can carry (1 where the endpoint takes one symbol). */
  readonly quotesPerRequest: number;
  /** True when each ticker of a request counts as one of the plan's requests (Twelve Data's credits). */
  readonly costPerTicker?: boolean;
  /**
   * Quotes of `tickers`, each answered on its own (an unknown ticker is a MarketDataError in the map,
   * so a poller can stop asking for it). Rejects only when the whole request failed.
   */
  fetchQuotes(tickers: readonly Ticker[], request?: QuoteRequest): Promise<ReadonlyMap<Ticker, QuoteOutcome>>;
}
