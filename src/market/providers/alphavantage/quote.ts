import { ALPHAVANTAGE_LABEL, DEFAULT_ALPHAVANTAGE_TIMEOUT_MS } from "./client";
import { parseAlphaVantageLiveQuote } from "./quote-parse";
import { alphaVantageSymbol } from "./symbol";
import { LimitedClient, QuoteOptions } from "../shared";
import { QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../../core";

/**
 * Live quotes from Alpha Vantage's GLOBAL_QUOTE, one ticker a request (its batch endpoint,
 * REALTIME_BULK_QUOTES, is premium). The key goes as `apikey` in the URL, the only way Alpha Vantage
 * takes it, and its notices can echo it: the body is redacted and every failure is key-safe.
 */
export class AlphaVantageQuoteProvider extends LimitedClient implements QuoteProvider {
  readonly name = "alphavantage";
  readonly quotesPerRequest = 1;

  constructor(options: QuoteOptions) {
    super(ALPHAVANTAGE_LABEL, options, DEFAULT_ALPHAVANTAGE_TIMEOUT_MS);
  }

  /** The request URL; it carries the key. */
  quoteUrl(symbol: string, key: string): string {
    return `${this.settings.baseUrl}/query?function=GLOBAL_QUOTE&symbol=${encodeURIComponent(symbol)}&apikey=${encodeURIComponent(key)}`;
  }

  fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return this.keyedQuotes(tickers, { perRequest: 1, check: alphaVantageSymbol }, ([ticker], key) =>
      this.send(ticker, this.quoteUrl(alphaVantageSymbol(ticker), key), { signal: request.signal, redactFromBody: [key] }, (response) => {
        return new Map([[ticker, parseAlphaVantageLiveQuote(ticker, response, this.settings.now())]]);
      }),
    );
  }
}
