import { DEFAULT_TIINGO_TIMEOUT_MS, TIINGO_LABEL } from "./client";
import { parseTiingoQuotes } from "./quote-parse";
import { tiingoSymbol } from "./symbol";
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

/** Tickers per /iex request: Tiingo publishes no maximum; 100 keeps the URL short. */
export const TIINGO_QUOTES_PER_REQUEST = 100;

/**
 * Live quotes from Tiingo's IEX top-of-book, GET /iex/?tickers=aapl,spy (Tiingo's documented form for
 * several tickers; one ticker's /iex/{ticker} answers the same rows), 100 a request. The key travels
 * as `Authorization: Token`, never in a URL.
 */
export class TiingoQuoteProvider implements QuoteProvider {
  readonly name = "tiingo";
  readonly quotesPerRequest: number;
  private readonly settings: ProviderSettings;
  private readonly limiter: UpstreamLimiter;

  constructor(options: QuoteOptions) {
    this.settings = providerSettings(TIINGO_LABEL, options, DEFAULT_TIINGO_TIMEOUT_MS);
    this.limiter = limiterOf(options);
    this.quotesPerRequest = Math.max(1, Math.min(TIINGO_QUOTES_PER_REQUEST, options.quotesPerRequest ?? TIINGO_QUOTES_PER_REQUEST));
  }

  quoteUrl(symbols: readonly string[]): string {
    return `${this.settings.baseUrl}/iex/?tickers=${encodeURIComponent(symbols.join(",").toLowerCase())}`;
  }

  fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return fetchQuoteBatches(tickers, this.settings, { perRequest: this.quotesPerRequest, check: tiingoSymbol }, (batch) =>
      withKeySafety(this.settings, this.name, batch[0], (key) => {
        const url = this.quoteUrl(batch.map(tiingoSymbol));
        return this.limiter.run(
          batch[0],
          async (signal) => {
            const response = await fetchProviderText(this.settings, url, {
              symbol: batch[0],
              signal,
              headers: { authorization: `Token ${key}` },
              redactFromBody: [key],
            });
            return parseTiingoQuotes(batch, response, this.settings.now());
          },
          { signal: request.signal },
        );
      }),
    );
  }
}
