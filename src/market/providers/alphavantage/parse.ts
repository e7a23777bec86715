import {
  adjustedCloseColumn,
  ascendingUniqueBars,
  isBarProblem,
  readDatedBars,
  unadjustedSeries,
  upstreamErrors,
  withAdjustedCloses,
} from "../shared";
import { DailySeries, describeNonJson, MarketDataError, snippet, TradingDay, tradingDayOfIsoDate, tryParseJson } from "../../core";

const LABEL = "Alpha Vantage";
const errors = upstreamErrors(LABEL);
const SERIES_KEY = "Time Series (Daily)";
/** Only in TIME_SERIES_DAILY_ADJUSTED rows, where volume moves from "5. volume" to "6. volume". */
const ADJUSTED_CLOSE_KEY = "5. adjusted close";
/** Alpha Vantage reports errors as HTTP 200 with one of these top-level keys instead of the series. */
const NOTICE_KEYS = ["Error Message", "Note", "Information"] as const;
type NoticeKey = (typeof NOTICE_KEYS)[number];

/** Daily series are dated in US/Eastern (Meta Data "5. Time Zone"), i.e. this zone. */
export const ALPHAVANTAGE_TIME_ZONE = "America/New_York";

/** What came back from GET /query?function=TIME_SERIES_DAILY. */
export interface AlphaVantageResponse {
  readonly status: number;
  readonly body: string;
  /** From a Retry-After header, when one was sent. */
  readonly retryAfterSeconds?: number | null;
}

/**
 * Turns an Alpha Vantage TIME_SERIES_DAILY (or _ADJUSTED) response into a DailySeries for
 * `symbol` (already normalized), or throws the MarketDataError that says what went wrong; never
 * anything else. Prices come as strings keyed by date, newest first.
 */
export function parseAlphaVantageDaily(symbol: string, response: AlphaVantageResponse, fetchedAt: number): DailySeries {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  if (status >= 500) throw errors.unavailable(symbol, `HTTP ${status}`);
  const parsed = tryParseJson(body);
  const notice = parsed.ok ? noticeOf(parsed.value) : null;
  if (notice !== null) throw classifyNotice(symbol, status, notice, retryAfter);
  if (status === 429) throw errors.rateLimited(symbol, "HTTP 429", retryAfter, describeNonJson(body));
  if (!parsed.ok) throw errors.badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of time-series JSON`);
  if (status !== 200) throw errors.badResponse(symbol, `unexpected HTTP ${status}`);
  if (!isObject(parsed.value)) throw errors.badResponse(symbol, "JSON that is not an object");
  return readSeries(symbol, parsed.value, fetchedAt);
}

/**
 * The MarketDataError an Alpha Vantage answer of any function stands for when it is not data (an
 * outage, a notice in place of the data: rate limit, premium, daily quota, invalid key or call, a
 * 429, not JSON), or null when it is data to read. `what` names the expected answer ("OVERVIEW JSON").
 */
export function alphaVantageFailure(symbol: string, response: AlphaVantageResponse, what: string): MarketDataError | null {
  const { status, body } = response;
  const retryAfter = response.retryAfterSeconds ?? null;
  if (status >= 500) return errors.unavailable(symbol, `HTTP ${status}`);
  const parsed = tryParseJson(body);
  const notice = parsed.ok ? noticeOf(parsed.value) : null;
  if (notice !== null) return classifyNotice(symbol, status, notice, retryAfter);
  if (status === 429) return errors.rateLimited(symbol, "HTTP 429", retryAfter, describeNonJson(body));
  if (!parsed.ok) return errors.badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of ${what}`);
  if (status !== 200) return errors.badResponse(symbol, `unexpected HTTP ${status}`);
  if (!isObject(parsed.value)) return errors.badResponse(symbol, "JSON that is not an object");
  return null;
}

interface Notice {
  readonly key: NoticeKey;
  readonly text: string;
}

function noticeOf(value: unknown): Notice | null {
  if (!isObject(value)) return null;
  for (const key of NOTICE_KEYS) {
    const text = value[key];
    if (typeof text === "string") return { key, text };
  }
  return null;
}

