import { majorCurrency, SnapshotDraft } from "../shared";
import { describeNonJson, isRecord, MarketDataError, SecurityKind, snippet, tryParseJson } from "../../core";
import type { YahooChartResponse } from "./parse";

/**
 * Pure readers of Yahoo's valuation answers (FORMATS.md §1.2, §1.3): the v7 `quote` (many symbols
 * per request) and `quoteSummary` (one symbol, several modules). Both throw the MarketDataError the
 * answer stands for when it is not data; YahooCrumbRefused when Yahoo refused the cookie and crumb.
 */

/** What came back from v7 quote or quoteSummary (same shape as a chart answer). */
export type YahooJsonResponse = YahooChartResponse;

/** The fields of one symbol's valuation as Yahoo states them, before normalizeSnapshot. */
export type YahooValuation = Omit<SnapshotDraft, "symbol" | "provider" | "fetchedAt">;

/** One v7 quote result, read. */
export interface YahooQuote {
  /** Yahoo's symbol, as it answered. */
  readonly symbol: string;
  readonly valuation: YahooValuation;
  /** The statements' currency (`financialCurrency`), when Yahoo names it. */
  readonly financialCurrency: string | null;
  /** True when the answer has neither a price nor any valuation figure (a delisted symbol: `ADH`). */
  readonly empty: boolean;
  /** Figures an equity's quote lacks that quoteSummary may have. */
  readonly lacks: { readonly epsTrailing: boolean; readonly epsForward: boolean };
}

/** Yahoo refused the cookie and crumb (HTTP 401 "Invalid Crumb" and its 2024 and 2026 wordings): renew them and ask again. */
export class YahooCrumbRefused extends Error {
  constructor(readonly said: string) {
    super(`Yahoo refused the cookie and crumb: ${said}`);
    this.name = "YahooCrumbRefused";
  }
}

const QUOTE_TYPES: Readonly<Record<string, SecurityKind>> = {
  EQUITY: "equity",
  ETF: "fund",
  MUTUALFUND: "fund",
  CRYPTOCURRENCY: "crypto",
  CURRENCY: "currency",
  INDEX: "index",
};

/** A number as Yahoo writes it: plain (formatted=false), or `{raw, fmt}`; `{}` and `{raw: 0, fmt: null}` (its "not reported") are missing. */
export function yahooNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (!isRecord(value) || typeof value.raw !== "number" || !Number.isFinite(value.raw)) return null;
  if (value.raw === 0 && value.fmt === null) return null;
  return value.raw;
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);

/**
 * The result objects of a v7 quote answer, or the MarketDataError it stands for (`first` names the
 * request in messages). An unknown symbol is simply absent from the results (HTTP 200, recorded:
 * `quoteCombine-AAPL-NONEXIST`, `yfinance-rs_quote_v7_GS2C`).
 */
export function parseYahooQuotes(first: string, response: YahooJsonResponse): YahooQuote[] {
  const root = readEnvelope(first, response, "quoteResponse", "quote");
  const results = root.result;
  if (!Array.isArray(results)) throw badResponse(first, 'quoteResponse without a "result" list');
  return results.filter(isRecord).map(readQuote);
}

/**
 * The result objects of a v7 quote answer as Yahoo sent them (the live quotes read other fields of
 * them than valuation does), or the MarketDataError or YahooCrumbRefused the answer stands for.
 */
export function yahooQuoteResults(first: string, response: YahooJsonResponse): Record<string, unknown>[] {
  const root = readEnvelope(first, response, "quoteResponse", "quote");
  const results = root.result;
  if (!Array.isArray(results)) throw badResponse(first, 'quoteResponse without a "result" list');
  return results.filter(isRecord);
}

