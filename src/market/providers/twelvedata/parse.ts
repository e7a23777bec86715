import { ascendingUniqueBars, isBarProblem, readDatedBars, unadjustedSeries } from "../shared";
import {
  DailySeries,
  describeNonJson,
  isoDateOfTradingDay,
  isValidTimeZone,
  MarketDataError,
  snippet,
  TradingDay,
  tryParseJson,
} from "../../core";

const LABEL = "Twelve Data";
/** Used when `meta.exchange_timezone` is absent; the add-in is about US equities. */
export const TWELVEDATA_FALLBACK_TIME_ZONE = "America/New_York";

/** What came back from GET /time_series. */
export interface TwelveDataResponse {
  readonly status: number;
  readonly body: string;
  /** From a Retry-After header, when one was sent. */
  readonly retryAfterSeconds?: number | null;
}

interface ErrorBody {
  /** The body's own `code`, which need not match the HTTP status (errors often come with HTTP 200). */
  readonly code: number | null;
  readonly message: string;
}

/**
 * Turns a Twelve Data `/time_series?interval=1day` response into a DailySeries for `symbol`
 * (already normalized), or throws the MarketDataError that says what went wrong; never anything
 * else. `since` is only used to word the no-data message of a tail request.
 */
export function parseTwelveDataTimeSeries(
  symbol: string,
  response: TwelveDataResponse,
  fetchedAt: number,
  since?: TradingDay,
): DailySeries {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  const parsed = tryParseJson(body);
  const error = parsed.ok ? errorBody(parsed.value) : null;
  if (status >= 500 || (error?.code ?? 0) >= 500) {
    const signal = status >= 500 ? `HTTP ${status}` : `code ${error?.code}`;
    throw new MarketDataError("unavailable", `${LABEL} is unavailable (${signal}) for ${symbol}: try again later`, symbol);
  }
  if (error !== null) throw classifyError(symbol, status, error, retryAfter, since);
  if (status === 429) throw rateLimited(symbol, "HTTP 429", retryAfter, describeNonJson(body));
  if (!parsed.ok) throw badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of time-series JSON`);
  if (status !== 200) throw badResponse(symbol, `unexpected HTTP ${status}`);
  if (!isObject(parsed.value)) throw badResponse(symbol, "JSON that is not an object");
  return readSeries(symbol, parsed.value, fetchedAt, since);
}

/**
 * The MarketDataError a Twelve Data answer of any endpoint stands for when it is not data (an outage,
 * `{"status":"error", code, message}` even inside an HTTP 200, a 429, not JSON), or null when it is
 * data to read. `what` names the expected answer ("statistics JSON").
 */
export function twelveDataFailure(symbol: string, response: TwelveDataResponse, what: string): MarketDataError | null {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  const parsed = tryParseJson(body);
  const error = parsed.ok ? errorBody(parsed.value) : null;
  if (status >= 500 || (error?.code ?? 0) >= 500) {
    const signal = status >= 500 ? `HTTP ${status}` : `code ${error?.code}`;
    return new MarketDataError("unavailable", `${LABEL} is unavailable (${signal}) for ${symbol}: try again later`, symbol);
  }
  if (error !== null) return classifyError(symbol, status, error, retryAfter, undefined);
  if (status === 429) return rateLimited(symbol, "HTTP 429", retryAfter, describeNonJson(body));
  if (!parsed.ok) return badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of ${what}`);
  if (status !== 200) return badResponse(symbol, `unexpected HTTP ${status}`);
  if (!isObject(parsed.value)) return badResponse(symbol, "JSON that is not an object");
  return null;
}

function errorBody(value: unknown): ErrorBody | null {
  if (!isObject(value) || value.status !== "error") return null;
  const code = typeof value.code === "number" && Number.isInteger(value.code) ? value.code : null;
  // Twelve Data writes parameter names in markdown bold: "**symbol** not found: INVALID".
  const message = typeof value.message === "string" ? value.message.replace(/\*\*/g, "") : "";
  return { code, message };
}

