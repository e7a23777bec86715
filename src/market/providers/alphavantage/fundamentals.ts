import { ALPHAVANTAGE_LABEL, DEFAULT_ALPHAVANTAGE_TIMEOUT_MS } from "./client";
import { parseAlphaVantageEarnings, parseAlphaVantageGlobalQuote, parseAlphaVantageOverview } from "./fundamentals-parse";
import { alphaVantageSymbol } from "./symbol";
import { LimitedClient, normalizeSnapshot, optionalPart, ProviderOptions, ProviderText } from "../shared";
import {
  EarningsHistory,
  isoDateOfTradingDay,
  SnapshotOutcome,
  SnapshotProvider,
  SnapshotRequest,
  Ticker,
  TickerSnapshot,
} from "../../core";

/**
 * Valuation from Alpha Vantage (FORMATS.md §3): a snapshot is OVERVIEW (EPS ttm, P/Es, market cap,
 * shares, currency) and GLOBAL_QUOTE (the price), two requests of the plan, one ticker each; the
 * quarterly EPS history is EARNINGS (report dates included), one request. The key goes in the query,
 * as for histories, so every failure passes through keySafeError.
 */
export class AlphaVantageSnapshotProvider extends LimitedClient implements SnapshotProvider {
  readonly name = "alphavantage";
  readonly snapshotsPerRequest = 1;

  constructor(options: ProviderOptions) {
    super(ALPHAVANTAGE_LABEL, options, DEFAULT_ALPHAVANTAGE_TIMEOUT_MS);
  }

  /** The request URL of function `fn` (OVERVIEW, GLOBAL_QUOTE, EARNINGS); it carries the key. */
  functionUrl(fn: string, symbol: string, key: string): string {
    return `${this.settings.baseUrl}/query?function=${fn}&symbol=${encodeURIComponent(symbol)}&apikey=${encodeURIComponent(key)}`;
  }

  fetchSnapshots(tickers: readonly Ticker[], request: SnapshotRequest = {}): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    return this.keyedSnapshots(tickers, (ticker, key) => this.snapshot(ticker, key, request.signal));
  }

  fetchEarnings(ticker: Ticker, request: SnapshotRequest = {}): Promise<EarningsHistory> {
    return this.keyed(ticker, async (key) => {
      return this.request("EARNINGS", ticker, key, request.signal, (response) =>
        parseAlphaVantageEarnings(ticker, response, this.settings.now()),
      );
    });
  }

  private async snapshot(ticker: Ticker, key: string, signal?: AbortSignal): Promise<TickerSnapshot> {
    const notes: string[] = [];
    const [overview, quote] = await Promise.all([
      this.request("OVERVIEW", ticker, key, signal, (response) => parseAlphaVantageOverview(ticker, response)),
      optionalPart(
        this.request("GLOBAL_QUOTE", ticker, key, signal, (response) => parseAlphaVantageGlobalQuote(ticker, response)),
        "Alpha Vantage's GLOBAL_QUOTE gave no price",
        notes,
      ),
    ]);
    if (quote?.day !== null && quote?.day !== undefined) {
      notes.push(`Alpha Vantage dates its price ${isoDateOfTradingDay(quote.day)} without a time of day`);
    }
    if (overview.latestQuarter !== null) notes.push(`Alpha Vantage's figures include the quarter ending ${overview.latestQuarter}`);
    if (overview.peForward !== null) notes.push("Alpha Vantage publishes a forward P/E but no forward EPS");
    const { latestQuarter: _latest, ...fields } = overview;
    return normalizeSnapshot(
      {
        ...fields,
        symbol: ticker,
        provider: this.name,
        fetchedAt: this.settings.now(),
        priceTime: null,
        price: quote?.price ?? null,
        notes,
      },
      ALPHAVANTAGE_LABEL,
    );
  }

  /**
   * One request of the plan for function `fn` (Alpha Vantage's spelling of the ticker in the URL),
   * read by `parse` inside the limiter, so a rate-limit notice is seen by the plan's gate and retried.
   */
  private request<T>(
    fn: string,
    ticker: Ticker,
    key: string,
    signal: AbortSignal | undefined,
    parse: (response: ProviderText) => T,
  ): Promise<T> {
    return this.send(ticker, this.functionUrl(fn, alphaVantageSymbol(ticker), key), { signal, redactFromBody: [key] }, parse);
  }
}
