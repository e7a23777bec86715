import { normalizeBaseUrl } from "./base-url";
import { fetchText } from "./fetch-text";
import { readRelaySeries, relayError } from "./relay-errors";
import { historyPath } from "./relay-protocol";
import { normalizeSymbol } from "./symbols";
import { DailySeries, HistoryProvider, HistoryRequest } from "./types";

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
    if (response.status === 200) return readRelaySeries(normalized, response.body);
    throw relayError(normalized, response);
  }
}
