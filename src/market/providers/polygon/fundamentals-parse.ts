import { parsePolygonAggsPage, polygonFailure, PolygonResponse, POLYGON_TIME_ZONE } from "./parse";
import { amountOf, answerObject, ascendingQuarters, upstreamErrors } from "../shared";
import {
  EarningsHistory,
  isRecord,
  MarketDataError,
  QuarterlyEarnings,
  SecurityKind,
  TradingDay,
  tradingDayOf,
  tradingDayOfIsoDate,
} from "../../core";

/**
 * Pure readers of Polygon's (Massive's) valuation answers (FORMATS.md §4): ticker details
 * (market cap, shares, currency, type), the previous day's bar (the price: the aggregates format)
 * and the financials (diluted EPS per quarter, with the filing date).
 */

const LABEL = "Polygon.io";
const errors = upstreamErrors(LABEL);

export interface PolygonDetails {
  readonly kind: SecurityKind;
  /** `currency_name`, lower case as Polygon writes it ("usd"). */
  readonly currency: string | null;
  readonly marketCap: number | null;
  readonly sharesOutstanding: number | null;
}

/** Polygon's `type` codes (its /v3/reference/tickers/types list) as what valuation needs to know. */
const TYPES: Readonly<Record<string, SecurityKind>> = {
  CS: "equity",
  ADRC: "equity",
  OS: "equity",
  GDR: "equity",
  ETF: "fund",
  ETN: "fund",
  ETV: "fund",
  ETS: "fund",
  FUND: "fund",
  INDEX: "index",
};

/**
 * /v3/reference/tickers/{ticker}: `results.market_cap` (absolute, in `currency_name`),
 * `share_class_shares_outstanding` (else `weighted_shares_outstanding`), `type`. No price, P/E or EPS.
 */
export function parsePolygonDetails(symbol: string, response: PolygonResponse): PolygonDetails {
  const root = answerObject(polygonFailure, symbol, response, "ticker details JSON");
  const results = root.results;
  if (!isRecord(results)) throw errors.unknownSymbol(symbol, "ticker details without results");
  return {
    kind: TYPES[String(results.type)] ?? "other",
    currency: typeof results.currency_name === "string" && results.currency_name !== "" ? results.currency_name : null,
    marketCap: amountOf(results.market_cap),
    sharesOutstanding: amountOf(results.share_class_shares_outstanding) ?? amountOf(results.weighted_shares_outstanding),
  };
}

/** /v2/aggs/ticker/{ticker}/prev: the last session's close and its New York date; null when Polygon has no bar. */
export function parsePolygonPreviousClose(
  symbol: string,
  response: PolygonResponse,
): { readonly close: number; readonly day: TradingDay } | null {
  const { bars } = parsePolygonAggsPage(symbol, response);
  const priced = bars.filter((bar) => Number.isFinite(bar.close)).sort((a, b) => a.day - b.day);
  const last = priced[priced.length - 1];
  return last === undefined ? null : { close: last.close, day: last.day };
}

/** One filed period of the financials. */
export interface PolygonQuarter extends QuarterlyEarnings {
  readonly fiscalPeriod: string;
}

/**
 * /vX/reference/financials?ticker=…&timeframe=quarterly: per filing, `end_date` (the period's last
 * day), `filing_date` (when the 10-Q reached the SEC: on or after the earnings release, so a
 * point-in-time P/E never uses a number before it was public) and
 * `financials.income_statement.diluted_earnings_per_share` `{value, unit: "USD / shares"}`. Rows
 * without diluted EPS, or with a unit in another currency than `currency`, are left out.
 */
export function parsePolygonFinancials(symbol: string, response: PolygonResponse): { quarters: PolygonQuarter[]; currency: string | null } {
  const root = answerObject(polygonFailure, symbol, response, "financials JSON");
  const rows = root.results ?? [];
  if (!Array.isArray(rows)) throw errors.badResponse(symbol, '"results" is not a list');
  const quarters: PolygonQuarter[] = [];
  const currencies = new Set<string>();
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!isRecord(row)) throw errors.badResponse(symbol, `result ${i + 1} is not an object`);
    const income = isRecord(row.financials) && isRecord(row.financials.income_statement) ? row.financials.income_statement : {};
    const item = income.diluted_earnings_per_share;
    const eps = isRecord(item) ? amountOf(item.value) : null;
    const periodEnd = typeof row.end_date === "string" ? tradingDayOfIsoDate(row.end_date) : null;
    const reportedOn = typeof row.filing_date === "string" ? tradingDayOfIsoDate(row.filing_date) : null;
    if (eps === null || periodEnd === null || reportedOn === null) continue;
    const unit = isRecord(item) && typeof item.unit === "string" ? /^([A-Za-z]{3})\s*\/\s*shares$/i.exec(item.unit)?.[1] : undefined;
    if (unit !== undefined) currencies.add(unit.toUpperCase());
    quarters.push({ periodEnd, reportedOn, eps, fiscalPeriod: String(row.fiscal_period ?? "") });
  }
  if (currencies.size > 1) throw errors.badResponse(symbol, `EPS in several currencies (${[...currencies].join(", ")})`);
  return { quarters, currency: currencies.size === 1 ? [...currencies][0] : null };
}

/** The quarterly EPS history of a financials answer (ascending by filing date, only filed ones). */
export function polygonEarnings(symbol: string, financials: ReturnType<typeof parsePolygonFinancials>, fetchedAt: number): EarningsHistory {
  const quarterly = financials.quarters.filter((quarter) => /^Q[1-4]$/.test(quarter.fiscalPeriod));
  const quarters = ascendingQuarters(
    quarterly.map(({ periodEnd, reportedOn, eps }) => ({ periodEnd, reportedOn, eps })),
    tradingDayOf(fetchedAt, POLYGON_TIME_ZONE),
  );
  if (quarters.length === 0) throw new MarketDataError("no-data", `${LABEL} has no quarterly diluted EPS for ${symbol}`, symbol);
  return { symbol, provider: "polygon", fetchedAt, currency: financials.currency, quarters, demo: false };
}

/**
 * EPS over the last twelve months: the sum of the four latest quarters, when they are four
 * consecutive quarters (their ends about 91 days apart); null otherwise, with the reason.
 */
export function trailingFromQuarters(quarters: readonly QuarterlyEarnings[]): { eps: number } | { missing: string } {
  const ended = quarters.filter((quarter): quarter is QuarterlyEarnings & { periodEnd: number } => quarter.periodEnd !== null);
  const latest = ended
    .slice()
    .sort((a, b) => b.periodEnd - a.periodEnd)
    .slice(0, 4);
  if (latest.length < 4)
    return { missing: `Polygon.io's financials hold ${latest.length} quarter${latest.length === 1 ? "" : "s"} with diluted EPS, not four` };
  for (let i = 1; i < 4; i++) {
    const gap = latest[i - 1].periodEnd - latest[i].periodEnd;
    if (gap < 80 || gap > 100) return { missing: "Polygon.io's four latest quarters with diluted EPS are not consecutive" };
  }
  return { eps: latest.reduce((sum, quarter) => sum + quarter.eps, 0) };
}
