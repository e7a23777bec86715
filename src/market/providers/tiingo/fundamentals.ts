import { DEFAULT_TIINGO_TIMEOUT_MS, TIINGO_LABEL } from "./client";
import { parseTiingoDailyFundamentals, parseTiingoIexQuote } from "./fundamentals-parse";
import { tiingoSymbol } from "./symbol";
import { LimitedClient, LimitedRequest, normalizeSnapshot, optionalPart, ProviderOptions } from "../shared";
import { isoDateOfTradingDay, SnapshotOutcome, SnapshotProvider, SnapshotRequest, Ticker, TickerSnapshot, tradingDayOf } from "../../core";

/** Days of daily fundamentals asked for: enough to reach the latest row over a long weekend. */
const RECENT_DAYS = 10;
export const TIINGO_NO_EARNINGS =
  "Tiingo has no quarterly EPS history with report dates: its statements are dated by fiscal period, not by the day they were reported";

/**
 * Valuation from Tiingo (FORMATS.md §5): a snapshot is the latest daily fundamentals row (P/E and
 * market cap; Tiingo publishes no EPS, forward figures or shares there) and the IEX quote (the
 * price and its time): two requests of the plan, one ticker each. Tiingo's tickers here are US
 * listings, so amounts are USD. The key travels as `Authorization: Token`.
 */
export class TiingoSnapshotProvider extends LimitedClient implements SnapshotProvider {
  readonly name = "tiingo";
  readonly snapshotsPerRequest = 1;
  readonly earningsUnavailable = TIINGO_NO_EARNINGS;

  constructor(options: ProviderOptions) {
    super(TIINGO_LABEL, options, DEFAULT_TIINGO_TIMEOUT_MS);
  }

  dailyFundamentalsUrl(symbol: string, startDate: string): string {
    return `${this.settings.baseUrl}/tiingo/fundamentals/${encodeURIComponent(symbol)}/daily?startDate=${startDate}&format=json`;
  }

  iexUrl(symbol: string): string {
    return `${this.settings.baseUrl}/iex/${encodeURIComponent(symbol)}`;
  }

  fetchSnapshots(tickers: readonly Ticker[], request: SnapshotRequest = {}): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    return this.keyedSnapshots(tickers, (ticker, key) => this.snapshot(ticker, key, request.signal));
  }

  private async snapshot(ticker: Ticker, key: string, signal?: AbortSignal): Promise<TickerSnapshot> {
    const wire = tiingoSymbol(ticker);
    const notes: string[] = [];
    const start = isoDateOfTradingDay(tradingDayOf(this.settings.now(), "America/New_York") - RECENT_DAYS);
    const [daily, quote] = await Promise.all([
      this.send(ticker, this.dailyFundamentalsUrl(wire, start), keySent(key, signal), (response) =>
        parseTiingoDailyFundamentals(ticker, response),
      ),
      optionalPart(
        this.send(ticker, this.iexUrl(wire), keySent(key, signal), (response) => parseTiingoIexQuote(ticker, response)),
        "Tiingo's IEX quote gave no price",
        notes,
      ),
    ]);
    notes.push(`Tiingo's P/E and market cap are those of ${daily.date}; Tiingo publishes no EPS or forward P/E there`);
    return normalizeSnapshot(
      {
        symbol: ticker,
        provider: this.name,
        fetchedAt: this.settings.now(),
        kind: "equity",
        priceTime: quote?.time ?? null,
        priceCurrency: "USD",
        price: quote?.price ?? null,
        epsTrailing: null,
        epsForward: null,
        peTrailing: daily.peRatio,
        peForward: null,
        marketCap: daily.marketCap,
        sharesOutstanding: null,
        notes,
      },
      TIINGO_LABEL,
    );
  }
}

/** A request carrying the key in the Token header, the key redacted from the body. */
function keySent(key: string, signal: AbortSignal | undefined): LimitedRequest {
  return { signal, headers: { authorization: `Token ${key}` }, redactFromBody: [key] };
}
