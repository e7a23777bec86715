import { DEFAULT_TWELVEDATA_TIMEOUT_MS, TWELVEDATA_LABEL } from "./client";
import { parseTwelveDataQuotes } from "./quote-parse";
import { twelveDataSymbol } from "./symbol";
import { LimitedClient, QuoteOptions, quotesPerRequestOf } from "../shared";
import { QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../../core";

/** Symbols per /quote request: Twelve Data's batch limit (support article "Batch API requests": up to 120). */
export const TWELVEDATA_QUOTES_PER_REQUEST = 120;

/**
 * Live quotes from Twelve Data's /quote with comma-separated symbols, one request per exchange (its
 * `mic_code` applies to every symbol of a request), each symbol costing one API credit: a request
 * weighs as many of the plan's requests as it carries symbols, so on the free plan (8 credits a
 * minute) a request carries at most 8 (QuoteOptions.quotesPerRequest). The key goes in the
 * `Authorization: apikey …` header, never in a URL.
 */
export class TwelveDataQuoteProvider extends LimitedClient implements QuoteProvider {
  readonly name = "twelvedata";
  readonly quotesPerRequest: number;
  readonly costPerTicker = true;

  constructor(options: QuoteOptions) {
    super(TWELVEDATA_LABEL, options, DEFAULT_TWELVEDATA_TIMEOUT_MS);
    this.quotesPerRequest = quotesPerRequestOf(options, TWELVEDATA_QUOTES_PER_REQUEST);
  }

  quoteUrl(symbols: readonly string[], micCode: string | null): string {
    const exchange = micCode === null ? "" : `&mic_code=${encodeURIComponent(micCode)}`;
    return `${this.settings.baseUrl}/quote?symbol=${encodeURIComponent(symbols.join(","))}${exchange}`;
  }

  fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    const plan = {
      perRequest: this.quotesPerRequest,
      check: twelveDataSymbol,
      groupOf: (ticker: Ticker) => twelveDataSymbol(ticker).micCode ?? "",
    };
    return this.keyedQuotes(tickers, plan, (batch, key) => {
      const wire = (ticker: Ticker): string => twelveDataSymbol(ticker).symbol;
      const url = this.quoteUrl(batch.map(wire), twelveDataSymbol(batch[0]).micCode);
      return this.send(
        batch[0],
        url,
        { signal: request.signal, headers: { authorization: `apikey ${key}` }, redactFromBody: [key], cost: batch.length },
        (response) => parseTwelveDataQuotes(batch, response, this.settings.now(), wire),
      );
    });
  }
}
