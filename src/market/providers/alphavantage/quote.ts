import { ALPHAVANTAGE_LABEL, DEFAULT_ALPHAVANTAGE_TIMEOUT_MS } from "./client";
import { parseAlphaVantageLiveQuote } from "./quote-parse";
import { alphaVantageSymbol } from "./symbol";
import {
  fetchProviderText,
  fetchQuoteBatches,
  limiterOf,
  ProviderSettings,
  providerSettings,
  QuoteOptions,
  UpstreamLimiter,
  withKeySafety,
} from "../shared";
import { QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../../core";

/**
 * Live quotes from Alpha Vantage's GLOBAL_QUOTE, one ticker a request (its batch endpoint,
 * REALTIME_BULK_QUOTES, is premium). The key goes as `apikey` in the URL, the only way Alpha Vantage
 * takes it, and its notices can echo it: the body is redacted and every failure is key-safe.
 */
export class AlphaVantageQuoteProvider implements QuoteProvider {
  readonly name = "alphavantage";
  readonly quotesPerRequest = 1;
  private readonly settings: ProviderSettings;
  private readonly limiter: UpstreamLimiter;

  constructor(options: QuoteOptions) {
    this.settings = providerSettings(ALPHAVANTAGE_LABEL, options, DEFAULT_ALPHAVANTAGE_TIMEOUT_MS);
    this.limiter = limiterOf(options);
  }

  /** The request URL; it carries the key. */
  quoteUrl(symbol: string, key: string): string {
    return `${this.settings.baseUrl}/query?function=GLOBAL_QUOTE&symbol=${encodeURIComponent(symbol)}&apikey=${encodeURIComponent(key)}`;
  }

  fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return fetchQuoteBatches(tickers, this.settings, { perRequest: 1, check: alphaVantageSymbol }, ([ticker]) =>
      withKeySafety(this.settings, this.name, ticker, (key) => {
        const url = this.quoteUrl(alphaVantageSymbol(ticker), key);
        return this.limiter.run(
          ticker,
          async (signal) => {
            const response = await fetchProviderText(this.settings, url, { symbol: ticker, signal, redactFromBody: [key] });
            return new Map([[ticker, parseAlphaVantageLiveQuote(ticker, response, this.settings.now())]]);
          },
          { signal: request.signal },
        );
      }),
    );
  }
}
