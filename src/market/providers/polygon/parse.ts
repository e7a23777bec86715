import { ascendingUniqueBars, BarProblem, DatedBar, decimalValue, isBarProblem, unadjustedSeries, upstreamErrors } from "../shared";
import { DailySeries, describeNonJson, MarketDataError, snippet, TradingDay, tradingDayConverter, tryParseJson } from "../../core";

const LABEL = "Polygon.io";
const errors = upstreamErrors(LABEL);
/** Daily aggregates start at 00:00 in New York; US equities trade on New York dates. */
export const POLYGON_TIME_ZONE = "America/New_York";
const dayInNewYork = tradingDayConverter(POLYGON_TIME_ZONE);

/** What came back from GET /v2/aggs/ticker/{ticker}/range/1/day/{from}/{to} (or a next_url). */
export interface PolygonResponse {
  readonly status: number;
  readonly body: string;
  /** From a Retry-After header, when one was sent. */
  readonly retryAfterSeconds?: number | null;
}

/** One response's bars, in the order sent, and the `next_url` to follow when there are more. */
export interface PolygonAggsPage {
  readonly bars: DatedBar[];
  readonly nextUrl: string | null;
}

/**
 * Reads one aggregates response for `symbol` (already normalized), or throws the MarketDataError
 * that says what went wrong; never anything else. Bars are not yet sorted or deduplicated.
 */
export function parsePolygonAggsPage(symbol: string, response: PolygonResponse): PolygonAggsPage {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  if (status >= 500) throw errors.unavailable(symbol, `HTTP ${status}`);
  const parsed = tryParseJson(body);
  const refusal = parsed.ok ? refusalOf(status, parsed.value) : null;
  if (refusal !== null) throw classifyRefusal(symbol, status, refusal, retryAfter);
  // Polygon's 429 body is JSON in client tests and reported empty in practice.
  if (status === 429) throw errors.rateLimited(symbol, "HTTP 429", retryAfter, parsed.ok ? undefined : describeNonJson(body));
  if (!parsed.ok) throw errors.badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of aggregates JSON`);
  if (status !== 200) throw errors.badResponse(symbol, `unexpected HTTP ${status}`);
  if (!isObject(parsed.value)) throw errors.badResponse(symbol, "JSON that is not an object");
  const root = parsed.value;
  // An empty range has no `results` key at all.
  const results = root.results ?? [];
  if (!Array.isArray(results)) throw errors.badResponse(symbol, '"results" is not a list');
  const bars = readBars(results);
  if (isBarProblem(bars)) throw errors.badResponse(symbol, bars.problem);
  const nextUrl = typeof root.next_url === "string" && root.next_url !== "" ? root.next_url : null;
  return { bars, nextUrl };
}

/**
 * The MarketDataError a Polygon answer of any endpoint stands for when it is not data (an outage, a
 * refusal body `{status: "ERROR" | "NOT_AUTHORIZED" | "NOT_FOUND", error | message}`, a 429, not
 * JSON), or null when it is data to read. `what` names the expected answer ("ticker details JSON").
 */
export function polygonFailure(symbol: string, response: PolygonResponse, what: string): MarketDataError | null {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  if (status >= 500) return errors.unavailable(symbol, `HTTP ${status}`);
  const parsed = tryParseJson(body);
  const refusal = parsed.ok ? refusalOf(status, parsed.value) : null;
  if (refusal !== null) return classifyRefusal(symbol, status, refusal, retryAfter);
  if (status === 429) return errors.rateLimited(symbol, "HTTP 429", retryAfter, parsed.ok ? undefined : describeNonJson(body));
  if (!parsed.ok) return errors.badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of ${what}`);
  if (status === 404) return errors.unknownSymbol(symbol);
  if (status !== 200) return errors.badResponse(symbol, `unexpected HTTP ${status}`);
  if (!isObject(parsed.value)) return errors.badResponse(symbol, "JSON that is not an object");
  return null;
}

/**
 * The series from every page's bars, sorted and deduplicated. `since` is the first day asked
 * for when the request did not cover the whole history; with the whole history asked for, no
 * bars at all means Polygon does not know the ticker (it answers an empty range, not an error).
 */