// Wordings seen (recorded, transcribed or quoted by client projects):
//   Note, 2018:        "Our standard API call frequency is 5 calls per minute and 500 calls per day."
//   Information, 2025: "Please consider spreading out your free API requests more sparingly (1 request per second)."
//   Information, 2024: "…our standard API rate limit is 25 requests per day."
//   Information:       "This is a premium endpoint." / "The outputsize=full parameter value is a premium feature…"
//   Error Message:     "Invalid API call. …" (unknown symbol) / "the parameter apikey is invalid or missing…"
// Several texts mention more than one limit, so the most specific pattern is tested first.
const CALL_FREQUENCY = /call frequency|per minute|per second|sparingly|burst/i;
const PREMIUM_ONLY = /premium (endpoint|feature)/i;
// Not a bare "daily": function names such as TIME_SERIES_DAILY appear in other texts.
const DAILY_QUOTA = /\bper day\b|\bdaily (?:rate )?limit/i;
const KEY_PROBLEM = /apikey|api key/i;
/** The demo key used for anything but its demo symbols (transcribed: "The **demo** API key is for demo purposes only…"). */
const DEMO_KEY = /\bdemo\b.*api key|claim your free api key/i;

function classifyNotice(symbol: string, status: number, notice: Notice, retryAfter: number | null): MarketDataError {
  const { key, text } = notice;
  if (key !== "Error Message" && DEMO_KEY.test(text.replace(/\*\*/g, "")) && !CALL_FREQUENCY.test(text) && !PREMIUM_ONLY.test(text)) {
    return errors.invalidKey(symbol, text);
  }
  if (CALL_FREQUENCY.test(text)) return errors.rateLimited(symbol, `"${key}" about call frequency`, retryAfter, text);
  if (PREMIUM_ONLY.test(text)) return errors.planLimit(symbol, "the API key's plan does not include this request", text);
  if (DAILY_QUOTA.test(text)) {
    return errors.planLimit(symbol, "the API key's daily request quota is used up", text, retryAfter);
  }
  if (key === "Error Message") {
    if (KEY_PROBLEM.test(text)) return errors.invalidKey(symbol, text);
    // The request is otherwise fixed, so an invalid call means the symbol was not accepted.
    return errors.unknownSymbol(symbol, text);
  }
  if (/premium/i.test(text)) return errors.planLimit(symbol, "the API key's plan does not include this request", text);
  if (status === 429 || key === "Note") return errors.rateLimited(symbol, `"${key}"`, retryAfter, text);
  return errors.badResponse(symbol, `Alpha Vantage says "${snippet(text)}"`);
}

function readSeries(symbol: string, root: Record<string, unknown>, fetchedAt: number): DailySeries {
  const series = root[SERIES_KEY];
  if (series === undefined) {
    const keys = Object.keys(root);
    const seen = keys.length === 0 ? "an empty object" : `keys ${snippet(keys.map((k) => JSON.stringify(k)).join(", "), 80)}`;
    throw errors.badResponse(symbol, `no "${SERIES_KEY}" object, got ${seen}`);
  }
  if (!isObject(series)) throw errors.badResponse(symbol, `"${SERIES_KEY}" is not an object`);
  const entries = Object.entries(series);
  if (entries.length === 0) throw errors.noData(symbol);

  const rows = entries.map(([date, fields]) => asDatedRow(date, fields));
  const bars = readDatedBars(rows, "date");
  if (isBarProblem(bars)) throw errors.badResponse(symbol, bars.problem);
  const ascending = ascendingUniqueBars(bars);
  if (isBarProblem(ascending)) throw errors.badResponse(symbol, ascending.problem);
  if (ascending.length === 0) throw errors.noData(symbol);

  const adjClose = adjustedCloseColumn(ascending, adjustedClosesByDay(entries));
  if (isBarProblem(adjClose)) throw errors.badResponse(symbol, adjClose.problem);
  const info = { symbol, provider: "alphavantage", timeZone: ALPHAVANTAGE_TIME_ZONE, currency: null, fetchedAt };
  const raw = unadjustedSeries(info, ascending);
  return adjClose === null ? raw : withAdjustedCloses(raw, adjClose);
}

/** `{"1. open": "97.4600", …}` under its date key as the `{date, open, …}` row readDatedBars reads. */
function asDatedRow(date: string, fields: unknown): unknown {
  if (!isObject(fields)) return fields;
  const adjusted = ADJUSTED_CLOSE_KEY in fields;
  return {
    date,
    open: fields["1. open"],
    high: fields["2. high"],
    low: fields["3. low"],
    close: fields["4. close"],
    volume: adjusted ? fields["6. volume"] : fields["5. volume"],
  };
}

function adjustedClosesByDay(entries: readonly [string, unknown][]): Map<TradingDay, unknown> {
  const byDay = new Map<TradingDay, unknown>();
  for (const [date, fields] of entries) {
    const day = tradingDayOfIsoDate(date);
    if (day !== null && isObject(fields)) byDay.set(day, fields[ADJUSTED_CLOSE_KEY]);
  }
  return byDay;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
