import { DailySeries, describeNonJson, MarketDataError, snippet, TradingDay, tradingDayConverter, tryParseJson } from "../../core";

/** What came back from GET /v8/finance/chart/{symbol}. */
export interface YahooChartResponse {
  readonly status: number;
  readonly body: string;
  /** From a Retry-After header, when Yahoo sent one. */
  readonly retryAfterSeconds?: number | null;
}

type Row = (number | null)[];

interface ChartColumns {
  readonly timeZone: string;
  readonly currency: string | null;
  readonly timestamps: number[];
  readonly open: Row | null;
  readonly high: Row | null;
  readonly low: Row | null;
  readonly close: Row;
  readonly volume: Row | null;
  readonly adjClose: Row | null;
}

/**
 * Turns a Yahoo v8 chart response into a DailySeries for `symbol` (already normalized), or throws
 * the MarketDataError that describes what Yahoo said. Never throws anything else.
 */
export function parseYahooChart(symbol: string, response: YahooChartResponse, fetchedAt: number): DailySeries {
  const { status, body } = response;
  if (status === 429) {
    const wait = response.retryAfterSeconds ?? null;
    const hint = wait === null ? "try again in a minute" : `Yahoo asks to wait ${wait} s`;
    throw new MarketDataError("rate-limited", `Yahoo is rate-limiting requests (HTTP 429) for ${symbol}: ${hint}`, symbol, wait);
  }
  if (status >= 500) {
    throw new MarketDataError("unavailable", `Yahoo is unavailable (HTTP ${status}) for ${symbol}: try again later`, symbol);
  }
  const parsed = tryParseJson(body);
  if (!parsed.ok) throw badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of chart JSON`);
  const chart = field(parsed.value, "chart");
  if (!isObject(chart)) throw badResponse(symbol, `HTTP ${status}, JSON without a "chart" object`);
  if (isObject(chart.error)) throw chartError(symbol, status, chart.error);
  if (status === 404) throw unknownSymbol(symbol);
  if (status !== 200) throw badResponse(symbol, `unexpected HTTP ${status}`);

  const result = Array.isArray(chart.result) ? chart.result[0] : undefined;
  if (result === undefined || result === null) throw noData(symbol);
  const columns = readColumns(symbol, result);
  return buildSeries(symbol, columns, fetchedAt);
}

function chartError(symbol: string, status: number, error: Record<string, unknown>): MarketDataError {
  const code = typeof error.code === "string" ? error.code : "";
  const description = typeof error.description === "string" ? error.description : "";
  if (status === 404 || code === "Not Found") return unknownSymbol(symbol);
  if (/data doesn'?t exist/i.test(description)) return noData(symbol);
  return badResponse(symbol, `HTTP ${status}, Yahoo says ${snippet(`${code}: ${description}`)}`);
}

function readColumns(symbol: string, result: unknown): ChartColumns {
  if (!isObject(result)) throw badResponse(symbol, "chart result is not an object");
  const meta = result.meta;
  if (!isObject(meta)) throw badResponse(symbol, "chart result has no meta");
  const quotes = field(result.indicators, "quote");
  const quote = Array.isArray(quotes) ? quotes[0] : undefined;
  if (!isObject(quote)) throw badResponse(symbol, "chart result has no indicators.quote");

  // An empty range comes back without `timestamp` and with `quote: [{}]`.
  const timestamps = result.timestamp;
  if (timestamps === undefined || timestamps === null || (Array.isArray(timestamps) && timestamps.length === 0)) {
    throw noData(symbol);
  }
  if (!Array.isArray(timestamps) || !timestamps.every(isFiniteNumber)) {
    throw badResponse(symbol, "timestamps are not a list of numbers");
  }
  if (typeof meta.dataGranularity === "string" && meta.dataGranularity !== "1d") {
    throw badResponse(symbol, `expected daily bars, got "${snippet(meta.dataGranularity)}" bars`);
  }
  const timeZone = meta.exchangeTimezoneName;
  if (typeof timeZone !== "string" || !canConvert(timeZone)) {
    throw badResponse(symbol, `unknown exchange time zone ${JSON.stringify(snippet(String(timeZone)))}`);
  }
  const length = timestamps.length;
  const column = (source: unknown, name: string, required: boolean): Row | null => {
    if (source === undefined && !required) return null;
    if (!Array.isArray(source) || source.length !== length || !source.every(isNumberOrNull)) {
      throw badResponse(symbol, `column ${name} is missing, not numeric or not ${length} long`);
    }
    return source;
  };
  const adjSource = field(result.indicators, "adjclose");
  const adjEntry = Array.isArray(adjSource) ? adjSource[0] : undefined;
  return {
    timeZone,
    currency: typeof meta.currency === "string" ? meta.currency : null,
    timestamps,
    open: column(quote.open, "open", false),
    high: column(quote.high, "high", false),
    low: column(quote.low, "low", false),
    close: column(quote.close, "close", true) as Row,
    volume: column(quote.volume, "volume", false),
    adjClose: adjEntry === undefined ? null : column(field(adjEntry, "adjclose"), "adjclose", true),
  };
}

function buildSeries(symbol: string, c: ChartColumns, fetchedAt: number): DailySeries {
  const dayOf = tradingDayConverter(c.timeZone);
  const order = ascendingOrder(c.timestamps);
  // Kept rows by position in the output; a later bar for the same day replaces the earlier one.
  const kept: number[] = [];
  const days: TradingDay[] = [];
  for (const i of order) {
    if (c.close[i] === null || (c.adjClose !== null && c.adjClose[i] === null)) continue;
    const day = dayOf(c.timestamps[i] * 1000);
    if (days.length > 0 && days[days.length - 1] === day) kept[kept.length - 1] = i;
    else {
      days.push(day);
      kept.push(i);
    }
  }
  if (kept.length === 0) throw noData(symbol);
  // A plain loop: Float64Array.from with a map function is several times slower on long histories.
  const pick = (source: Row | null): Float64Array => {
    const out = new Float64Array(kept.length);
    for (let k = 0; k < kept.length; k++) out[k] = source === null ? NaN : (source[kept[k]] ?? NaN);
    return out;
  };
  const close = pick(c.close);
  return {
    symbol,
    provider: "yahoo",
    timeZone: c.timeZone,
    currency: c.currency,
    days: Int32Array.from(days),
    open: pick(c.open),
    high: pick(c.high),
    low: pick(c.low),
    close,
    adjClose: c.adjClose === null ? close.slice() : pick(c.adjClose),
    volume: pick(c.volume),
    adjusted: c.adjClose !== null,
    demo: false,
    fetchedAt,
  };
}

/** Indices in ascending timestamp order (stable); Yahoo already sends them sorted. */
function ascendingOrder(timestamps: number[]): number[] {
  const order = timestamps.map((_, i) => i);
  const sorted = timestamps.every((t, i) => i === 0 || timestamps[i - 1] <= t);
  return sorted ? order : order.sort((a, b) => timestamps[a] - timestamps[b] || a - b);
}

function canConvert(timeZone: string): boolean {
  try {
    tradingDayConverter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function unknownSymbol(symbol: string): MarketDataError {
  return new MarketDataError("unknown-symbol", `Yahoo has no data for ${symbol}: the ticker is unknown or delisted`, symbol);
}

function noData(symbol: string): MarketDataError {
  return new MarketDataError("no-data", `Yahoo has no daily prices for ${symbol}`, symbol);
}

function badResponse(symbol: string, detail: string): MarketDataError {
  return new MarketDataError("bad-response", `Yahoo sent an unreadable response for ${symbol} (${detail})`, symbol);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isNumberOrNull(value: unknown): value is number | null {
  return value === null || isFiniteNumber(value);
}