/** Mapping verified against the recorded and transcribed bodies; wording from client tests where nothing was recorded. */
function classifyError(
  symbol: string,
  status: number,
  error: ErrorBody,
  retryAfter: number | null,
  since: TradingDay | undefined,
): MarketDataError {
  const code = error.code ?? status;
  const quoted = `"${snippet(error.message)}"`;
  // Both credit limits are code 429 and both mention "plan"; the daily one cannot be waited out in a minute.
  if (code === 429 && /for the day/i.test(error.message)) {
    const message = `${LABEL}'s daily API credits are used up (needed for ${symbol}): ${quoted}`;
    return new MarketDataError("plan-limit", message, symbol, retryAfter);
  }
  if (code === 429) return rateLimited(symbol, "code 429", retryAfter, quoted);
  if (code === 401) return new MarketDataError("invalid-key", `${LABEL} rejected the API key (asked for ${symbol}): ${quoted}`, symbol);
  if (code === 403 || /\bplan\b/i.test(error.message)) {
    return new MarketDataError("plan-limit", `${LABEL}'s plan for this API key does not cover ${symbol}: ${quoted}`, symbol);
  }
  if (/no data is available/i.test(error.message)) return noData(symbol, since);
  if (code === 404 || (code === 400 && /symbol/i.test(error.message) && /not found|invalid/i.test(error.message))) {
    return new MarketDataError("unknown-symbol", `${LABEL} does not know the symbol ${symbol}: ${quoted}`, symbol);
  }
  return badResponse(symbol, `code ${code}, ${LABEL} says ${quoted}`);
}

function readSeries(symbol: string, root: Record<string, unknown>, fetchedAt: number, since: TradingDay | undefined): DailySeries {
  const meta = isObject(root.meta) ? root.meta : {};
  if (meta.interval !== undefined && meta.interval !== "1day") {
    throw badResponse(symbol, `expected daily bars, got interval ${JSON.stringify(snippet(String(meta.interval)))}`);
  }
  const zone = meta.exchange_timezone;
  const timeZone = zone === undefined || zone === null || zone === "" ? TWELVEDATA_FALLBACK_TIME_ZONE : zone;
  if (typeof timeZone !== "string" || !isValidTimeZone(timeZone)) {
    throw badResponse(symbol, `unknown exchange time zone ${JSON.stringify(snippet(String(timeZone)))}`);
  }
  if (!Array.isArray(root.values)) throw badResponse(symbol, 'no "values" list');
  if (root.values.length === 0) throw noData(symbol, since);
  const bars = readDatedBars(root.values, "datetime");
  if (isBarProblem(bars)) throw badResponse(symbol, bars.problem);
  const ascending = ascendingUniqueBars(bars);
  if (isBarProblem(ascending)) throw badResponse(symbol, ascending.problem);
  if (ascending.length === 0) throw noData(symbol, since);
  const currency = typeof meta.currency === "string" && meta.currency !== "" ? meta.currency : null;
  return unadjustedSeries({ symbol, provider: "twelvedata", timeZone, currency, fetchedAt }, ascending);
}

function rateLimited(symbol: string, signal: string, retryAfter: number | null, detail: string): MarketDataError {
  const hint = retryAfter === null ? "try again in a minute" : `${LABEL} asks to wait ${retryAfter} s`;
  return new MarketDataError(
    "rate-limited",
    `${LABEL} is rate-limiting requests (${signal}) for ${symbol}: ${hint} (${detail})`,
    symbol,
    retryAfter,
  );
}

function noData(symbol: string, since: TradingDay | undefined): MarketDataError {
  const range = since === undefined ? "" : ` on or after ${isoDateOfTradingDay(since)}`;
  return new MarketDataError("no-data", `${LABEL} has no daily prices for ${symbol}${range}`, symbol);
}

function badResponse(symbol: string, detail: string): MarketDataError {
  return new MarketDataError("bad-response", `${LABEL} sent an unreadable response for ${symbol} (${detail})`, symbol);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
