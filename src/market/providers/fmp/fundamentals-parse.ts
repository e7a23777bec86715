import { fmpFailure, FmpResponse } from "./parse";
import { amountOf, answerList, ascendingQuarters } from "../shared";
import {
  EarningsHistory,
  isoDateOfTradingDay,
  isRecord,
  MarketDataError,
  QuarterlyEarnings,
  SecurityKind,
  TradingDay,
  tradingDayOf,
  tradingDayOfIsoDate,
} from "../../core";

/**
 * Pure readers of FMP's valuation answers (FORMATS.md §2), all from the current ("stable") API:
 * profile (price, currency, market cap, what the security is), ratios-ttm (P/E and EPS over the last
 * twelve months), analyst-estimates (consensus EPS per fiscal year) and earnings (reported EPS by
 * report date). Bodies are JSON arrays, even for one symbol; an unknown symbol is `[]`.
 */

const LABEL = "Financial Modeling Prep";
const ZONE = "America/New_York";

export interface FmpProfile {
  readonly kind: SecurityKind;
  readonly currency: string | null;
  readonly price: number | null;
  readonly marketCap: number | null;
  /** An ADR: FMP's per-share figures may then be in the statements' currency, which it does not name. */
  readonly isAdr: boolean;
}

/** /stable/profile?symbol=…: `price`, `currency`, `marketCap` (`mktCap` in the legacy v3 layout), `isEtf`/`isFund`, `isAdr`. */
export function parseFmpProfile(symbol: string, response: FmpResponse): FmpProfile {
  const row = firstRow(symbol, response, "a JSON profile list", "profile");
  const fund = row.isEtf === true || row.isFund === true;
  return {
    kind: fund ? "fund" : "equity",
    currency: typeof row.currency === "string" && row.currency.trim() !== "" ? row.currency : null,
    price: amountOf(row.price),
    marketCap: amountOf(row.marketCap) ?? amountOf(row.mktCap),
    isAdr: row.isAdr === true,
  };
}

/**
 * /stable/ratios-ttm?symbol=…: `priceToEarningsRatioTTM` and `netIncomePerShareTTM` (EPS over the
 * last twelve months). FMP writes 0 for ratios it has no figure for (`interestCoverageRatioTTM: 0`),
 * so 0 is missing here; a negative P/E is FMP's for a loss.
 */
export function parseFmpRatiosTtm(
  symbol: string,
  response: FmpResponse,
): { readonly peTrailing: number | null; readonly epsTrailing: number | null } {
  const row = firstRow(symbol, response, "a JSON ratio list", "TTM ratios");
  const nonZero = (value: unknown): number | null => {
    const amount = amountOf(value);
    return amount === 0 ? null : amount;
  };
  return { peTrailing: nonZero(row.priceToEarningsRatioTTM), epsTrailing: nonZero(row.netIncomePerShareTTM) };
}

/** The consensus EPS of the next fiscal year, or why there is none. */
export type FmpForwardEps = { readonly eps: number; readonly fiscalYearEnd: string } | { readonly missing: string };

/** A fiscal year is about 365 days; estimates dated within this many days of a year after another are that next year. */
const YEAR_DAYS = 365;
const YEAR_SLACK_DAYS = 45;

/**
 * /stable/analyst-estimates?symbol=…&period=annual: one row per fiscal year (`date` = its last day),
 * **newest first** (`limit=1` gives the year furthest out: AAPL 2029), and **0 for a missing
 * estimate** (MSFT 2030: `epsAvg 0` with 6 analysts). The forward EPS is the next fiscal year's
 * `epsAvg`: the year after the one in progress on `today` (Yahoo's forward EPS is the same year).
 */
export function parseFmpAnalystEstimates(symbol: string, response: FmpResponse, today: TradingDay): FmpForwardEps {
  const rows = rowsOf(symbol, response, "a JSON estimate list");
  const years = rows
    .map((row) => ({ day: typeof row.date === "string" ? tradingDayOfIsoDate(row.date) : null, date: row.date, eps: amountOf(row.epsAvg) }))
    .filter((year): year is { day: TradingDay; date: string; eps: number | null } => year.day !== null)
    .sort((a, b) => a.day - b.day);
  const listed = years.map((year) => String(year.date)).join(", ");
  const current = years.find((year) => year.day >= today);
  if (current === undefined || current.day - today > YEAR_DAYS + YEAR_SLACK_DAYS) {
    return {
      missing: `FMP's estimates (fiscal years ending ${listed || "none"}) hold no year in progress on ${isoDateOfTradingDay(today)}`,
    };
  }
  const next = years.find((year) => Math.abs(year.day - current.day - YEAR_DAYS) <= YEAR_SLACK_DAYS);
  if (next === undefined)
    return { missing: `FMP's estimates (fiscal years ending ${listed}) hold none for the year after ${current.date}` };
  if (next.eps === null || next.eps === 0) {
    return {
      missing: `FMP's EPS estimate for the fiscal year ending ${next.date} is ${next.eps === 0 ? "0, FMP's mark for none" : "missing"}`,
    };
  }
  return { eps: next.eps, fiscalYearEnd: next.date };
}

/**
 * /stable/earnings?symbol=…: one row per report, `date` being the day of the report (no fiscal
 * period: periodEnd is null), `epsActual` null for reports still to come, which are left out.
 */
export function parseFmpEarnings(symbol: string, response: FmpResponse, fetchedAt: number): EarningsHistory {
  const rows = rowsOf(symbol, response, "a JSON earnings list");
  if (rows.length === 0) throw unknown(symbol, "earnings");
  const quarters: QuarterlyEarnings[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const eps = amountOf(row.epsActual);
    if (eps === null) continue;
    const reportedOn = typeof row.date === "string" ? tradingDayOfIsoDate(row.date) : null;
    if (reportedOn === null) throw badResponse(symbol, `row ${i + 1} has no report date`);
    quarters.push({ periodEnd: null, reportedOn, eps });
  }
  const reported = ascendingQuarters(quarters, tradingDayOf(fetchedAt, ZONE));
  if (reported.length === 0) throw new MarketDataError("no-data", `${LABEL} has no reported quarterly EPS for ${symbol}`, symbol);
  return { symbol, provider: "fmp", fetchedAt, currency: null, quarters: reported, demo: false };
}

function rowsOf(symbol: string, response: FmpResponse, what: string): Record<string, unknown>[] {
  const rows = answerList(fmpFailure, symbol, response, what);
  if (rows === null) throw badResponse(symbol, `JSON that is not a list (expected ${what})`);
  return rows.filter(isRecord);
}

function firstRow(symbol: string, response: FmpResponse, what: string, name: string): Record<string, unknown> {
  const rows = rowsOf(symbol, response, what);
  if (rows.length === 0) throw unknown(symbol, name);
  return rows[0];
}

/** FMP answers a symbol it does not know with an empty list. */
function unknown(symbol: string, what: string): MarketDataError {
  return new MarketDataError("unknown-symbol", `${LABEL} has no ${what} for ${symbol}: the ticker is unknown to FMP`, symbol);
}

function badResponse(symbol: string, detail: string): MarketDataError {
  return new MarketDataError("bad-response", `${LABEL} sent an unreadable response for ${symbol} (${detail})`, symbol);
}
