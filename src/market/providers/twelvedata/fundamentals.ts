import { DEFAULT_TWELVEDATA_TIMEOUT_MS, TWELVEDATA_LABEL } from "./client";
import { parseTwelveDataQuote, parseTwelveDataStatistics } from "./fundamentals-parse";
import { twelveDataSymbol } from "./symbol";
import { LimitedClient, normalizeSnapshot, optionalPart, ProviderOptions, ProviderText } from "../shared";
import { SnapshotOutcome, SnapshotProvider, SnapshotRequest, Ticker, TickerSnapshot } from "../../core";

/**
 * API credits of one /statistics symbol: Twelve Data weighs fundamentals more than prices ("premium
 * data (fundamentals, analysis) costs more", twelvedata.com/auth.md; 50 credits for /statistics in
 * stockfind's endpoint table). The plan counts credits, so the limiter takes 50 of them: more than
 * the free plan's 8 a minute, which is refused before any request (plan-limit).
 */
export const TWELVEDATA_STATISTICS_CREDITS = 50;
/** A /quote symbol: one credit, like a /time_series one. */
export const TWELVEDATA_QUOTE_CREDITS = 1;
export const TWELVEDATA_NO_EARNINGS =
  "Twelve Data's quarterly earnings (/earnings) are not read here: no recording of that endpoint exists to build its reader on";

/**
 * Valuation from Twelve Data (FORMATS.md §6): /statistics (P/Es, EPS ttm, market cap, shares; 50
 * credits) and /quote (the price; 1 credit), one ticker each. The key goes in the Authorization
 * header, as for histories.
 */
export class TwelveDataSnapshotProvider extends LimitedClient implements SnapshotProvider {
  readonly name = "twelvedata";
  readonly snapshotsPerRequest = 1;
  readonly earningsUnavailable = TWELVEDATA_NO_EARNINGS;

  constructor(options: ProviderOptions) {
    super(TWELVEDATA_LABEL, options, DEFAULT_TWELVEDATA_TIMEOUT_MS);
  }

  endpointUrl(endpoint: string, symbol: string, micCode: string | null): string {
    const exchange = micCode === null ? "" : `&mic_code=${encodeURIComponent(micCode)}`;
    return `${this.settings.baseUrl}/${endpoint}?symbol=${encodeURIComponent(symbol)}${exchange}`;
  }

  fetchSnapshots(tickers: readonly Ticker[], request: SnapshotRequest = {}): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    return this.keyedSnapshots(tickers, (ticker, key) => this.snapshot(ticker, key, request.signal));
  }

  private async snapshot(ticker: Ticker, key: string, signal?: AbortSignal): Promise<TickerSnapshot> {
    const notes: string[] = [];
    const statistics = await this.request("statistics", TWELVEDATA_STATISTICS_CREDITS, ticker, key, signal, (response) =>
      parseTwelveDataStatistics(ticker, response),
    );
    const quote = await optionalPart(
      this.request("quote", TWELVEDATA_QUOTE_CREDITS, ticker, key, signal, (response) => parseTwelveDataQuote(ticker, response)),
      "Twelve Data's quote gave no price",
      notes,
    );
    if (quote?.date !== null && quote?.date !== undefined) notes.push(`Twelve Data dates its price ${quote.date} without a time of day`);
    if (statistics.peForward !== null) notes.push("Twelve Data publishes a forward P/E but no forward EPS in /statistics");
    return normalizeSnapshot(
      {
        ...statistics,
        symbol: ticker,
        provider: this.name,
        fetchedAt: this.settings.now(),
        priceTime: null,
        priceCurrency: quote?.currency ?? statistics.priceCurrency,
        price: quote?.price ?? null,
        epsTrailingCurrency: statistics.priceCurrency,
        marketCapCurrency: statistics.priceCurrency,
        notes,
      },
      TWELVEDATA_LABEL,
    );
  }

  /** One request to `/<endpoint>` weighing `credits`, read by `parse` inside the limiter; the key in the header. */
  private request<T>(
    endpoint: string,
    credits: number,
    ticker: Ticker,
    key: string,
    signal: AbortSignal | undefined,
    parse: (response: ProviderText) => T,
  ): Promise<T> {
    const wire = twelveDataSymbol(ticker);
    const url = this.endpointUrl(endpoint, wire.symbol, wire.micCode);
    return this.send(ticker, url, { signal, headers: { authorization: `apikey ${key}` }, cost: credits }, parse);
  }
}
