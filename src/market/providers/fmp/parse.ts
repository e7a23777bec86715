import { ascendingUniqueBars, isBarProblem, readDatedBars, unadjustedSeries } from "../shared";
import { DailySeries, describeNonJson, isoDateOfTradingDay, MarketDataError, snippet, TradingDay, tryParseJson } from "../../core";

const LABEL = "Financial Modeling Prep";
/** FMP's end-of-day dates are US exchange dates; the free plan covers US listings only. */
export const FMP_TIME_ZONE = "America/New_York";

/** What came back from GET /stable/historical-price-eod/full. */
export interface FmpResponse {
  readonly status: number;
  readonly body: string;
  /** From a Retry-After header, when one was sent. */
  readonly retryAfterSeconds?: number | null;
}

/**
 * Turns an FMP `/stable/historical-price-eod/full` response (a flat JSON array, newest first)
 * into a DailySeries for `symbol` (already normalized), or throws the MarketDataError that says
 * what went wrong; never anything else. `since` only words the no-data message of a tail request.
 *
 * The legacy v3 layout (`{symbol, historical: [...]}` with `adjClose`) is refused on purpose: this
 * provider never requests v3 (closed to keys created after 2025-08-31), so such a body means a
 * wrong base URL or proxy, and accepting it would make `adjusted` depend on which server answered.
 */
export function parseFmpDailyPrices(symbol: string, response: FmpResponse, fetchedAt: number, since?: TradingDay): DailySeries {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  const parsed = tryParseJson(body);
  const errorMessage = parsed.ok ? errorMessageOf(parsed.value) : null;
  if (status >= 500) {
    throw new MarketDataError("unavailable", `${LABEL} is unavailable (HTTP ${status}) for ${symbol}: try again later`, symbol);
  }
  if (errorMessage !== null) throw classifyError(symbol, status, errorMessage, retryAfter);
  if (status === 429) throw rateLimited(symbol, retryAfter, describeNonJson(body));
  if (!parsed.ok) throw badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of a JSON price list`);
  if (status === 401) throw invalidKey(symbol, `HTTP 401`);
  if (status === 402 || status === 403) throw planLimit(symbol, `HTTP ${status}`);
  if (status !== 200) throw badResponse(symbol, `unexpected HTTP ${status}`);
  return readSeries(symbol, parsed.value, fetchedAt, since);
}

/**
 * The MarketDataError an FMP answer of any stable endpoint stands for when it is not data (an outage,
 * `{"Error Message": …}`, a 429, a 401/402/403, not JSON), or null when it is data to read. `what`
 * names the expected answer ("a JSON profile list").
 */
export function fmpFailure(symbol: string, response: FmpResponse, what: string): MarketDataError | null {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  const parsed = tryParseJson(body);
  const errorMessage = parsed.ok ? errorMessageOf(parsed.value) : null;
  if (status >= 500) {
    return new MarketDataError("unavailable", `${LABEL} is unavailable (HTTP ${status}) for ${symbol}: try again later`, symbol);
  }
  if (errorMessage !== null) return classifyError(symbol, status, errorMessage, retryAfter);
  if (status === 429) return rateLimited(symbol, retryAfter, describeNonJson(body));
  if (!parsed.ok) return badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of ${what}`);
  if (status === 401) return invalidKey(symbol, `HTTP 401`);
  if (status === 402 || status === 403) return planLimit(symbol, `HTTP ${status}`);
  if (status !== 200) return badResponse(symbol, `unexpected HTTP ${status}`);
  return null;
}

/** FMP reports every refusal as `{"Error Message": "..."}`, with HTTP 200 in older captures and 4xx now. */
function errorMessageOf(value: unknown): string | null {
  if (!isObject(value)) return null;
  const message = value["Error Message"];
  return typeof message === "string" ? message : null;
}

function classifyError(symbol: string, status: number, message: string, retryAfter: number | null): MarketDataError {
  const quoted = `"${snippet(message)}"`;
  if (/invalid api ?key/i.test(message)) return invalidKey(symbol, quoted);
  // "Limit Reach" / "Bandwidth Limit Reach" is the plan's daily call or 30-day bandwidth cap (sent with
  // HTTP 429 or 200): waiting a minute does not help, so it is a plan limit, not a rate limit.
  if (/limit reach/i.test(message)) {
    const message = `${LABEL}'s daily quota for this API key is used up (needed for ${symbol}): ${quoted}`;
    return new MarketDataError("plan-limit", message, symbol, retryAfter);
  }
  // Legacy v3 endpoints, "Premium Query Parameter", "Exclusive Endpoint", "not available under your current subscription".
  if (status === 402 || status === 403 || /legacy endpoint|subscription|premium|exclusive|upgrade/i.test(message)) {
    return planLimit(symbol, quoted);
  }
  if (status === 429) return rateLimited(symbol, retryAfter, quoted);
  if (status === 401) return invalidKey(symbol, quoted);
  return badResponse(symbol, `HTTP ${status}, ${LABEL} says ${quoted}`);
}

function readSeries(symbol: string, value: unknown, fetchedAt: number, since: TradingDay | undefined): DailySeries {
  if (!Array.isArray(value)) {
    const legacy = isObject(value) && ("historical" in value || Object.keys(value).length === 0);
    const detail = legacy ? "the legacy v3 layout; this provider reads /stable/historical-price-eod/full" : "JSON that is not a list";
    throw badResponse(symbol, detail);
  }
  // FMP answers an unknown ticker with an empty list too, so "unknown" cannot be told apart here.
  if (value.length === 0) throw noData(symbol, since);
  const bars = readDatedBars(value, "date");
  if (isBarProblem(bars)) throw badResponse(symbol, bars.problem);
  const ascending = ascendingUniqueBars(bars);
  if (isBarProblem(ascending)) throw badResponse(symbol, ascending.problem);
  if (ascending.length === 0) throw noData(symbol, since);
  return unadjustedSeries({ symbol, provider: "fmp", timeZone: FMP_TIME_ZONE, currency: null, fetchedAt }, ascending);
}

function invalidKey(symbol: string, detail: string): MarketDataError {
  return new MarketDataError("invalid-key", `${LABEL} rejected the API key (asked for ${symbol}): ${detail}`, symbol);
}

function planLimit(symbol: string, detail: string): MarketDataError {
  return new MarketDataError("plan-limit", `${LABEL}'s plan for this API key does not cover ${symbol}: ${detail}`, symbol);
}

function rateLimited(symbol: string, retryAfter: number | null, detail: string): MarketDataError {
  const hint = retryAfter === null ? "try again in a minute" : `${LABEL} asks to wait ${retryAfter} s`;
  return new MarketDataError(
    "rate-limited",
    `${LABEL} is rate-limiting requests (HTTP 429) for ${symbol}: ${hint} (${detail})`,
    symbol,
    retryAfter,
  );
}

function noData(symbol: string, since: TradingDay | undefined): MarketDataError {
  const range = since === undefined ? ": the ticker may be unknown to FMP" : ` on or after ${isoDateOfTradingDay(since)}`;
  return new MarketDataError("no-data", `${LABEL} has no daily prices for ${symbol}${range}`, symbol);
}

function badResponse(symbol: string, detail: string): MarketDataError {
  return new MarketDataError("bad-response", `${LABEL} sent an unreadable response for ${symbol} (${detail})`, symbol);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
