import { parseFmpDailyPrices } from "./parse";
import { fmpSymbol } from "./symbol";
import { DailySeries, HistoryProvider, HistoryRequest, Ticker, isoDateOfTradingDay, startDayOf, TradingDay } from "../../core";
import { fetchProviderText, ProviderOptions, ProviderSettings, providerSettings, withKeySafety } from "../shared";

export const DEFAULT_FMP_URL = "https://financialmodelingprep.com";
export const DEFAULT_FMP_TIMEOUT_MS = 20_000;
export const FMP_LABEL = "Financial Modeling Prep";

/**
 * Daily history from FMP's current ("stable") end-of-day endpoint,
 * `/stable/historical-price-eod/full?symbol=…[&from=YYYY-MM-DD]&apikey=…`.
 * The legacy `/api/v3/historical-price-full/{symbol}` (which had `adjClose`) answers 403 "Legacy
 * Endpoint" to every key created after 2025-08-31, so a free key today can only use the stable one.
 * Its rows have no adjusted close (FMP serves those from a separate dividend-adjusted endpoint,
 * which would double the calls against a 250-a-day quota): adjClose = close, adjusted = false.
 * Without `from`, FMP decides how far back the answer goes (the free plan covers 5 years).
 * FMP takes the key only as the `apikey` query parameter, so every failure is passed through
 * keySafeError before it leaves this class: network errors can quote the URL.
 */
export class FmpProvider implements HistoryProvider {
  readonly name = "fmp";
  private readonly settings: ProviderSettings;

  constructor(options: ProviderOptions) {
    this.settings = providerSettings(FMP_LABEL, options, DEFAULT_FMP_TIMEOUT_MS);
  }

  /** The request URL; it contains the key, so it must never be logged or put in a message. */
  dailyPricesUrl(symbol: string, key: string, since?: TradingDay): string {
    const from = since === undefined ? "" : `&from=${isoDateOfTradingDay(since)}`;
    return (
      `${this.settings.baseUrl}/stable/historical-price-eod/full?symbol=${encodeURIComponent(symbol)}${from}` +
      `&apikey=${encodeURIComponent(key)}`
    );
  }

  /** Refuses (unknown-symbol) a ticker fmpSymbol cannot spell for this provider, before any request. */
  checkTicker(ticker: Ticker): void {
    fmpSymbol(ticker);
  }

  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    return withKeySafety(this.settings, this.name, ticker, async (key) => {
      const since = startDayOf(request.since);
      // FMP's spelling in the URL (BRK-B, EURUSD, BTCUSD); the series keeps the analyst's ticker.
      const response = await fetchProviderText(this.settings, this.dailyPricesUrl(fmpSymbol(ticker), key, since), {
        symbol: ticker,
        signal: request.signal,
      });
      return parseFmpDailyPrices(ticker, response, this.settings.now(), since);
    });
  }
}
