import { parseAlphaVantageDaily } from "./parse";
import { alphaVantageSymbol } from "./symbol";
import { fetchProviderText, ProviderOptions, ProviderSettings, providerSettings, withKeySafety } from "../shared";
import { DailySeries, HistoryProvider, HistoryRequest, Ticker } from "../../core";

export const DEFAULT_ALPHAVANTAGE_URL = "https://www.alphavantage.co";
export const DEFAULT_ALPHAVANTAGE_TIMEOUT_MS = 30_000;
export const ALPHAVANTAGE_LABEL = "Alpha Vantage";

/**
 * Daily history from Alpha Vantage's TIME_SERIES_DAILY with outputsize=full (20+ years, one
 * request). TIME_SERIES_DAILY_ADJUSTED would give split+dividend adjusted closes, but it has been
 * premium-only since 2023 (RomelTorres/alpha_vantage#349), so a free key gets as-traded prices:
 * adjClose = close, adjusted = false. The API has no start-date parameter, so `since` is ignored
 * and every fetch is the full history. Alpha Vantage only accepts the key as `apikey=` in the
 * query; every error leaving this provider is passed through keySafeError so the URL-borne key
 * can never reach a message.
 */
export class AlphaVantageProvider implements HistoryProvider {
  readonly name = "alphavantage";
  private readonly settings: ProviderSettings;

  constructor(options: ProviderOptions) {
    this.settings = providerSettings(ALPHAVANTAGE_LABEL, options, DEFAULT_ALPHAVANTAGE_TIMEOUT_MS);
  }

  dailyUrl(symbol: string, key: string): string {
    return (
      `${this.settings.baseUrl}/query?function=TIME_SERIES_DAILY&symbol=${encodeURIComponent(symbol)}` +
      `&outputsize=full&datatype=json&apikey=${encodeURIComponent(key)}`
    );
  }

  /** Refuses (unknown-symbol) a ticker alphaVantageSymbol cannot spell for this provider, before any request. */
  checkTicker(ticker: Ticker): void {
    alphaVantageSymbol(ticker);
  }

  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    return withKeySafety(this.settings, this.name, ticker, async (key) => {
      // Alpha Vantage's spelling in the URL (BRK-B, VOD.LON); the series keeps the analyst's ticker.
      const response = await fetchProviderText(this.settings, this.dailyUrl(alphaVantageSymbol(ticker), key), {
        symbol: ticker,
        signal: request.signal,
        // Alpha Vantage's rate-limit notices echo the key; redacted before any of it is quoted or cut short.
        redactFromBody: [key],
      });
      return parseAlphaVantageDaily(ticker, response, this.settings.now());
    });
  }
}
