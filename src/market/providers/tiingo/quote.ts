import { DEFAULT_TIINGO_TIMEOUT_MS, TIINGO_LABEL } from "./client";
import { parseTiingoQuotes } from "./quote-parse";
import { tiingoSymbol } from "./symbol";
import { LimitedClient, QuoteOptions, quotesPerRequestOf } from "../shared";
import { QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../../core";

/** Tickers per /iex request: Tiingo publishes no maximum; 100 keeps the URL short. */
export const TIINGO_QUOTES_PER_REQUEST = 100;

/**
 * Live quotes from Tiingo's IEX top-of-book, GET /iex/?tickers=aapl,spy (Tiingo's documented form for
 * several tickers; one ticker's /iex/{ticker} answers the same rows), 100 a request. The key travels
 * as `Authorization: Token`, never in a URL.
 */
export class TiingoQuoteProvider extends LimitedClient implements QuoteProvider {
  readonly name = "tiingo";
  readonly quotesPerRequest: number;

  constructor(options: QuoteOptions) {
    super(TIINGO_LABEL, options, DEFAULT_TIINGO_TIMEOUT_MS);
    this.quotesPerRequest = quotesPerRequestOf(options, TIINGO_QUOTES_PER_REQUEST);
  }

  quoteUrl(symbols: readonly string[]): string {
    return `${this.settings.baseUrl}/iex/?tickers=${encodeURIComponent(symbols.join(",").toLowerCase())}`;
  }

  fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return this.keyedQuotes(tickers, { perRequest: this.quotesPerRequest, check: tiingoSymbol }, (batch, key) =>
      this.send(
        batch[0],
        this.quoteUrl(batch.map(tiingoSymbol)),
        { signal: request.signal, headers: { authorization: `Token ${key}` }, redactFromBody: [key] },
        (response) => parseTiingoQuotes(batch, response, this.settings.now()),
      ),
    );
  }
}
