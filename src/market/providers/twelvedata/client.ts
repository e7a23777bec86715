import { DailySeries, HistoryProvider, HistoryRequest, Ticker, isoDateOfTradingDay, startDayOf, TradingDay } from "../../core";
import { fetchProviderText, ProviderOptions, ProviderSettings, providerSettings, withKeySafety } from "../shared";
import { parseTwelveDataTimeSeries } from "./parse";
import { twelveDataSymbol } from "./symbol";

export const DEFAULT_TWELVEDATA_URL = "https://api.twelvedata.com";
export const DEFAULT_TWELVEDATA_TIMEOUT_MS = 20_000;
export const TWELVEDATA_LABEL = "Twelve Data";
/** The most rows one /time_series request returns (support.twelvedata.com, "Getting historical data"). */
export const TWELVEDATA_MAX_ROWS = 5000;

/**
 * Daily history from Twelve Data's `/time_series?interval=1day`, the endpoint the free (Basic)
 * plan has for end-of-day bars, at one credit per request. Limits worth knowing:
 * - at most 5,000 rows per request, newest first, so a "full" history is the latest ~19.8 years;
 *   paging back with end_date would spend more of the 8 credits a minute on every long history;
 * - daily bars are split-adjusted but not dividend-adjusted (Twelve Data support, "Are the prices
 *   adjusted?"), and there is no adjusted-close column: adjClose = close, adjusted = false.
 * The key goes in the `Authorization: apikey …` header Twelve Data documents (twelvedata.com/auth.md),
 * never in the URL, so it stays out of access logs and error texts that quote URLs.
 */
export class TwelveDataProvider implements HistoryProvider {
  readonly name = "twelvedata";
  private readonly settings: ProviderSettings;

  constructor(options: ProviderOptions) {
    this.settings = providerSettings(TWELVEDATA_LABEL, options, DEFAULT_TWELVEDATA_TIMEOUT_MS);
  }

  /**
   * Without start_date the newest 5,000 bars; with it, only bars from that day (both ends inclusive).
   * `micCode` picks the exchange of a listing outside the US (twelveDataSymbol).
   */
  timeSeriesUrl(symbol: string, since?: TradingDay, micCode: string | null = null): string {
    const start = since === undefined ? "" : `&start_date=${isoDateOfTradingDay(since)}`;
    const exchange = micCode === null ? "" : `&mic_code=${encodeURIComponent(micCode)}`;
    return (
      `${this.settings.baseUrl}/time_series?symbol=${encodeURIComponent(symbol)}${exchange}` +
      `&interval=1day&outputsize=${TWELVEDATA_MAX_ROWS}&format=JSON${start}`
    );
  }

  /** Refuses (unknown-symbol) a ticker twelveDataSymbol cannot spell for this provider, before any request. */
  checkTicker(ticker: Ticker): void {
    twelveDataSymbol(ticker);
  }

  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    return withKeySafety(this.settings, this.name, ticker, async (key) => {
      const since = startDayOf(request.since);
      // Twelve Data's spelling in the URL (BRK.B, EUR/USD, WSU at XETR); the series keeps the analyst's ticker.
      const wire = twelveDataSymbol(ticker);
      const response = await fetchProviderText(this.settings, this.timeSeriesUrl(wire.symbol, since, wire.micCode), {
        symbol: ticker,
        signal: request.signal,
        headers: { authorization: `apikey ${key}` },
      });
      return parseTwelveDataTimeSeries(ticker, response, this.settings.now(), since);
    });
  }
}
