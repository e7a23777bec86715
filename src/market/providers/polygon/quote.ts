import { DEFAULT_POLYGON_TIMEOUT_MS, POLYGON_LABEL } from "./client";
import { parsePolygonSnapshots } from "./quote-parse";
import { polygonSymbol } from "./symbol";
import {
  fetchProviderText,
  fetchQuoteBatches,
  indexAdvice,
  limiterOf,
  ProviderSettings,
  providerSettings,
  QuoteOptions,
  unservableSymbol,
  UpstreamLimiter,
  withKeySafety,
} from "../shared";
import { QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../../core";

/** Tickers per snapshot request: Polygon publishes no maximum for `tickers=`; 100 keeps the URL short. */
export const POLYGON_QUOTES_PER_REQUEST = 100;

/**
 * Live quotes from Polygon's (Massive's) stocks snapshot, GET
 * /v2/snapshot/locale/us/markets/stocks/tickers?tickers=AAPL,MSFT, 100 a request. Its free plan has
 * no snapshots (NOT_AUTHORIZED: plan-limit); index tickers (I:SPX) are not in the stocks snapshot and
 * are refused before asking. The key travels as `Authorization: Bearer`, never in a URL.
 */
export class PolygonQuoteProvider implements QuoteProvider {
  readonly name = "polygon";
  readonly quotesPerRequest: number;
  private readonly settings: ProviderSettings;
  private readonly limiter: UpstreamLimiter;

  constructor(options: QuoteOptions) {
    this.settings = providerSettings(POLYGON_LABEL, options, DEFAULT_POLYGON_TIMEOUT_MS);
    this.limiter = limiterOf(options);
    this.quotesPerRequest = Math.max(1, Math.min(POLYGON_QUOTES_PER_REQUEST, options.quotesPerRequest ?? POLYGON_QUOTES_PER_REQUEST));
  }

  snapshotUrl(symbols: readonly string[]): string {
    return `${this.settings.baseUrl}/v2/snapshot/locale/us/markets/stocks/tickers?tickers=${encodeURIComponent(symbols.join(","))}`;
  }

  fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return fetchQuoteBatches(tickers, this.settings, { perRequest: this.quotesPerRequest, check: stockSnapshotSymbol }, (batch) =>
      withKeySafety(this.settings, this.name, batch[0], (key) => {
        const url = this.snapshotUrl(batch.map(polygonSymbol));
        return this.limiter.run(
          batch[0],
          async (signal) => {
            const response = await fetchProviderText(this.settings, url, {
              symbol: batch[0],
              signal,
              headers: { authorization: `Bearer ${key}` },
              redactFromBody: [key],
            });
            return parsePolygonSnapshots(batch, response, this.settings.now());
          },
          { signal: request.signal },
        );
      }),
    );
  }
}

/** Polygon's spelling, refusing (unknown-symbol) what the stocks snapshot cannot carry: indices. */
function stockSnapshotSymbol(ticker: Ticker): string {
  const symbol = polygonSymbol(ticker);
  if (symbol.startsWith("I:")) {
    throw unservableSymbol(POLYGON_LABEL, ticker, `its stocks snapshot has no indices; ${indexAdvice(ticker.replace(/^\^/, ""))}`);
  }
  return symbol;
}
