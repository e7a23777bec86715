import { DEFAULT_POLYGON_TIMEOUT_MS, POLYGON_LABEL } from "./client";
import {
  parsePolygonDetails,
  parsePolygonFinancials,
  parsePolygonPreviousClose,
  polygonEarnings,
  trailingFromQuarters,
} from "./fundamentals-parse";
import { polygonSymbol } from "./symbol";
import { LimitedClient, LimitedRequest, normalizeSnapshot, optionalPart, ProviderOptions } from "../shared";
import {
  EarningsHistory,
  isoDateOfTradingDay,
  SnapshotOutcome,
  SnapshotProvider,
  SnapshotRequest,
  Ticker,
  TickerSnapshot,
} from "../../core";

/** Quarters read for EPS over twelve months: eight, so four consecutive ones are found past a missing filing. */
const TRAILING_QUARTERS = 8;
/** Quarters read for the history: 25 years, one page (Polygon's largest `limit`). */
const HISTORY_QUARTERS = 100;

/**
 * Valuation from Polygon (Massive) (FORMATS.md §4): a snapshot is the ticker details (market cap,
 * shares, currency, type), the previous session's bar (the price; the live snapshot endpoint is not
 * in the free plan) and the quarterly financials (EPS over twelve months = four quarters of diluted
 * EPS): three requests of the plan, one ticker each. Polygon publishes no P/E and no forward EPS. A
 * plan that refuses the financials or the bar ("not entitled", 403) leaves those fields null with a
 * note; a plan that refuses the details answers the snapshot plan-limit. The quarterly history is
 * the financials with their filing dates. The key travels as `Authorization: Bearer`.
 */
export class PolygonSnapshotProvider extends LimitedClient implements SnapshotProvider {
  readonly name = "polygon";
  readonly snapshotsPerRequest = 1;

  constructor(options: ProviderOptions) {
    super(POLYGON_LABEL, options, DEFAULT_POLYGON_TIMEOUT_MS);
  }

  detailsUrl(symbol: string): string {
    return `${this.settings.baseUrl}/v3/reference/tickers/${pathSymbol(symbol)}`;
  }

  previousCloseUrl(symbol: string): string {
    return `${this.settings.baseUrl}/v2/aggs/ticker/${pathSymbol(symbol)}/prev?adjusted=true`;
  }

  financialsUrl(symbol: string, limit: number): string {
    return (
      `${this.settings.baseUrl}/vX/reference/financials?ticker=${encodeURIComponent(symbol)}` +
      `&timeframe=quarterly&order=desc&sort=period_of_report_date&limit=${limit}`
    );
  }

  fetchSnapshots(tickers: readonly Ticker[], request: SnapshotRequest = {}): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    return this.keyedSnapshots(tickers, (ticker, key) => this.snapshot(ticker, key, request.signal));
  }

  fetchEarnings(ticker: Ticker, request: SnapshotRequest = {}): Promise<EarningsHistory> {
    return this.keyed(ticker, (key) =>
      this.send(ticker, this.financialsUrl(polygonSymbol(ticker), HISTORY_QUARTERS), keySent(key, request.signal), (response) =>
        polygonEarnings(ticker, parsePolygonFinancials(ticker, response), this.settings.now()),
      ),
    );
  }

  private async snapshot(ticker: Ticker, key: string, signal?: AbortSignal): Promise<TickerSnapshot> {
    const wire = polygonSymbol(ticker);
    const notes: string[] = [];
    const [details, previous, financials] = await Promise.all([
      this.send(ticker, this.detailsUrl(wire), keySent(key, signal), (response) => parsePolygonDetails(ticker, response)),
      optionalPart(
        this.send(ticker, this.previousCloseUrl(wire), keySent(key, signal), (response) => parsePolygonPreviousClose(ticker, response)),
        "Polygon.io gave no previous close",
        notes,
      ),
      optionalPart(
        this.send(ticker, this.financialsUrl(wire, TRAILING_QUARTERS), keySent(key, signal), (response) =>
          parsePolygonFinancials(ticker, response),
        ),
        "Polygon.io gave no financials",
        notes,
      ),
    ]);
    if (previous !== null) notes.push(`the price is Polygon.io's close of ${isoDateOfTradingDay(previous.day)} (the previous session)`);
    let epsTrailing: number | null = null;
    if (financials !== null) {
      const trailing = trailingFromQuarters(financials.quarters);
      if ("eps" in trailing) {
        epsTrailing = trailing.eps;
        notes.push("EPS over twelve months: the sum of Polygon.io's four latest quarters of diluted EPS");
      } else notes.push(trailing.missing);
    }
    notes.push("Polygon.io publishes no P/E and no forward EPS");
    return normalizeSnapshot(
      {
        symbol: ticker,
        provider: this.name,
        fetchedAt: this.settings.now(),
        kind: details.kind,
        priceTime: null,
        priceCurrency: details.currency,
        price: previous?.close ?? null,
        epsTrailingCurrency: financials?.currency ?? null,
        epsTrailing,
        epsForward: null,
        peTrailing: null,
        peForward: null,
        marketCap: details.marketCap,
        sharesOutstanding: details.sharesOutstanding,
        notes,
      },
      POLYGON_LABEL,
    );
  }
}

/** A request carrying the key in the Bearer header, the key redacted from the body. */
function keySent(key: string, signal: AbortSignal | undefined): LimitedRequest {
  return { signal, headers: { authorization: `Bearer ${key}` }, redactFromBody: [key] };
}

/** A Polygon ticker in a path: index tickers keep their ":" (I:SPX), as the aggregates URL does. */
function pathSymbol(symbol: string): string {
  return encodeURIComponent(symbol).replace(/%3A/g, ":");
}
