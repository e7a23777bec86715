import {
  DailySeries,
  describeNonJson,
  isRecord,
  MarketDataError,
  messageOf,
  parseRetryAfter,
  seriesFromJson,
  snippet,
  tryParseJson,
} from "../core";
import { earningsFromJson, snapshotFromJson } from "../store";
import type { EarningsHistory, TickerSnapshot } from "../core";
import { isMarketErrorKind, isRefusalKind, statusForKind } from "./protocol";

/**
 * How the add-in reads its data server's answers (for the batching relay client): series bodies,
 * RelayErrorBody objects and whatever a proxy sends instead.
 */

/** What the relay answered: status, Retry-After and the body text. */
export interface RelayAnswer {
  readonly status: number;
  readonly headers: Pick<Headers, "get">;
  readonly body: string;
}

/** A SeriesJson value already parsed (e.g. one result of a batch) as a DailySeries. */
export function relaySeriesFromJson(symbol: string, value: unknown): DailySeries {
  try {
    return seriesFromJson(value);
  } catch (error) {
    throw new MarketDataError("bad-response", `The data server sent an unreadable price series for ${symbol}: ${messageOf(error)}`, symbol);
  }
}

/** A snapshot's JSON already parsed (one result of a snapshot batch), checked, for `symbol`. */
export function relaySnapshotFromJson(symbol: string, value: unknown): TickerSnapshot {
  return checked(symbol, "valuation snapshot", () => snapshotFromJson(value));
}

/** An earnings history's JSON already parsed, checked, for `symbol`. */
export function relayEarningsFromJson(symbol: string, value: unknown): EarningsHistory {
  return checked(symbol, "earnings history", () => earningsFromJson(value));
}

function checked<T>(symbol: string, what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new MarketDataError("bad-response", `The data server sent an unreadable ${what} for ${symbol}: ${messageOf(error)}`, symbol);
  }
}

/** A body's retryAfterSeconds when it is a usable number of seconds; null otherwise. */
function bodyRetryAfter(value: Record<string, unknown>): number | null {
  const seconds = value.retryAfterSeconds;
  return typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

/**
 * A RelayErrorBody (already parsed) as the MarketDataError the add-in reports; null when `value`
 * is not one. `status` is the HTTP status it came with (a batch's per-symbol errors have none of
 * their own: pass statusOfErrorBody). A refusal (rate-limited, plan-limit) keeps when it could be
 * served: the body's retryAfterSeconds, else `retryAfterSeconds` (the answer's Retry-After header).
 */
export function relayErrorFromBody(
  symbol: string,
  value: unknown,
  status: number,
  retryAfterSeconds: number | null,
): MarketDataError | null {
  if (!isRecord(value)) return null;
  const error = value.error;
  const serverMessage = typeof value.message === "string" ? snippet(value.message, 600) : "";
  if (isMarketErrorKind(error)) {
    const message = serverMessage || `The data server reported ${error} (HTTP ${status}) for ${symbol}`;
    const retryAfter = isRefusalKind(error) ? (bodyRetryAfter(value) ?? retryAfterSeconds) : null;
    return new MarketDataError(error, message, symbol, retryAfter);
  }
  if (error === "not-found") {
    return new MarketDataError("unavailable", `The data server cannot serve ${symbol}: ${serverMessage || `HTTP ${status}`}`, symbol);
  }
  if (error === "bad-request") {
    return new MarketDataError(
      "bad-response",
      `The data server rejected the request for ${symbol}: ${serverMessage || `HTTP ${status}`}`,
      symbol,
    );
  }
  return null;
}

/** The status a per-symbol error body stands for (its kind's, as if it had been answered alone). */
export function statusOfErrorBody(value: unknown): number {
  const error = isRecord(value) ? value.error : undefined;
  if (isMarketErrorKind(error)) return statusForKind(error);
  return error === "not-found" ? 404 : 400;
}

/** Any answer that is not a 200 series, as a MarketDataError for `symbol`. */
export function relayError(symbol: string, answer: RelayAnswer): MarketDataError {
  const { status, body } = answer;
  const retryAfter = parseRetryAfter(answer.headers.get("retry-after"), Date.now());
  const parsed = tryParseJson(body);
  const fromBody = parsed.ok ? relayErrorFromBody(symbol, parsed.value, status, retryAfter) : null;
  if (fromBody !== null) return fromBody;
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