function readQuote(r: Record<string, unknown>): YahooQuote {
  const kind = QUOTE_TYPES[String(r.quoteType)] ?? "other";
  const time = yahooNumber(r.regularMarketTime);
  const price = yahooNumber(r.regularMarketPrice);
  const valuation: YahooValuation = {
    kind,
    priceTime: time === null ? null : time * 1000,
    priceCurrency: text(r.currency),
    price,
    // Per share in the trading currency's major unit: BABA's 4.81 and 9.87 are USD (124.73 ÷ 4.81 =
    // trailingPE 25.93, ÷ 9.87 = forwardPE 12.64) though its statements are CNY, and OCDO.L's -0.26
    // is pounds beside a price in pence. Not epsCurrentYear: that one is in the statements' currency
    // (BABA 62.96 CNY, and Yahoo's priceEpsCurrentYear 1.98 divides USD by CNY).
    epsTrailing: yahooNumber(r.epsTrailingTwelveMonths),
    epsForward: yahooNumber(r.epsForward),
    peTrailing: yahooNumber(r.trailingPE),
    peForward: yahooNumber(r.forwardPE),
    marketCap: yahooNumber(r.marketCap),
    sharesOutstanding: yahooNumber(r.sharesOutstanding),
    notes: [],
  };
  const figures = [valuation.epsTrailing, valuation.epsForward, valuation.peTrailing, valuation.peForward, valuation.marketCap];
  return {
    symbol: String(r.symbol ?? ""),
    valuation,
    financialCurrency: text(r.financialCurrency),
    empty: price === null && figures.every((figure) => figure === null),
    lacks: {
      epsTrailing: kind === "equity" && valuation.epsTrailing === null,
      epsForward: kind === "equity" && valuation.epsForward === null,
    },
  };
}

/** What quoteSummary adds for one symbol (modules summaryDetail, defaultKeyStatistics, financialData, price, earningsTrend). */
export interface YahooSummary {
  readonly kind: SecurityKind | null;
  readonly currency: string | null;
  readonly financialCurrency: string | null;
  readonly price: number | null;
  readonly priceTime: number | null;
  readonly epsTrailing: number | null;
  readonly epsForward: number | null;
  /** Consensus EPS of the next fiscal year (earningsTrend "+1y"), in `currency` of its own (`earningsCurrency`). */
  readonly epsNextYear: { readonly value: number; readonly currency: string | null; readonly endDate: string } | null;
  readonly peTrailing: number | null;
  readonly peForward: number | null;
  readonly marketCap: number | null;
  readonly sharesOutstanding: number | null;
}

/**
 * One symbol's quoteSummary answer, whichever of the modules it holds, numbers plain or `{raw, fmt}`
 * (earningsTrend and earningsHistory keep `{raw, fmt}` even with formatted=false). A 404 "No
 * fundamentals data found" (delisted `ADH`, crypto, funds' earningsTrend) is no-data.
 *
 * Not read on purpose: `defaultKeyStatistics.forwardPE`, which Yahoo computes from the price and the
 * earningsTrend EPS without converting either (BABA 1.955 = USD ÷ CNY, OCDO.L -860 = pence ÷ pounds);
 * summaryDetail's P/Es are the consistent ones (BABA 14.56 = 143.75 ÷ 9.87).
 */
export function parseYahooQuoteSummary(symbol: string, response: YahooJsonResponse): YahooSummary {
  const root = readEnvelope(symbol, response, "quoteSummary", "quoteSummary");
  const results = root.result;
  const result = Array.isArray(results) ? results[0] : undefined;
  if (!isRecord(result)) throw noFundamentals(symbol, "an empty result");
  const module = (name: string): Record<string, unknown> => (isRecord(result[name]) ? result[name] : {});
  const price = module("price");
  const detail = module("summaryDetail");
  const stats = module("defaultKeyStatistics");
  const financial = module("financialData");
  const time = yahooNumber(price.regularMarketTime);
  const legalType = text(stats.legalType);
  const quoteType = text(price.quoteType);
  const kind = quoteType !== null ? (QUOTE_TYPES[quoteType] ?? "other") : legalType !== null && /fund/i.test(legalType) ? "fund" : null;
  return {
    kind,
    currency: text(price.currency) ?? text(detail.currency),
    financialCurrency: text(financial.financialCurrency) ?? text(module("earnings").financialCurrency),
    price: yahooNumber(price.regularMarketPrice),
    priceTime: time === null ? null : time * 1000,
    epsTrailing: yahooNumber(stats.trailingEps),
    epsForward: yahooNumber(stats.forwardEps),
    epsNextYear: nextYearEstimate(module("earningsTrend")),
    peTrailing: yahooNumber(detail.trailingPE),
    peForward: yahooNumber(detail.forwardPE),
    marketCap: yahooNumber(price.marketCap) ?? yahooNumber(detail.marketCap),
    sharesOutstanding: yahooNumber(stats.sharesOutstanding),
  };
}

