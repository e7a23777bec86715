import { normalizeBaseUrl } from "./base-url";
import { fetchText, messageOf, TextResponse } from "./fetch-text";
import { historyPath, isMarketErrorKind } from "./relay-protocol";
import { parseRetryAfter } from "./retry-after";
import { seriesFromJson } from "./series-json";
import { normalizeSymbol } from "./symbols";
import { DailySeries, HistoryProvider, HistoryRequest, MarketDataError } from "./types";
import { describeNonJson, snippet, tryParseJson } from "./upstream-text";

/** Above Yahoo's own 20 s limit on the server, so the server's answer arrives first. */
export const DEFAULT_RELAY_TIMEOUT_MS = 30_000;
const SERVICE = "the data server";

export interface RelayProviderOptions {
  /** The add-in's server, e.g. https://localhost:3000 (trailing slash tolerated). */
  serverUrl: string;
  /** Upstream provider the server should use, e.g. "yahoo". */
  provider: string;
  timeoutMs?: number;
}

/** Used inside Excel: asks the add-in's server, which calls the provider and shares its cache. */
export class RelayProvider implements HistoryProvider {
  readonly name: string;
  private readonly serverUrl: string;
  private readonly timeoutMs: number;

  constructor(options: RelayProviderOptions) {
    this.serverUrl = normalizeBaseUrl(options.serverUrl, "serverUrl");
    this.name = options.provider;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_RELAY_TIMEOUT_MS;
  }

  historyUrl(symbol: string): string {
    return this.serverUrl + historyPath(this.name, symbol);
  }

  async fetchHistory(symbol: string, request: HistoryRequest = {}): Promise<DailySeries> {
    const normalized = normalizeSymbol(symbol);
    const response = await fetchText(this.historyUrl(normalized), {
      service: SERVICE,
      symbol: normalized,
      timeoutMs: this.timeoutMs,
      signal: request.signal,
      headers: { accept: "application/json" },
    });
    if (response.status === 200) return readSeries(normalized, response.body);
    throw relayError(normalized, response);
  }
}

function readSeries(symbol: string, body: string): DailySeries {
  const parsed = tryParseJson(body);
  if (!parsed.ok) {
    throw new MarketDataError("bad-response", `The data server sent ${describeNonJson(body)} for ${symbol} instead of a price series`, symbol);
  }
  try {
    return seriesFromJson(parsed.value);
  } catch (error) {
    throw new MarketDataError("bad-response", `The data server sent an unreadable price series for ${symbol}: ${messageOf(error)}`, symbol);
  }
}

function relayError(symbol: string, response: TextResponse): MarketDataError {
  const { status, body } = response;
  const retryAfter = parseRetryAfter(response.headers.get("retry-after"), Date.now());
  const parsed = tryParseJson(body);
  const error = parsed.ok && isRecord(parsed.value) ? parsed.value.error : undefined;
  const serverMessage = parsed.ok && isRecord(parsed.value) && typeof parsed.value.message === "string"
    ? snippet(parsed.value.message, 600)
    : "";
  if (isMarketErrorKind(error)) {
    const message = serverMessage || `The data server reported ${error} (HTTP ${status}) for ${symbol}`;
    return new MarketDataError(error, message, symbol, error === "rate-limited" ? retryAfter : null);
  }
  if (error === "not-found") {
    return new MarketDataError("unavailable", `The data server cannot serve ${symbol}: ${serverMessage || `HTTP ${status}`}`, symbol);
  }
  if (error === "bad-request") {
    return new MarketDataError("bad-response", `The data server rejected the request for ${symbol}: ${serverMessage || `HTTP ${status}`}`, symbol);
  }
  // Not our protocol: typically a proxy or gateway page in front of the server.
  const what = parsed.ok ? "an unexpected JSON error" : describeNonJson(body);
  if (status === 429) {
    return new MarketDataError("rate-limited", `The data server is rate-limiting requests (HTTP 429) for ${symbol}`, symbol, retryAfter);
  }
  if (status >= 500) {
    return new MarketDataError("unavailable", `The data server is unavailable (HTTP ${status}, ${what}) for ${symbol}`, symbol);
  }
  return new MarketDataError("bad-response", `The data server answered HTTP ${status} with ${what} for ${symbol}`, symbol);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
