import type { EarningsHistory, MarketDataError, SeriesJson, TickerSnapshot } from "../core";
import { MarketErrorKind } from "../core";

/**
 * The contract between the add-in and its server's data relay:
 *   GET {server}/api/history/{provider}/{symbol}  ->  200 SeriesJson
 *                                                 ->  4xx/5xx RelayErrorBody
 */
export const RELAY_HISTORY_PATH = "/api/history";

/**
 * Many symbols in one round trip (a workbook recalculation):
 *   POST {server}/api/batch/{provider}  body BatchRequest  ->  200 BatchResponse
 * Per-symbol failures are inside the 200 answer; 4xx/5xx RelayErrorBody only when the whole
 * request is bad (unknown provider, malformed body, too many symbols, rate limited).
 */
export const RELAY_BATCH_PATH = "/api/batch";
export const MAX_BATCH_SYMBOLS = 100;

/** The analyst's own provider key, sent to our server in this header (never in a URL, so never in access logs). */
export const API_KEY_HEADER = "x-mkt-api-key";

export interface BatchRequest {
  symbols: string[];
}

export type BatchResult = { symbol: string; series: SeriesJson } | { symbol: string; error: RelayErrorBody };

export interface BatchResponse {
  /** One per requested symbol, in request order (symbols as sent). */
  results: BatchResult[];
}

export function batchPath(provider: string): string {
  return `${RELAY_BATCH_PATH}/${encodeURIComponent(provider)}`;
}

/**
 * Valuation snapshots of many symbols in one round trip, as for histories:
 *   POST {server}/api/snapshots/{provider}  body BatchRequest (at most MAX_BATCH_SYMBOLS)  ->  200 SnapshotBatchResponse
 * Per-symbol failures are inside the 200 answer (a refusal with retryAfterSeconds); 4xx/5xx
 * RelayErrorBody only when the whole request is bad.
 */
export const RELAY_SNAPSHOTS_PATH = "/api/snapshots";

export type SnapshotResult = { symbol: string; snapshot: TickerSnapshot } | { symbol: string; error: RelayErrorBody };

export interface SnapshotBatchResponse {
  /** One per requested symbol, in request order (symbols as sent). */
  results: SnapshotResult[];
}

export function snapshotsPath(provider: string): string {
  return `${RELAY_SNAPSHOTS_PATH}/${encodeURIComponent(provider)}`;
}

/**
 * A ticker's quarterly earnings history:
 *   GET {server}/api/earnings/{provider}/{symbol}  ->  200 EarningsHistory  |  4xx/5xx RelayErrorBody
 */
export const RELAY_EARNINGS_PATH = "/api/earnings";

/** The 200 body of GET /api/earnings (the EarningsHistory as JSON). */
export type EarningsResponse = EarningsHistory;

export function earningsPath(provider: string, symbol: string): string {
  return `${RELAY_EARNINGS_PATH}/${encodeURIComponent(provider)}/${encodeURIComponent(symbol)}`;
}

export interface RelayErrorBody {
  error: MarketErrorKind | "not-found" | "bad-request";
  message: string;
  /**
   * For "rate-limited" and "plan-limit": seconds from the answer until the request could be served
   * (the plan's next turn, the provider's Retry-After, midnight UTC for a used-up day), when known.
   * A batch's per-symbol errors have no Retry-After header of their own, so this carries it.
   */
  retryAfterSeconds?: number;
}

/** Whether a failure of this kind goes away by itself at a known time (the plan's next turn, the next day). */
export function isRefusalKind(kind: string): kind is "rate-limited" | "plan-limit" {
  return kind === "rate-limited" || kind === "plan-limit";
}

/**
 * The RelayErrorBody for a MarketDataError (`message` as it may be sent: redacted), with the time it
 * could be served for a rate-limited or plan-limit refusal that says so.
 */
export function relayErrorBodyOf(error: Pick<MarketDataError, "kind" | "retryAfterSeconds">, message: string): RelayErrorBody {
  const body: RelayErrorBody = { error: error.kind, message };
  const wait = error.retryAfterSeconds;
  if (isRefusalKind(error.kind) && typeof wait === "number" && Number.isFinite(wait) && wait >= 0) {
    body.retryAfterSeconds = Math.ceil(wait);
  }
  return body;
}

const STATUS_BY_KIND: Record<MarketErrorKind, number> = {
  "invalid-symbol": 400,
  "unknown-symbol": 404,
  "no-data": 422,
  "invalid-key": 401,
  "plan-limit": 403,
  "rate-limited": 429,
  "bad-response": 502,
  unavailable: 503,
};

export function statusForKind(kind: MarketErrorKind): number {
  return STATUS_BY_KIND[kind];
}

export function historyPath(provider: string, symbol: string): string {
  return `${RELAY_HISTORY_PATH}/${encodeURIComponent(provider)}/${encodeURIComponent(symbol)}`;
}

export function isMarketErrorKind(value: unknown): value is MarketErrorKind {
  return typeof value === "string" && Object.prototype.hasOwnProperty.call(STATUS_BY_KIND, value);
}