export function polygonSeries(symbol: string, bars: readonly DatedBar[], fetchedAt: number, since?: TradingDay): DailySeries {
  const ascending = ascendingUniqueBars(bars);
  if (isBarProblem(ascending)) throw errors.badResponse(symbol, ascending.problem);
  if (ascending.length === 0) throw since === undefined ? errors.unknownSymbol(symbol) : errors.noData(symbol, since);
  return unadjustedSeries({ symbol, provider: "polygon", timeZone: POLYGON_TIME_ZONE, currency: null, fetchedAt }, ascending);
}

/**
 * True when the key's plan refused the requested date range ("Your plan doesn't include this data
 * timeframe"): the free plan covers about two years, so a full-history request can be retried
 * from inside that window.
 */
export function refusesDataTimeframe(response: PolygonResponse): boolean {
  const parsed = tryParseJson(response.body);
  const refusal = parsed.ok ? refusalOf(response.status, parsed.value) : null;
  return refusal !== null && /data timeframe/i.test(refusal.text);
}

interface Refusal {
  /** The body's own status: "ERROR", "NOT_AUTHORIZED", "NOT_FOUND", or "" when absent. */
  readonly code: string;
  readonly text: string;
}

/** `{status:"ERROR", error}` or `{status:"NOT_AUTHORIZED", message}`, whatever the HTTP status says. */
function refusalOf(status: number, value: unknown): Refusal | null {
  if (!isObject(value)) return null;
  const code = typeof value.status === "string" ? value.status : "";
  const text = typeof value.error === "string" ? value.error : typeof value.message === "string" ? value.message : null;
  const failed = code !== "" && code !== "OK" && code !== "DELAYED";
  if (!failed && (status === 200 || text === null)) return null;
  return { code, text: text ?? "" };
}

// Texts: "API Key was not provided", "Unknown API Key" (401); "Your plan doesn't include this data
// timeframe", "You are not entitled to this data", "Attempted to request today's data before end of
// day" (403 NOT_AUTHORIZED); "You've exceeded the maximum requests per minute…" (429).
function classifyRefusal(symbol: string, status: number, refusal: Refusal, retryAfter: number | null): MarketDataError {
  const { code, text } = refusal;
  if (status === 429 || /maximum requests|too many requests|rate limit/i.test(text)) {
    return errors.rateLimited(symbol, status === 429 ? "HTTP 429" : code, retryAfter, text);
  }
  if (status === 401 || /api key/i.test(text)) return errors.invalidKey(symbol, text);
  if (code === "NOT_AUTHORIZED" || status === 403) {
    const refusalText = /data timeframe/i.test(text)
      ? "the API key's plan does not cover the requested dates (the free plan covers about two years)"
      : "the API key's plan does not include this data";
    return errors.planLimit(symbol, refusalText, text);
  }
  if (status === 404 || code === "NOT_FOUND") return errors.unknownSymbol(symbol, text);
  return errors.badResponse(symbol, `HTTP ${status}, ${LABEL} says ${code === "" ? "" : `${code}: `}"${snippet(text)}"`);
}

/** `{t, o, h, l, c, v}` rows: `t` in Unix milliseconds, numbers (volume sometimes in exponent form). */
function readBars(rows: readonly unknown[]): DatedBar[] | BarProblem {
  const bars: DatedBar[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isObject(row)) return { problem: `result ${i + 1} is not an object` };
    if (typeof row.t !== "number" || !Number.isFinite(row.t)) {
      return { problem: `result ${i + 1} has timestamp ${describe(row.t)}, expected Unix milliseconds` };
    }
    if (row.c === null || row.c === undefined) continue;
    const day = dayInNewYork(row.t);
    const values: Record<"o" | "h" | "l" | "c" | "v", number> = { o: NaN, h: NaN, l: NaN, c: NaN, v: NaN };
    for (const field of ["o", "h", "l", "c", "v"] as const) {
      const raw = row[field];
      const value = raw === null || raw === undefined ? NaN : decimalValue(raw);
      if (value === null) return { problem: `field ${field} ${describe(raw)} of result ${i + 1} is not a number` };
      values[field] = value;
    }
    bars.push({ day, open: values.o, high: values.h, low: values.l, close: values.c, volume: values.v });
  }
  return bars;
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
