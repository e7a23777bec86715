import { DatedBar, fetchProviderText, ProviderOptions, ProviderSettings, providerSettings, upstreamErrors, withKeySafety } from "../shared";
import {
  DailySeries,
  HistoryProvider,
  HistoryRequest,
  Ticker,
  isoDateOfTradingDay,
  startDayOf,
  TradingDay,
  tradingDayOf,
} from "../../core";
import { parsePolygonAggsPage, POLYGON_TIME_ZONE, PolygonResponse, polygonSeries, refusesDataTimeframe } from "./parse";
import { polygonSymbol } from "./symbol";

export const DEFAULT_POLYGON_URL = "https://api.polygon.io";
export const DEFAULT_POLYGON_TIMEOUT_MS = 20_000;
export const POLYGON_LABEL = "Polygon.io";
/** Polygon renamed itself Massive in 2025; its official clients now call api.massive.com. */
export const POLYGON_KNOWN_HOSTS = ["api.polygon.io", "api.massive.com"];
const errors = upstreamErrors(POLYGON_LABEL);
/** The earliest start asked for: Polygon's stock aggregates begin in the 2000s, far after it. */
const FULL_HISTORY_START: TradingDay = 0;
/**
 * The free plan's history window is "2 years" (massive-com/client-python#870); asking from a few
 * days inside it keeps a window computed slightly differently from being refused again.
 */
const FREE_PLAN_WINDOW_DAYS = 2 * 365 - 5;
/** Daily bars never need a second page at limit=50000 (≈200 years); a loop is a protocol problem. */
const MAX_PAGES = 10;

/**
 * Daily history from Polygon's (Massive's) aggregates, GET /v2/aggs/ticker/{ticker}/range/1/day/{from}/{to}
 * with adjusted=true&sort=asc&limit=50000: the one endpoint a free key has for a range of daily
 * bars, oldest first, all in one response. `adjusted=true` is split adjustment only; Polygon has
 * no dividend-adjusted close, so adjClose = close and adjusted = false. `since` becomes `from`.
 *
 * A full-history request that the plan refuses as outside its data timeframe (the free plan covers
 * about two years) is retried once from inside that window, and later full-history requests of
 * this provider start there directly, so a free key works at the cost of one extra request.
 * The key travels as `Authorization: Bearer`, never in a URL.
 */
export class PolygonProvider implements HistoryProvider {
  readonly name = "polygon";
  private readonly settings: ProviderSettings;
  /** Set once the key's plan has refused a full-history range. */
  private planWindowOnly = false;

  constructor(options: ProviderOptions) {
    this.settings = providerSettings(POLYGON_LABEL, options, DEFAULT_POLYGON_TIMEOUT_MS);
  }

  aggsUrl(symbol: string, from: TradingDay, to: TradingDay): string {
    return (
      // ":" may stand in a path segment (RFC 3986) and index tickers carry it (I:SPX): left as Polygon's clients send it.
      `${this.settings.baseUrl}/v2/aggs/ticker/${encodeURIComponent(symbol).replace(/%3A/g, ":")}/range/1/day/` +
      `${isoDateOfTradingDay(from)}/${isoDateOfTradingDay(to)}?adjusted=true&sort=asc&limit=50000`
    );
  }

  /** Refuses (unknown-symbol) a ticker polygonSymbol cannot spell for this provider, before any request. */
  checkTicker(ticker: Ticker): void {
    polygonSymbol(ticker);
  }

  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    // The URL carries Polygon's spelling (BRK.B, I:SPX); the series and messages keep the analyst's ticker.
    return withKeySafety(this.settings, this.name, ticker, (key) =>
      this.fetchDailyBars(ticker, polygonSymbol(ticker), key, startDayOf(request.since), request.signal),
    );
  }

  private async fetchDailyBars(
    symbol: string,
    wireSymbol: string,
    key: string,
    since: TradingDay | undefined,
    signal?: AbortSignal,
  ): Promise<DailySeries> {
    // Today in New York: a later `to` is "future data", which Polygon refuses like an out-of-plan range.
    const today = tradingDayOf(this.settings.now(), POLYGON_TIME_ZONE);
    const windowStart = today - FREE_PLAN_WINDOW_DAYS;
    const from = since ?? (this.planWindowOnly ? windowStart : FULL_HISTORY_START);
    let response = await this.get(this.aggsUrl(wireSymbol, from, today), symbol, key, signal);
    if (since === undefined && !this.planWindowOnly && refusesDataTimeframe(response)) {
      this.planWindowOnly = true;
      return this.fetchDailyBars(symbol, wireSymbol, key, undefined, signal);
    }
    const bars: DatedBar[] = [];
    for (let page = 1; ; page++) {
      const { bars: pageBars, nextUrl } = parsePolygonAggsPage(symbol, response);
      for (const bar of pageBars) bars.push(bar);
      if (nextUrl === null) break;
      if (page === MAX_PAGES) throw errors.badResponse(symbol, `still a next_url after ${MAX_PAGES} pages`);
      response = await this.get(this.followable(nextUrl, symbol), symbol, key, signal);
    }
    return polygonSeries(symbol, bars, this.settings.now(), from === FULL_HISTORY_START ? undefined : from);
  }

  /**
   * `next_url` as a URL on our base: Polygon writes its own host (api.polygon.io or
   * api.massive.com) even when we call through a relay, and the key must never go to any other host.
   */
  private followable(nextUrl: string, symbol: string): string {
    let next: URL;
    try {
      next = new URL(nextUrl);
    } catch {
      throw errors.badResponse(symbol, "next_url is not a URL");
    }
    const { baseUrl } = this.settings;
    if (next.origin === new URL(baseUrl).origin) return next.href;
    if (next.protocol === "https:" && POLYGON_KNOWN_HOSTS.includes(next.host)) return `${baseUrl}${next.pathname}${next.search}`;
    throw errors.badResponse(symbol, `next_url points at another host (${next.host})`);
  }

  private get(url: string, symbol: string, key: string, signal?: AbortSignal): Promise<PolygonResponse> {
    return fetchProviderText(this.settings, url, { symbol, signal, headers: { authorization: `Bearer ${key}` }, redactFromBody: [key] });
  }
}
