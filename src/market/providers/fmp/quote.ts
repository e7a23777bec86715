import { DEFAULT_FMP_TIMEOUT_MS, FMP_LABEL } from "./client";
import { parseFmpQuotes } from "./quote-parse";
import { fmpSymbol } from "./symbol";
import { fetchQuoteBatches, LimitedClient, QuoteOptions, quotesPerRequestOf } from "../shared";
import { MarketDataError, QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../../core";

/** Symbols per /stable/batch-quote request: FMP publishes no maximum; 50 keeps the URL short. */
export const FMP_QUOTES_PER_REQUEST = 50;

/**
 * Live quotes from FMP's /stable/batch-quote?symbols=A,B (50 a request). FMP's lower plans refuse
 * the batch endpoint (402/403, "Premium" or "subscription"): after such a refusal this client asks
 * /stable/quote?symbol=… one ticker a request instead, and says so through quotesPerRequest (1 from
 * then on), so a poller sizes its batches and its interval to it. The key goes as `apikey` in the URL
 * (FMP takes it no other way): every failure passes through keySafeError.
 */
export class FmpQuoteProvider extends LimitedClient implements QuoteProvider {
  readonly name = "fmp";
  private readonly batchSize: number;
  /** Set once the key's plan refused the batch endpoint. */
  private batchRefused = false;

  constructor(options: QuoteOptions) {
    super(FMP_LABEL, options, DEFAULT_FMP_TIMEOUT_MS);
    this.batchSize = quotesPerRequestOf(options, FMP_QUOTES_PER_REQUEST);
  }

  get quotesPerRequest(): number {
    return this.batchRefused ? 1 : this.batchSize;
  }

  /** The URL of one request; it carries the key, so it is never logged or put in a message. */
  quoteUrl(symbols: readonly string[], key: string): string {
    const joined = encodeURIComponent(symbols.join(","));
    const endpoint = symbols.length === 1 && this.batchRefused ? `quote?symbol=${joined}` : `batch-quote?symbols=${joined}`;
    return `${this.settings.baseUrl}/stable/${endpoint}&apikey=${encodeURIComponent(key)}`;
  }

  fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return this.keyedQuotes(tickers, { perRequest: this.quotesPerRequest, check: fmpSymbol }, async (batch, key) => {
      const refusedBefore = this.batchRefused;
      try {
        return await this.request(batch, key, request.signal);
      } catch (error) {
        if (refusedBefore || !refusesBatches(error)) throw error;
        this.batchRefused = true;
        // The rest of this poll one ticker a request, as every poll from now on.
        return fetchQuoteBatches(batch, this.settings, { perRequest: 1 }, (one) => this.request(one, key, request.signal));
      }
    });
  }

  private request(batch: readonly Ticker[], key: string, signal?: AbortSignal): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return this.send(batch[0], this.quoteUrl(batch.map(fmpSymbol), key), { signal }, (response) =>
      parseFmpQuotes(batch, response, this.settings.now()),
    );
  }
}

/** A plan refusal of the endpoint (not a used-up daily quota, which a single-symbol request would meet too). */
function refusesBatches(error: unknown): boolean {
  return error instanceof MarketDataError && error.kind === "plan-limit" && !/quota|limit reach/i.test(error.message);
}
