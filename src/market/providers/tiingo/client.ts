import { DailySeries, HistoryProvider, HistoryRequest, Ticker, isoDateOfTradingDay, startDayOf, TradingDay } from "../../core";
import { fetchProviderText, ProviderOptions, ProviderSettings, providerSettings, withKeySafety } from "../shared";
import { parseTiingoDailyPrices } from "./parse";
import { tiingoSymbol } from "./symbol";

export const DEFAULT_TIINGO_URL = "https://api.tiingo.com";
export const DEFAULT_TIINGO_TIMEOUT_MS = 20_000;
export const TIINGO_LABEL = "Tiingo";
/**
 * Without a startDate Tiingo answers only the latest bar, so a full history asks from a date
 * before any listing it carries (some US histories start in the 1960s).
 */
export const TIINGO_FULL_HISTORY_START = "1900-01-01";

/**
 * Daily history from Tiingo's end-of-day endpoint, GET /tiingo/daily/{ticker}/prices?startDate=…
 * &resampleFreq=daily&format=json, which every account (free included) has: raw OHLCV plus
 * split- and dividend-adjusted `adjClose` (CRSP method), so the series is `adjusted`. `since`
 * becomes `startDate`. The key travels as `Authorization: Token`, never in a URL.
 */
export class TiingoProvider implements HistoryProvider {
  readonly name = "tiingo";
  private readonly settings: ProviderSettings;

  constructor(options: ProviderOptions) {
    this.settings = providerSettings(TIINGO_LABEL, options, DEFAULT_TIINGO_TIMEOUT_MS);
  }

  pricesUrl(symbol: string, since?: TradingDay): string {
    const start = since === undefined ? TIINGO_FULL_HISTORY_START : isoDateOfTradingDay(since);
    return `${this.settings.baseUrl}/tiingo/daily/${encodeURIComponent(symbol)}/prices?startDate=${start}&resampleFreq=daily&format=json`;
  }

  /** Refuses (unknown-symbol) a ticker tiingoSymbol cannot spell for this provider, before any request. */
  checkTicker(ticker: Ticker): void {
    tiingoSymbol(ticker);
  }

  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    return withKeySafety(this.settings, this.name, ticker, async (key) => {
      const since = startDayOf(request.since);
      // Tiingo's spelling in the URL (BRK-B); the series keeps the analyst's ticker.
      const response = await fetchProviderText(this.settings, this.pricesUrl(tiingoSymbol(ticker), since), {
        symbol: ticker,
        signal: request.signal,
        headers: { authorization: `Token ${key}` },
        redactFromBody: [key],
      });
      return parseTiingoDailyPrices(ticker, response, this.settings.now(), since);
    });
  }
}
