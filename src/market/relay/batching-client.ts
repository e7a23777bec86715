import { DailySeries, HistoryProvider, HistoryRequest, normalizeBaseUrl } from "../core";
import { relaySeriesFromJson } from "./errors";
import { batchPath, MAX_BATCH_SYMBOLS } from "./protocol";
import { RelayBatcher, RelayResultFormat } from "./relay-batcher";
import type { Ticker } from "../core";

/** How long calls are collected before they go out together: one recalculation's burst. */
export const DEFAULT_BATCH_WINDOW_MS = 10;
/** Above the relay's own wait for a full batch (several rounds of upstream requests). */
export const DEFAULT_BATCH_TIMEOUT_MS = 60_000;

export interface BatchingRelayProviderOptions {
  /** The add-in's server, e.g. https://localhost:3000 (trailing slash tolerated). */
  serverUrl: string;
  /** Upstream provider the server should use, e.g. "yahoo". */
  provider: string;
  /** The analyst's own key for this provider, sent in the x-mkt-api-key header; null uses the server's. */
  apiKey?: string | null;
  /**
   * The plan tier of that key ("free", "premium-75"…), sent beside it in the x-mkt-plan header so the
   * server keeps the key to that plan's limits. Ignored without a key (the team key has the server's plan).
   */
  plan?: string | null;
  windowMs?: number;
  /** Limit for one batch request, body included. */
  timeoutMs?: number;
  /** Symbols per request, at most MAX_BATCH_SYMBOLS. */
  maxBatchSymbols?: number;
}

/** The relay settings both batching clients share, from their options; `path` is the batch route's. */
export function relaySettings(options: BatchingRelayProviderOptions, path: string) {
  const apiKey = options.apiKey?.trim() || null;
  return {
    url: normalizeBaseUrl(options.serverUrl, "serverUrl") + path,
    apiKey,
    plan: apiKey === null ? null : options.plan?.trim() || null,
    windowMs: options.windowMs ?? DEFAULT_BATCH_WINDOW_MS,
    timeoutMs: options.timeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS,
    maxBatch: Math.max(1, Math.min(options.maxBatchSymbols ?? MAX_BATCH_SYMBOLS, MAX_BATCH_SYMBOLS)),
  };
}

const SERIES_RESULTS: RelayResultFormat<DailySeries> = {
  field: "series",
  batchOf: "a batch of price series",
  fromJson: relaySeriesFromJson,
};

/**
 * Used inside Excel: gathers the history calls made within a few milliseconds (a recalculation)
 * and asks the add-in's server for them in one POST /api/batch/{provider} per MAX_BATCH_SYMBOLS
 * symbols (see RelayBatcher): each symbol once however many calls want it, each call settled on its
 * own, a caller's abort rejecting that call at once.
 */
export class BatchingRelayProvider implements HistoryProvider {
  readonly name: string;
  private readonly batcher: RelayBatcher<DailySeries>;

  constructor(options: BatchingRelayProviderOptions) {
    this.name = options.provider;
    this.batcher = new RelayBatcher({ ...relaySettings(options, batchPath(options.provider)), format: SERIES_RESULTS });
  }

  /** Full histories only: the batch protocol has no start date, so `request.since` is ignored. */
  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    return this.batcher.call(ticker, request.signal);
  }
}
