import {
  adjustedCloseColumn,
  ascendingUniqueBars,
  BarProblem,
  isBarProblem,
  readDatedBars,
  unadjustedSeries,
  upstreamErrors,
  withAdjustedCloses,
} from "../shared";
import { DailySeries, describeNonJson, MarketDataError, snippet, TradingDay, tradingDayOfIsoDate, tryParseJson } from "../../core";

const LABEL = "Tiingo";
const errors = upstreamErrors(LABEL);
/** Tiingo's end-of-day prices here are US listings; their dates are New York trading dates. */
export const TIINGO_TIME_ZONE = "America/New_York";
/**
 * A daily bar's date label: the trading date written as midnight UTC ("2015-01-02T00:00:00.000Z";
 * the latest-price form is "2020-07-17T00:00:00+00:00"). Taken as a date, never converted to a
 * local time, which would move it to the previous day in the Americas.
 */
const DAILY_DATE = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?(?:Z|\+00:00)$/;

/** What came back from GET /tiingo/daily/{ticker}/prices. */
export interface TiingoResponse {
  readonly status: number;
  readonly body: string;
  /** From a Retry-After header, when one was sent. */
  readonly retryAfterSeconds?: number | null;
}

/**
 * Turns a Tiingo daily-prices response into a DailySeries for `symbol` (already normalized), or
 * throws the MarketDataError that says what went wrong; never anything else. Tiingo sends raw
 * OHLCV plus split- and dividend-adjusted `adjClose`, oldest first. `since` is only used to word
 * the no-data message of a tail request.
 */
export function parseTiingoDailyPrices(symbol: string, response: TiingoResponse, fetchedAt: number, since?: TradingDay): DailySeries {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  if (status >= 500) throw errors.unavailable(symbol, `HTTP ${status}`);
  const parsed = tryParseJson(body);
  const detail = parsed.ok ? detailOf(parsed.value) : null;
  if (detail !== null) throw classifyDetail(symbol, status, detail, retryAfter);
  if (status === 429) throw errors.rateLimited(symbol, "HTTP 429", retryAfter, describeNonJson(body));
  if (!parsed.ok) throw errors.badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of daily-prices JSON`);
  if (status !== 200) throw errors.badResponse(symbol, `unexpected HTTP ${status}`);
  if (!Array.isArray(parsed.value)) throw errors.badResponse(symbol, "JSON that is not a list of daily prices");
  return readSeries(symbol, parsed.value, fetchedAt, since);
}

/**
 * The MarketDataError a Tiingo answer of any endpoint stands for when it is not data (an outage,
 * `{"detail": …}`, a 429, not JSON), or null when it is data to read. `what` names the expected answer.
 */
export function tiingoFailure(symbol: string, response: TiingoResponse, what: string): MarketDataError | null {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  if (status >= 500) return errors.unavailable(symbol, `HTTP ${status}`);
  const parsed = tryParseJson(body);
  const detail = parsed.ok ? detailOf(parsed.value) : null;
  if (detail !== null) return classifyDetail(symbol, status, detail, retryAfter);
  if (status === 429) return errors.rateLimited(symbol, "HTTP 429", retryAfter, describeNonJson(body));
  if (!parsed.ok) return errors.badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of ${what}`);
  if (status === 404) return errors.unknownSymbol(symbol);
  if (status !== 200) return errors.badResponse(symbol, `unexpected HTTP ${status}`);
  return null;
}

/** Tiingo's errors are Django REST framework bodies: `{"detail": "…"}`. */
function detailOf(value: unknown): string | null {
  return isObject(value) && typeof value.detail === "string" ? value.detail : null;
}

// Recorded: 404 "Error: Ticker 'BADTICKER' not found" (prices) and "Not found." (metadata).
// Not recorded, so matched loosely: token problems ("Invalid token.", "Authentication credentials
// were not provided."), hourly throttling ("…hourly request allocation…", "Request was throttled.
// Expected available in 60 seconds."), and daily or monthly allowances (plan limits).
function classifyDetail(symbol: string, status: number, detail: string, retryAfter: number | null): MarketDataError {
  if (status === 404 || /not found/i.test(detail)) return errors.unknownSymbol(symbol, detail);
  if (/hourly|per hour|throttl|too many/i.test(detail)) {
    return errors.rateLimited(symbol, `HTTP ${status}`, retryAfter ?? waitFromText(detail), detail);
  }
  if (/token|credential|authenticat/i.test(detail)) return errors.invalidKey(symbol, detail);
  if (/daily|per day|month|bandwidth|upgrade|plan/i.test(detail)) {
    return errors.planLimit(symbol, "the API key's plan allowance is used up or does not cover this request", detail, retryAfter);
  }
  if (status === 429) return errors.rateLimited(symbol, "HTTP 429", retryAfter, detail);
  if (status === 401 || status === 403) return errors.invalidKey(symbol, detail);
  return errors.badResponse(symbol, `HTTP ${status}, Tiingo says "${snippet(detail)}"`);
}

function waitFromText(detail: string): number | null {
  const match = /available in (\d+) seconds?/i.exec(detail);
  return match === null ? null : Number(match[1]);
}

function readSeries(symbol: string, rows: readonly unknown[], fetchedAt: number, since: TradingDay | undefined): DailySeries {
  if (rows.length === 0) throw errors.noData(symbol, since);
  const dated = datedRows(rows);
  if (isBarProblem(dated)) throw errors.badResponse(symbol, dated.problem);
  const bars = readDatedBars(dated.rows, "date");
  if (isBarProblem(bars)) throw errors.badResponse(symbol, bars.problem);
  const ascending = ascendingUniqueBars(bars);
  if (isBarProblem(ascending)) throw errors.badResponse(symbol, ascending.problem);
  if (ascending.length === 0) throw errors.noData(symbol, since);

  const adjClose = adjustedCloseColumn(ascending, dated.adjCloseByDay);
  if (isBarProblem(adjClose)) throw errors.badResponse(symbol, adjClose.problem);
  const raw = unadjustedSeries({ symbol, provider: "tiingo", timeZone: TIINGO_TIME_ZONE, currency: null, fetchedAt }, ascending);
  return adjClose === null ? raw : withAdjustedCloses(raw, adjClose);
}

interface DatedRows {
  /** Rows with `date` cut to "YYYY-MM-DD", as readDatedBars reads them. */
  readonly rows: unknown[];
  readonly adjCloseByDay: Map<TradingDay, unknown>;
}

function datedRows(rows: readonly unknown[]): DatedRows | BarProblem {
  const dated: unknown[] = [];
  const adjCloseByDay = new Map<TradingDay, unknown>();
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isObject(row)) return { problem: `row ${i + 1} is not an object` };
    const match = typeof row.date === "string" ? DAILY_DATE.exec(row.date) : null;
    const day = match === null ? null : tradingDayOfIsoDate(match[1]);
    if (match === null || day === null) {
      const shown = typeof row.date === "string" ? JSON.stringify(snippet(row.date, 40)) : String(row.date);
      return { problem: `row ${i + 1} has date ${shown}, expected a daily bar's date at midnight UTC` };
    }
    dated.push({ ...row, date: match[1] });
    adjCloseByDay.set(day, row.adjClose);
  }
  return { rows: dated, adjCloseByDay };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
