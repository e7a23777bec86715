import { DEFAULT_TWELVEDATA_TIMEOUT_MS, TWELVEDATA_LABEL } from "./client";
import { parseTwelveDataQuotes } from "./quote-parse";
import { twelveDataSymbol } from "./symbol";
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

/** Symbols per /quote request: Twelve Data's batch limit (support article "Batch API requests": up to 120). */
export const TWELVEDATA_QUOTES_PER_REQUEST = 120;

/**
 * Live quotes from Twelve Data's /quote with comma-separated symbols, one request per exchange (its
 * `mic_code` applies to every symbol of a request), each symbol costing one API credit: a request
 * weighs as many of the plan's requests as it carries symbols, so on the free plan (8 credits a
 * minute) a request carries at most 8 (QuoteOptions.quotesPerRequest). The key goes in the
 * `Authorization: apikey …` header, never in a URL.
 */
export class TwelveDataQuoteProvider implements QuoteProvider {
  readonly name = "twelvedata";
  readonly quotesPerRequest: number;
  readonly costPerTicker = true;
  private readonly settings: ProviderSettings;
  private readonly limiter: UpstreamLimiter;

  constructor(options: QuoteOptions) {
    this.settings = providerSettings(TWELVEDATA_LABEL, options, DEFAULT_TWELVEDATA_TIMEOUT_MS);
    this.limiter = limiterOf(options);
    this.quotesPerRequest = Math.max(1, Math.min(TWELVEDATA_QUOTES_PER_REQUEST, options.quotesPerRequest ?? TWELVEDATA_QUOTES_PER_REQUEST));
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
    return fetchQuoteBatches(tickers, this.settings, plan, (batch) =>
      withKeySafety(this.settings, this.name, batch[0], (key) => {
        const wire = (ticker: Ticker): string => twelveDataSymbol(ticker).symbol;
        const url = this.quoteUrl(batch.map(wire), twelveDataSymbol(batch[0]).micCode);
        return this.limiter.run(
          batch[0],
          async (signal) => {
            const response = await fetchProviderText(this.settings, url, {
              symbol: batch[0],
              signal,
              headers: { authorization: `apikey ${key}` },
              redactFromBody: [key],
            });
            return parseTwelveDataQuotes(batch, response, this.settings.now(), wire);
          },
          { signal: request.signal, cost: batch.length },
        );
      }),
    );
  }
}
