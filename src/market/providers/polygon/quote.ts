import { DEFAULT_POLYGON_TIMEOUT_MS, POLYGON_LABEL } from "./client";
import { parsePolygonSnapshots } from "./quote-parse";
import { polygonSymbol } from "./symbol";
import { indexAdvice, LimitedClient, QuoteOptions, quotesPerRequestOf, unservableSymbol } from "../shared";
import { QuoteOutcome, QuoteProvider, QuoteRequest, Ticker } from "../../core";

/** Tickers per snapshot request: Polygon publishes no maximum for `tickers=`; 100 keeps the URL short. */
export const POLYGON_QUOTES_PER_REQUEST = 100;

/**
 * Live quotes from Polygon's (Massive's) stocks snapshot, GET
 * /v2/snapshot/locale/us/markets/stocks/tickers?tickers=AAPL,MSFT, 100 a request. Its free plan has
 * no snapshots (NOT_AUTHORIZED: plan-limit); index tickers (I:SPX) are not in the stocks snapshot and
 * are refused before asking. The key travels as `Authorization: Bearer`, never in a URL.
 */
export class PolygonQuoteProvider extends LimitedClient implements QuoteProvider {
  readonly name = "polygon";
  readonly quotesPerRequest: number;

  constructor(options: QuoteOptions) {
    super(POLYGON_LABEL, options, DEFAULT_POLYGON_TIMEOUT_MS);
    this.quotesPerRequest = quotesPerRequestOf(options, POLYGON_QUOTES_PER_REQUEST);
  }

  snapshotUrl(symbols: readonly string[]): string {
    return `${this.settings.baseUrl}/v2/snapshot/locale/us/markets/stocks/tickers?tickers=${encodeURIComponent(symbols.join(","))}`;
  }

  fetchQuotes(tickers: readonly Ticker[], request: QuoteRequest = {}): Promise<ReadonlyMap<Ticker, QuoteOutcome>> {
    return this.keyedQuotes(tickers, { perRequest: this.quotesPerRequest, check: stockSnapshotSymbol }, (batch, key) =>
      this.send(
        batch[0],
        this.snapshotUrl(batch.map(polygonSymbol)),
        { signal: request.signal, headers: { authorization: `Bearer ${key}` }, redactFromBody: [key] },
        (response) => parsePolygonSnapshots(batch, response, this.settings.now()),
      ),
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
