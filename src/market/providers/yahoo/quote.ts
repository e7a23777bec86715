import { fetchQuoteBatches, LimitedClient, QuoteOptions, quotesPerRequestOf } from "../shared";
import { QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../../core";
import { DEFAULT_YAHOO_TIMEOUT_MS } from "./client";
import { YAHOO_QUOTES_PER_REQUEST, YahooSnapshotProvider } from "./fundamentals";
import { parseYahooLiveQuotes } from "./quote-parse";

/**
 * Live quotes from Yahoo's v7 `quote`, 50 symbols a request, sent by the valuation client's request
 * (YahooSnapshotProvider.v7Quote: its cookie-and-crumb session, renewed once after a 401), each
 * request within the plan's limiter. No key.
 */
export class YahooQuoteProvider extends LimitedClient implements QuoteProvider {
  readonly name = "yahoo";
  readonly quotesPerRequest: number;
  /** The v7 quote request and its session (its flow's requests are counted in `session.requestsMade`). */
  readonly requests: YahooSnapshotProvider;

  constructor(options: QuoteOptions) {
    super("Yahoo", options, DEFAULT_YAHOO_TIMEOUT_MS);
    this.requests = new YahooSnapshotProvider({ ...options, limiter: undefined });
    this.quotesPerRequest = quotesPerRequestOf(options, YAHOO_QUOTES_PER_REQUEST);
  }

  fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return fetchQuoteBatches(tickers, this.settings, { perRequest: this.quotesPerRequest }, (batch) =>
      this.limiter.run(
        batch[0],
        (signal) => this.requests.v7Quote(batch, signal, (response) => parseYahooLiveQuotes(batch, response, this.settings.now())),
        { signal: request.signal },
      ),
    );
  }
}
