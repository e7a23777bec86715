import { DailySeries, HistoryProvider, HistoryRequest, Ticker } from "../../core";
import { fetchProviderText, ProviderOptions, ProviderSettings, providerSettings, withSafeErrors } from "../shared";
import { parseYahooChart } from "./parse";
import { yahooSymbol } from "./symbol";

export const DEFAULT_YAHOO_URL = "https://query2.finance.yahoo.com";
export const DEFAULT_YAHOO_TIMEOUT_MS = 20_000;

/** Yahoo's own name in messages ("Yahoo is rate-limiting…"); the spec's label is "Yahoo Finance". */
const MESSAGE_LABEL = "Yahoo";

/** Full daily history from Yahoo's v8 chart API. Node only: Yahoo sends no CORS headers. No key. */
export class YahooProvider implements HistoryProvider {
  readonly name = "yahoo";
  private readonly settings: ProviderSettings;

  constructor(options: ProviderOptions) {
    this.settings = providerSettings(MESSAGE_LABEL, options, DEFAULT_YAHOO_TIMEOUT_MS);
  }

  /** From `since` (a trading day; the UTC midnight starting it) or from the start of history; `symbol` as Yahoo spells it. */
  chartUrl(symbol: string, since?: number): string {
    const period1 = since === undefined ? 0 : Math.max(0, since * 86_400);
    const period2 = Math.floor(this.settings.now() / 1000);
    return (
      `${this.settings.baseUrl}/v8/finance/chart/${encodeURIComponent(symbol)}` +
      `?period1=${period1}&period2=${period2}&interval=1d&events=div%7Csplit&includeAdjustedClose=true`
    );
  }

  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    return withSafeErrors(this.settings, async () => {
      // BRK.B goes out as BRK-B; the series keeps the analyst's ticker.
      const response = await fetchProviderText(this.settings, this.chartUrl(yahooSymbol(ticker), request.since), {
        symbol: ticker,
        signal: request.signal,
      });
      return parseYahooChart(ticker, response, this.settings.now());
    });
  }
}
