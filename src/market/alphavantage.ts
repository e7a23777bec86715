import { parseAlphaVantageDaily } from "./alphavantage-parse";
import { fetchProviderText, KeyedProviderSettings, keyedProviderSettings, withKeySafety } from "./keyed-provider";
import { ProviderOptions, ProviderSpec } from "./provider-spec";
import { DailySeries, HistoryProvider, HistoryRequest } from "./types";

export const DEFAULT_ALPHAVANTAGE_URL = "https://www.alphavantage.co";
export const DEFAULT_ALPHAVANTAGE_TIMEOUT_MS = 30_000;
const LABEL = "Alpha Vantage";

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
  private readonly settings: KeyedProviderSettings;

  constructor(options: ProviderOptions) {
    this.settings = keyedProviderSettings(LABEL, options, DEFAULT_ALPHAVANTAGE_TIMEOUT_MS);
  }

  dailyUrl(symbol: string, key: string): string {
    return (
      `${this.settings.baseUrl}/query?function=TIME_SERIES_DAILY&symbol=${encodeURIComponent(symbol)}` +
      `&outputsize=full&datatype=json&apikey=${encodeURIComponent(key)}`
    );
  }

  fetchHistory(symbol: string, request: HistoryRequest = {}): Promise<DailySeries> {
    return withKeySafety(this.settings, this.name, symbol, async (normalized, key) => {
      const response = await fetchProviderText(this.settings, this.dailyUrl(normalized, key), {
        symbol: normalized,
        signal: request.signal,
        // Alpha Vantage's rate-limit notices echo the key; redacted before any of it is quoted or cut short.
        redactFromBody: [key],
      });
      return parseAlphaVantageDaily(normalized, response, this.settings.now());
    });
  }
}

export const ALPHAVANTAGE_SPEC: ProviderSpec = {
  name: "alphavantage",
  label: LABEL,
  defaultBaseUrl: DEFAULT_ALPHAVANTAGE_URL,
  knownHosts: ["www.alphavantage.co", "alphavantage.co"],
  keyRequired: true,
  adjustedCloses: false,
  supportsSince: false,
  // Free key: 25 requests a day since 2024 (alphavantage.co/support; home-assistant/home-assistant.io#31996,
  // "the free API changed their limits to 25 polls per day"), 5 a minute before that, plus a reported
  // burst limit of about 1 request a second (finance-quote#546, Dec 2025): one at a time, 5 a minute.
  freePlanLimits: { concurrency: 1, requestsPerMinute: 5, requestsPerDay: 25 },
  create: (options) => new AlphaVantageProvider(options),
};
