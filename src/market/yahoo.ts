import { normalizeBaseUrl } from "./base-url";
import { fetchText, messageOf } from "./fetch-text";
import { parseRetryAfter } from "./retry-after";
import { normalizeSymbol } from "./symbols";
import { DailySeries, HistoryProvider, HistoryRequest, MarketDataError } from "./types";
import { parseYahooChart } from "./yahoo-parse";
import { ProviderSpec } from "./provider-spec";

export const DEFAULT_YAHOO_URL = "https://query2.finance.yahoo.com";
export const DEFAULT_YAHOO_TIMEOUT_MS = 20_000;

export interface YahooProviderOptions {
  baseUrl?: string;
  timeoutMs?: number;
  now?: () => number;
}

/** Full daily history from Yahoo's v8 chart API. Node only: Yahoo sends no CORS headers. */
export class YahooProvider implements HistoryProvider {
  readonly name = "yahoo";
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(options: YahooProviderOptions = {}) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_YAHOO_URL, "Yahoo base URL");
    this.timeoutMs = options.timeoutMs ?? DEFAULT_YAHOO_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /** From `since` (a trading day; the UTC midnight starting it) or from the start of history. */
  chartUrl(symbol: string, since?: number): string {
    const period1 = since === undefined ? 0 : Math.max(0, since * 86_400);
    const period2 = Math.floor(this.now() / 1000);
    return (
      `${this.baseUrl}/v8/finance/chart/${encodeURIComponent(symbol)}` +
      `?period1=${period1}&period2=${period2}&interval=1d&events=div%7Csplit&includeAdjustedClose=true`
    );
  }

  async fetchHistory(symbol: string, request: HistoryRequest = {}): Promise<DailySeries> {
    try {
      const normalized = normalizeSymbol(symbol);
      const response = await fetchText(this.chartUrl(normalized, request.since), {
        service: "Yahoo",
        symbol: normalized,
        timeoutMs: this.timeoutMs,
        signal: request.signal,
        headers: { accept: "application/json" },
      });
      const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"), this.now());
      return parseYahooChart(normalized, { status: response.status, body: response.body, retryAfterSeconds }, this.now());
    } catch (error) {
      if (error instanceof MarketDataError) throw error;
      throw new MarketDataError("bad-response", `Unexpected failure reading Yahoo data: ${messageOf(error)}`, null);
    }
  }
}

export const YAHOO_SPEC: ProviderSpec = {
  name: "yahoo",
  label: "Yahoo Finance",
  defaultBaseUrl: DEFAULT_YAHOO_URL,
  knownHosts: ["query1.finance.yahoo.com", "query2.finance.yahoo.com"],
  keyRequired: false,
  adjustedCloses: true,
  supportsSince: true,
  // Yahoo publishes no limits; it answers bursts with plain-text 429s. Eight requests in flight
  // and a generous rate keep a 500-ticker workbook to seconds while staying polite.
  freePlanLimits: { concurrency: 8, requestsPerMinute: 12_000, requestsPerDay: null },
  create: (options) => new YahooProvider(options),
};
