import { parseFmpDailyPrices } from "./fmp-parse";
import { isoDateOfTradingDay, startDayOf } from "./iso-date";
import { fetchProviderText, KeyedProviderSettings, keyedProviderSettings, withKeySafety } from "./keyed-provider";
import { ProviderOptions, ProviderSpec } from "./provider-spec";
import { DailySeries, HistoryProvider, HistoryRequest, TradingDay } from "./types";

export const DEFAULT_FMP_URL = "https://financialmodelingprep.com";
export const DEFAULT_FMP_TIMEOUT_MS = 20_000;
const LABEL = "Financial Modeling Prep";

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
  private readonly settings: KeyedProviderSettings;

  constructor(options: ProviderOptions) {
    this.settings = keyedProviderSettings(LABEL, options, DEFAULT_FMP_TIMEOUT_MS);
  }

  /** The request URL; it contains the key, so it must never be logged or put in a message. */
  dailyPricesUrl(symbol: string, key: string, since?: TradingDay): string {
    const from = since === undefined ? "" : `&from=${isoDateOfTradingDay(since)}`;
    return (
      `${this.settings.baseUrl}/stable/historical-price-eod/full?symbol=${encodeURIComponent(symbol)}${from}` +
      `&apikey=${encodeURIComponent(key)}`
    );
  }

  fetchHistory(symbol: string, request: HistoryRequest = {}): Promise<DailySeries> {
    return withKeySafety(this.settings, this.name, symbol, async (normalized, key) => {
      const since = startDayOf(request.since);
      const response = await fetchProviderText(this.settings, this.dailyPricesUrl(normalized, key, since), {
        symbol: normalized,
        signal: request.signal,
      });
      return parseFmpDailyPrices(normalized, response, this.settings.now(), since);
    });
  }
}

export const FMP_SPEC: ProviderSpec = {
  name: "fmp",
  label: LABEL,
  defaultBaseUrl: DEFAULT_FMP_URL,
  knownHosts: ["financialmodelingprep.com"],
  keyRequired: true,
  adjustedCloses: false,
  supportsSince: true,
  // Basic (free) plan: 250 calls a day, end-of-day data, 5 years of history, US listings
  // (site.financialmodelingprep.com/pricing, as summarised by api-evangelist/financial-modeling-prep
  // plans and rate-limits files, 2026-07). No per-minute limit is published for the free plan
  // (Starter is 300/min); 30/min and two in flight are our own pacing so a workbook's burst
  // does not spend the whole day's quota in seconds.
  freePlanLimits: { concurrency: 2, requestsPerMinute: 30, requestsPerDay: 250 },
  create: (options) => new FmpProvider(options),
};
