import { twelveDataFailure, TwelveDataResponse } from "./parse";
import { amountOf, answerObject, SnapshotDraft } from "../shared";
import { isRecord, MarketDataError, Ticker, tradingDayOfIsoDate } from "../../core";
import { twelveDataSymbol } from "./symbol";

/**
 * Pure readers of Twelve Data's valuation answers (FORMATS.md §6): /statistics (P/Es, EPS ttm,
 * market cap, shares, in `meta.currency`; missing = null; no price) and /quote (the price, as a
 * string with five decimals). Errors are `{"status":"error", code, message}`, read by twelveDataFailure.
 */

export type TwelveDataStatistics = Pick<
  SnapshotDraft,
  "kind" | "priceCurrency" | "epsTrailing" | "epsForward" | "peTrailing" | "peForward" | "marketCap" | "sharesOutstanding"
>;

/**
 * /statistics?symbol=…: `statistics.valuations_metrics.{trailing_pe, forward_pe, market_capitalization}`,
 * `statistics.financials.income_statement.diluted_eps_ttm`, `statistics.stock_statistics.shares_outstanding`.
 * For an ADR these are per depositary share in the quoted currency (TSM: 6.22 × 29.56 = 183.8 USD,
 * the price market cap ÷ shares gives); its revenue and enterprise value are in other units and are not read.
 */
export function parseTwelveDataStatistics(symbol: string, response: TwelveDataResponse): TwelveDataStatistics {
  const root = answerObject(twelveDataFailure, symbol, response, "statistics JSON");
  const meta = isRecord(root.meta) ? root.meta : {};
  const statistics = isRecord(root.statistics) ? root.statistics : {};
  const section = (parent: Record<string, unknown>, name: string): Record<string, unknown> =>
    isRecord(parent[name]) ? (parent[name] as Record<string, unknown>) : {};
  const valuations = section(statistics, "valuations_metrics");
  const income = section(section(statistics, "financials"), "income_statement");
  const shares = section(statistics, "stock_statistics");
  return {
    kind: "equity",
    priceCurrency: typeof meta.currency === "string" && meta.currency !== "" ? meta.currency : null,
    epsTrailing: amountOf(income.diluted_eps_ttm),
    epsForward: null,
    peTrailing: amountOf(valuations.trailing_pe),
    peForward: amountOf(valuations.forward_pe),
    marketCap: amountOf(valuations.market_capitalization),
    sharesOutstanding: amountOf(shares.shares_outstanding),
  };
}

/**
 * /quote?symbol=… (recorded as the per-symbol parts of a /batch): `close` (the latest price, a
 * string), `currency` and `datetime`, the exchange's trading date. Its `timestamp` is not the time of
 * the price (15:00 New York for a close), so the price is dated by `datetime` only.
 */
export function parseTwelveDataQuote(
  symbol: string,
  response: TwelveDataResponse,
): { readonly price: number | null; readonly currency: string | null; readonly date: string | null } {
  const root = answerObject(twelveDataFailure, symbol, response, "quote JSON");
  // Each quote names its symbol: a quote of another symbol must not price this one.
  const wire = twelveDataSymbol(symbol as Ticker).symbol;
  if (typeof root.symbol === "string" && root.symbol.toUpperCase() !== wire.toUpperCase()) {
    throw new MarketDataError("bad-response", `Twelve Data answered the quote of ${symbol} with a quote of ${root.symbol}`, symbol);
  }
  const date =
    typeof root.datetime === "string" && tradingDayOfIsoDate(root.datetime.slice(0, 10)) !== null ? root.datetime.slice(0, 10) : null;
  return {
    price: amountOf(root.close),
    currency: typeof root.currency === "string" && root.currency !== "" ? root.currency : null,
    date,
  };
}
