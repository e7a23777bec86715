import { requireApiKey } from "./api-key";
import { normalizeBaseUrl } from "./base-url";
import { fetchText } from "./fetch-text";
import { keySafeError } from "./key-safe-error";
import { ProviderOptions } from "./provider-spec";
import { redactSecrets } from "./redact";
import { parseRetryAfter } from "./retry-after";
import { normalizeSymbol } from "./symbols";

/** What every keyed provider (Alpha Vantage, FMP, Polygon, Tiingo, Twelve Data) resolves from its ProviderOptions. */
export interface KeyedProviderSettings {
  /** For messages: "Twelve Data". */
  readonly label: string;
  /** Normalized: no trailing slash. */
  readonly baseUrl: string;
  /** As configured (untrimmed); null when none is. Every error is redacted against it. */
  readonly apiKey: string | null;
  readonly timeoutMs: number;
  readonly now: () => number;
}

/** `options` resolved for provider `label`: base URL normalized (throws a plain Error when not http(s)), defaults filled in. */
export function keyedProviderSettings(label: string, options: ProviderOptions, defaultTimeoutMs: number): KeyedProviderSettings {
  return {
    label,
    baseUrl: normalizeBaseUrl(options.baseUrl, `${label} base URL`),
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    now: options.now ?? Date.now,
  };
}

/**
 * `run(normalizedSymbol, key)` for provider `providerName`: the symbol normalized and the key
 * required before any request, and every failure passed through keySafeError so the key can
 * never reach a message.
 */
export async function withKeySafety<T>(
  settings: KeyedProviderSettings,
  providerName: string,
  symbol: string,
  run: (normalized: string, key: string) => Promise<T>,
): Promise<T> {
  try {
    const normalized = normalizeSymbol(symbol);
    const key = requireApiKey(settings.label, providerName, settings.apiKey, normalized);
    return await run(normalized, key);
  } catch (error) {
    throw keySafeError(error, [settings.apiKey], settings.label);
  }
}

/** An upstream answer as the provider parsers take it. */
export interface ProviderText {
  readonly status: number;
  readonly body: string;
  readonly retryAfterSeconds: number | null;
}

export interface FetchProviderTextOptions {
  readonly symbol: string;
  readonly signal?: AbortSignal;
  /** Sent besides `accept: application/json` (e.g. the authorization header carrying the key). */
  readonly headers?: Record<string, string>;
  /** Secrets replaced in the body before any of it can be quoted (and cut short) in a message. */
  readonly redactFromBody?: readonly string[];
}

/** GET `url` as JSON with the provider's timeout; the status, body and Retry-After (in seconds, or null). */
export async function fetchProviderText(settings: KeyedProviderSettings, url: string, options: FetchProviderTextOptions): Promise<ProviderText> {
  const response = await fetchText(url, {
    service: settings.label,
    symbol: options.symbol,
    timeoutMs: settings.timeoutMs,
    signal: options.signal,
    headers: { accept: "application/json", ...options.headers },
  });
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"), settings.now());
  const body = options.redactFromBody === undefined ? response.body : redactSecrets(response.body, options.redactFromBody);
  return { status: response.status, body, retryAfterSeconds };
}
