import { MarketErrorKind } from "./types";

/**
 * The contract between the add-in and its server's data relay:
 *   GET {server}/api/history/{provider}/{symbol}  ->  200 SeriesJson
 *                                                 ->  4xx/5xx RelayErrorBody
 */
export const RELAY_HISTORY_PATH = "/api/history";

export interface RelayErrorBody {
  error: MarketErrorKind | "not-found" | "bad-request";
  message: string;
}

const STATUS_BY_KIND: Record<MarketErrorKind, number> = {
  "invalid-symbol": 400,
  "unknown-symbol": 404,
  "no-data": 422,
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