/**
 * The "+1y" consensus of earningsTrend, counted only when it is a real estimate: Yahoo fills quarters
 * it has none for with zeros, no end date and no currency (OCDO.L's "0q" and "+1q").
 */
function nextYearEstimate(trend: Record<string, unknown>): YahooSummary["epsNextYear"] {
  const rows = Array.isArray(trend.trend) ? trend.trend.filter(isRecord) : [];
  const row = rows.find((candidate) => candidate.period === "+1y");
  if (row === undefined || !isRecord(row.earningsEstimate)) return null;
  const estimate = row.earningsEstimate;
  const value = yahooNumber(estimate.avg);
  const analysts = yahooNumber(estimate.numberOfAnalysts);
  const endDate = text(row.endDate);
  if (value === null || endDate === null || analysts === 0) return null;
  return { value, currency: text(estimate.earningsCurrency), endDate };
}

/**
 * The envelope `{<key>: {result, error}}` of a 200 answer, or the MarketDataError (or
 * YahooCrumbRefused) any other answer stands for. Errors come as `{finance: {error}}` for the
 * crumb and as `{<key>: {error}}` for a symbol Yahoo has nothing for.
 */
function readEnvelope(symbol: string, response: YahooJsonResponse, key: string, endpoint: string): Record<string, unknown> {
  const { status, body } = response;
  const parsed = tryParseJson(body);
  const value = parsed.ok && isRecord(parsed.value) ? parsed.value : null;
  const error = value === null ? null : (errorOf(value.finance) ?? errorOf(value[key]));
  if (status === 401 || status === 403) {
    const said =
      error === null ? `HTTP ${status}, ${describeNonJson(body)}` : `HTTP ${status} "${snippet(`${error.code}: ${error.description}`)}"`;
    throw new YahooCrumbRefused(said);
  }
  if (status === 429) {
    const wait = response.retryAfterSeconds ?? null;
    const hint = wait === null ? "try again in a minute" : `Yahoo asks to wait ${wait} s`;
    throw new MarketDataError("rate-limited", `Yahoo is rate-limiting requests (HTTP 429) for ${symbol}: ${hint}`, symbol, wait);
  }
  if (status >= 500)
    throw new MarketDataError("unavailable", `Yahoo is unavailable (HTTP ${status}) for ${symbol}: try again later`, symbol);
  if (value === null) throw badResponse(symbol, `HTTP ${status}, ${describeNonJson(body)} instead of ${endpoint} JSON`);
  if (error !== null) {
    if (status === 404 || /not ?found/i.test(error.code)) throw noFundamentals(symbol, `"${snippet(error.description)}"`);
    throw badResponse(symbol, `HTTP ${status}, Yahoo says "${snippet(`${error.code}: ${error.description}`)}"`);
  }
  const root = value[key];
  if (!isRecord(root)) throw badResponse(symbol, `HTTP ${status}, JSON without a "${key}" object`);
  if (status !== 200) throw badResponse(symbol, `unexpected HTTP ${status}`);
  return root;
}

function errorOf(envelope: unknown): { code: string; description: string } | null {
  if (!isRecord(envelope) || !isRecord(envelope.error)) return null;
  return { code: String(envelope.error.code ?? ""), description: String(envelope.error.description ?? "") };
}

function noFundamentals(symbol: string, said: string): MarketDataError {
  return new MarketDataError("no-data", `Yahoo has no fundamentals for ${symbol} (${said})`, symbol);
}

function badResponse(symbol: string, detail: string): MarketDataError {
  return new MarketDataError("bad-response", `Yahoo sent an unreadable response for ${symbol} (${detail})`, symbol);
}

/** True when two currency texts name the same major currency ("GBp" and "GBP"). */
export function sameMajorCurrency(a: string | null, b: string | null): boolean {
  const x = majorCurrency(a);
  const y = majorCurrency(b);
  return x !== null && y !== null && x.code === y.code;
}
