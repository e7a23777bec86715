import { requireApiKey } from "./api-key";
import { normalizeBaseUrl } from "./base-url";
import { fetchText } from "./fetch-text";
import { isoDateOfTradingDay, startDayOf } from "./iso-date";
import { keySafeError } from "./key-safe-error";
import { ProviderOptions, ProviderSpec } from "./provider-spec";
import { redactSecrets } from "./redact";
import { parseRetryAfter } from "./retry-after";
import { normalizeSymbol } from "./symbols";
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
  private readonly baseUrl: string;
  private readonly apiKey: string | null;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(options: ProviderOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl, `${LABEL} base URL`);
    this.apiKey = options.apiKey;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIINGO_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  pricesUrl(symbol: string, since?: TradingDay): string {
    const start = since === undefined ? TIINGO_FULL_HISTORY_START : isoDateOfTradingDay(since);
    return `${this.baseUrl}/tiingo/daily/${encodeURIComponent(symbol)}/prices?startDate=${start}&resampleFreq=daily&format=json`;
  }

  async fetchHistory(symbol: string, request: HistoryRequest = {}): Promise<DailySeries> {
    try {
      const normalized = normalizeSymbol(symbol);
      const key = requireApiKey(LABEL, this.name, this.apiKey, normalized);
      const since = startDayOf(request.since);
      const response = await fetchText(this.pricesUrl(normalized, since), {
        service: LABEL,
        symbol: normalized,
        timeoutMs: this.timeoutMs,
        signal: request.signal,
        headers: { accept: "application/json", authorization: `Token ${key}` },
      });
      const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"), this.now());
      // Redacted before any of it can be quoted (and cut short) in a message.
      const body = redactSecrets(response.body, [key]);
      return parseTiingoDailyPrices(normalized, { status: response.status, body, retryAfterSeconds }, this.now(), since);
    } catch (error) {
      throw keySafeError(error, [this.apiKey], LABEL);
    }
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
