import { fetchProviderText, ProviderSettings, providerSettings, ProviderText, withKeySafety } from "./provider-client";
import type { ProviderOptions, QuoteOptions, UpstreamLimiter } from "./provider-spec";
import { fetchQuoteBatches, QuoteBatchPlan } from "./quote-batches";
import { eachSnapshot, limiterOf } from "./snapshot-requests";
import { QuoteOutcome, SnapshotOutcome, Ticker, TickerSnapshot } from "../../core";

/** How one request of a LimitedClient goes out, besides its URL. */
export interface LimitedRequest {
  /** The caller's signal; the limiter adds the request's time budget. */
  readonly signal?: AbortSignal;
  /** Sent besides `accept: application/json` (e.g. the authorization header carrying the key). */
  readonly headers?: Record<string, string>;
  /** Secrets replaced in the body before any of it can be quoted in a message. */
  readonly redactFromBody?: readonly string[];
  /** How many of the plan's requests it counts as (API credits); default 1. */
  readonly cost?: number;
}

/**
 * What a provider's valuation and live-quote clients are built on: the settings resolved from its
 * options, the plan's limiter (ProviderOptions.limiter, else direct sending), and the way a request
 * goes out within them.
 */
export abstract class LimitedClient {
  abstract readonly name: string;
  protected readonly settings: ProviderSettings;
  protected readonly limiter: UpstreamLimiter;

  protected constructor(label: string, options: ProviderOptions, defaultTimeoutMs: number) {
    this.settings = providerSettings(label, options, defaultTimeoutMs);
    this.limiter = limiterOf(options);
  }

  /**
   * One request of the plan about `ticker`: `url` fetched within the limiter and read by `parse`
   * inside it, so an answer that stands for a rate limit is seen by the plan's gate and retried there.
   */
  protected send<T>(ticker: Ticker, url: string, request: LimitedRequest, parse: (response: ProviderText) => T): Promise<T> {
    const { signal, cost, ...sent } = request;
    const work = async (inner: AbortSignal): Promise<T> =>
      parse(await fetchProviderText(this.settings, url, { symbol: ticker, signal: inner, ...sent }));
    return this.limiter.run(ticker, work, { signal, cost });
  }

  /** `run(key)` for this keyed provider (withKeySafety): the key required first, kept out of every failure. */
  protected keyed<T>(ticker: Ticker, run: (key: string) => Promise<T>): Promise<T> {
    return withKeySafety(this.settings, this.name, ticker, run);
  }

  /** One outcome per distinct ticker (eachSnapshot), each `snapshot(ticker, key)` of this keyed provider. */
  protected keyedSnapshots(
    tickers: readonly Ticker[],
    snapshot: (ticker: Ticker, key: string) => Promise<TickerSnapshot>,
  ): Promise<Map<Ticker, SnapshotOutcome>> {
    return eachSnapshot(tickers, this.settings, (ticker) => this.keyed(ticker, (key) => snapshot(ticker, key)));
  }

  /** The quotes of `tickers` in the batches of `plan` (fetchQuoteBatches), each batch asked with the key by `fetchBatch`. */
  protected keyedQuotes(
    tickers: readonly Ticker[],
    plan: QuoteBatchPlan,
    fetchBatch: (batch: readonly Ticker[], key: string) => Promise<ReadonlyMap<Ticker, QuoteOutcome>>,
  ): Promise<Map<Ticker, QuoteOutcome>> {
    return fetchQuoteBatches(tickers, this.settings, plan, (batch) => this.keyed(batch[0], (key) => fetchBatch(batch, key)));
  }
}

/** Most tickers one quote request carries: QuoteOptions.quotesPerRequest, at least 1 and at most the endpoint's `most`. */
export function quotesPerRequestOf(options: QuoteOptions, most: number): number {
  return Math.max(1, Math.min(most, options.quotesPerRequest ?? most));
}
