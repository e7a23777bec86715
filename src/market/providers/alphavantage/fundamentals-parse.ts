import { alphaVantageFailure, AlphaVantageResponse } from "./parse";
import { amountOf, answerObject, ascendingQuarters, SnapshotDraft, upstreamErrors } from "../shared";
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
 * Pure readers of Alpha Vantage's valuation answers (FORMATS.md §3): OVERVIEW, GLOBAL_QUOTE and
 * EARNINGS. Every value is a string, numbers included; "None" (and "-", reported) means missing.
 * Errors come as HTTP 200 notices, read by alphaVantageFailure; an unknown symbol is `{}`.
 */

const LABEL = "Alpha Vantage";
const errors = upstreamErrors(LABEL);
const ZONE = "America/New_York";

/** What OVERVIEW says of a company, before the price is known. */
export type AlphaVantageOverview = Pick<
  SnapshotDraft,
  "kind" | "priceCurrency" | "epsTrailing" | "epsForward" | "peTrailing" | "peForward" | "marketCap" | "sharesOutstanding"
> & {
  /** `LatestQuarter`: the last quarter the figures include. */
  readonly latestQuarter: string | null;
};

const ASSET_TYPES: Readonly<Record<string, SecurityKind>> = {
  "common stock": "equity",
  etf: "fund",
  "mutual fund": "fund",
};

/**
 * OVERVIEW?symbol=…: EPS ttm (`DilutedEPSTTM`, else `EPS`), P/Es (`TrailingPE`, else `PERatio`, and
 * `ForwardPE`), market cap, shares, currency. It has no price, time or forward EPS.
 */
export function parseAlphaVantageOverview(symbol: string, response: AlphaVantageResponse): AlphaVantageOverview {
  const root = answerObject(alphaVantageFailure, symbol, response, "OVERVIEW JSON");
  if (Object.keys(root).length === 0 || root.Symbol === undefined) {
    throw errors.unknownSymbol(symbol, "an empty company overview (unknown symbol, or a listing OVERVIEW does not cover)");
  }
  const assetType = typeof root.AssetType === "string" ? root.AssetType.trim().toLowerCase() : "";
  return {
    kind: ASSET_TYPES[assetType] ?? (assetType === "" ? "equity" : "other"),
    priceCurrency: typeof root.Currency === "string" && root.Currency !== "None" ? root.Currency : null,
    epsTrailing: amountOf(root.DilutedEPSTTM) ?? amountOf(root.EPS),
    epsForward: null,
    peTrailing: amountOf(root.TrailingPE) ?? amountOf(root.PERatio),
    peForward: amountOf(root.ForwardPE),
    marketCap: amountOf(root.MarketCapitalization),
    sharesOutstanding: amountOf(root.SharesOutstanding),
    latestQuarter: typeof root.LatestQuarter === "string" && tradingDayOfIsoDate(root.LatestQuarter) !== null ? root.LatestQuarter : null,
  };
}

/** GLOBAL_QUOTE?symbol=…: the latest price (`05. price`) and its trading day (`07. latest trading day`, a date without a time). */
export function parseAlphaVantageGlobalQuote(
  symbol: string,
  response: AlphaVantageResponse,
): { price: number | null; day: TradingDay | null } {
  const root = answerObject(alphaVantageFailure, symbol, response, "GLOBAL_QUOTE JSON");
  const quote = root["Global Quote"];
  if (!isRecord(quote)) throw errors.badResponse(symbol, 'no "Global Quote" object');
  if (Object.keys(quote).length === 0) throw errors.unknownSymbol(symbol, "an empty Global Quote");
  const date = quote["07. latest trading day"];
  return { price: amountOf(quote["05. price"]), day: typeof date === "string" ? tradingDayOfIsoDate(date) : null };
}

/**
 * EARNINGS?symbol=…: `quarterlyEarnings` (newest first) with `fiscalDateEnding`, `reportedDate` and
 * `reportedEPS`; a quarter whose EPS is "None" is left out. `annualEarnings` is not read: its first
 * row is the current fiscal year to date (AAPL 2024-03-31 "3.71" = two quarters), not a year.
 */
export function parseAlphaVantageEarnings(symbol: string, response: AlphaVantageResponse, fetchedAt: number): EarningsHistory {
  const root = answerObject(alphaVantageFailure, symbol, response, "EARNINGS JSON");
  const rows = root.quarterlyEarnings;
  if (rows === undefined && Object.keys(root).length === 0) throw errors.unknownSymbol(symbol, "an empty EARNINGS answer");
  if (!Array.isArray(rows)) throw errors.badResponse(symbol, 'no "quarterlyEarnings" list');
  const quarters: QuarterlyEarnings[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row: unknown = rows[i];
    if (!isRecord(row)) throw errors.badResponse(symbol, `quarter ${i + 1} is not an object`);
    const periodEnd = typeof row.fiscalDateEnding === "string" ? tradingDayOfIsoDate(row.fiscalDateEnding) : null;
    const reportedOn = typeof row.reportedDate === "string" ? tradingDayOfIsoDate(row.reportedDate) : null;
    const eps = amountOf(row.reportedEPS);
    if (eps === null) continue;
    if (periodEnd === null || reportedOn === null)
      throw errors.badResponse(symbol, `quarter ${i + 1} has no fiscalDateEnding or reportedDate`);
    quarters.push({ periodEnd, reportedOn, eps });
  }
  if (quarters.length === 0) throw new MarketDataError("no-data", `${LABEL} has no reported quarterly EPS for ${symbol}`, symbol);
  return {
    symbol,
    provider: "alphavantage",
    fetchedAt,
    currency: null,
    quarters: ascendingQuarters(quarters, tradingDayOf(fetchedAt, ZONE)),
    demo: false,
  };
}
