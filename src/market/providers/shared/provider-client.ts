import {
  fetchText,
  KeyAdvice,
  normalizeBaseUrl,
  parseRetryAfter,
  redactSecrets,
  requireApiKey,
  SERVER_KEY_ADVICE,
  Ticker,
} from "../../core";
import { keySafeError } from "./key-safe-error";
import { ProviderOptions } from "./provider-spec";

/** What every provider client resolves from its ProviderOptions. */
export interface ProviderSettings {
  /** For messages: "Twelve Data". */
  readonly label: string;
  /** Normalized: no trailing slash. */
  readonly baseUrl: string;
  /** As configured (untrimmed); null when none is. Every error is redacted against it. */
  readonly apiKey: string | null;
  readonly timeoutMs: number;
  readonly now: () => number;
  /** Where keys come from, for messages about a missing or unusable key (ProviderContext). */
  readonly keyAdvice: KeyAdvice;
  /** Appended to "host name not found" failures (ProviderContext); undefined adds nothing. */
  readonly hostNotFoundHint?: string;
  /** Longest answer read (its spec's maxBodyBytes, or DEFAULT_MAX_BODY_BYTES); a longer one is a bad-response. */
  readonly maxBodyBytes: number;
}

/** Body cap of a provider built without one (its spec states its own): far above any daily history. */
const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/** `options` resolved for provider `label`: base URL normalized (throws a plain Error when not http(s)), defaults filled in. */
export function providerSettings(label: string, options: ProviderOptions, defaultTimeoutMs: number): ProviderSettings {
  return {
    label,
    baseUrl: normalizeBaseUrl(options.baseUrl, `${label} base URL`),
    apiKey: options.apiKey ?? null,
    timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
    now: options.now ?? Date.now,
    keyAdvice: options.keyAdvice ?? SERVER_KEY_ADVICE,
    hostNotFoundHint: options.hostNotFoundHint,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
  };
}

/**
 * `run()`, with every failure turned into a MarketDataError whose message cannot contain the
 * configured key (network errors may quote a URL that carries it; providers may echo it).
 */
export async function withSafeErrors<T>(settings: ProviderSettings, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw keySafeError(error, [settings.apiKey], settings.label);
  }
}

/** `run(key)` for a provider that needs a key: the key required before any request, failures as in withSafeErrors. */
export function withKeySafety<T>(
  settings: ProviderSettings,
  providerName: string,
  ticker: Ticker,
  run: (key: string) => Promise<T>,
): Promise<T> {
  return withSafeErrors(settings, () => run(requireApiKey(settings.label, providerName, settings.apiKey, ticker, settings.keyAdvice)));
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
export async function fetchProviderText(settings: ProviderSettings, url: string, options: FetchProviderTextOptions): Promise<ProviderText> {
  const response = await fetchText(url, {
    service: settings.label,
    symbol: options.symbol,
    timeoutMs: settings.timeoutMs,
    signal: options.signal,
    headers: { accept: "application/json", ...options.headers },
    hostNotFoundHint: settings.hostNotFoundHint,
    maxBodyBytes: settings.maxBodyBytes,
  });
  const retryAfterSeconds = parseRetryAfter(response.headers.get("retry-after"), settings.now());
  const body = options.redactFromBody === undefined ? response.body : redactSecrets(response.body, options.redactFromBody);
  return { status: response.status, body, retryAfterSeconds };
}
