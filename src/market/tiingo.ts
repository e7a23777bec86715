import { isoDateOfTradingDay, startDayOf } from "./iso-date";
import { fetchProviderText, KeyedProviderSettings, keyedProviderSettings, withKeySafety } from "./keyed-provider";
import { ProviderOptions, ProviderSpec } from "./provider-spec";
import { parseTiingoDailyPrices } from "./tiingo-parse";
import { DailySeries, HistoryProvider, HistoryRequest, TradingDay } from "./types";

export const DEFAULT_TIINGO_URL = "https://api.tiingo.com";
export const DEFAULT_TIINGO_TIMEOUT_MS = 20_000;
const LABEL = "Tiingo";
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
  private readonly settings: KeyedProviderSettings;

  constructor(options: ProviderOptions) {
    this.settings = keyedProviderSettings(LABEL, options, DEFAULT_TIINGO_TIMEOUT_MS);
  }

  pricesUrl(symbol: string, since?: TradingDay): string {
    const start = since === undefined ? TIINGO_FULL_HISTORY_START : isoDateOfTradingDay(since);
    return `${this.settings.baseUrl}/tiingo/daily/${encodeURIComponent(symbol)}/prices?startDate=${start}&resampleFreq=daily&format=json`;
  }

  fetchHistory(symbol: string, request: HistoryRequest = {}): Promise<DailySeries> {
    return withKeySafety(this.settings, this.name, symbol, async (normalized, key) => {
      const since = startDayOf(request.since);
      const response = await fetchProviderText(this.settings, this.pricesUrl(normalized, since), {
        symbol: normalized,
        signal: request.signal,
        headers: { authorization: `Token ${key}` },
        redactFromBody: [key],
      });
      return parseTiingoDailyPrices(normalized, response, this.settings.now(), since);
    });
  }
}

export const TIINGO_SPEC: ProviderSpec = {
  name: "tiingo",
  label: LABEL,
  defaultBaseUrl: DEFAULT_TIINGO_URL,
  knownHosts: ["api.tiingo.com"],
  keyRequired: true,
  adjustedCloses: true,
  supportsSince: true,
  // Free plan: 50 requests an hour and 1,000 a day, 500 unique symbols a month (tiingo.com/about/pricing,
  // as summarised in api-evangelist/tiingo rate-limits: "Power User (Free) … 50 requests per hour").
  // The sustained rate is therefore below one request a minute.
  freePlanLimits: { concurrency: 1, requestsPerMinute: 50 / 60, requestsPerDay: 1000 },
  create: (options) => new TiingoProvider(options),
};
