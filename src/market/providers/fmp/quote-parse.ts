import { fmpFailure, FmpResponse } from "./parse";
import { fmpSymbol } from "./symbol";
import { amountOf, answerList, changeFraction, quotesOfRows, quoteTime, upstreamErrors } from "../shared";
import { isRecord, MarketDataError, QuoteOutcome, Ticker } from "../../core";

const LABEL = "Financial Modeling Prep";
const errors = upstreamErrors(LABEL);

/**
 * The live quotes in an FMP quote answer (FORMATS.md §2) for the `tickers` asked, or the
 * MarketDataError the whole answer stands for (`{"Error Message": …}`, 401/402/403, 429, outage).
 * The answer is a JSON list of rows, one per symbol FMP knows (an unknown one is left out:
 * unknown-symbol), read the same from /stable/batch-quote, /stable/quote and the legacy
 * /api/v3/quote: `price`, `change`, `changePercentage` (stable) or `changesPercentage` (v3), in
 * percent, `previousClose`, `open`, `dayHigh`, `dayLow`, `volume` and `timestamp` (Unix seconds).
 * FMP names no currency in a quote and says nothing of a delay: both null.
 */
export function parseFmpQuotes(tickers: readonly Ticker[], response: FmpResponse, fetchedAt: number): Map<Ticker, QuoteOutcome> {
  const first = tickers[0] ?? "";
  const rows = answerList(fmpFailure, first, response, "a JSON quote list");
  if (rows === null) throw errors.badResponse(first, "JSON that is not a list (expected a JSON quote list)");
  return quotesOfRows(tickers, rows.filter(isRecord), {
    label: LABEL,
    symbolOf: (row) => row.symbol,
    wire: fmpSymbol,
    missing: (ticker) => new MarketDataError("unknown-symbol", `${LABEL} has no quote for ${ticker}: the ticker is unknown to FMP`, ticker),
    draft: (ticker, row) => ({
      symbol: ticker,
      provider: "fmp",
      fetchedAt,
      currency: null,
      price: amountOf(row.price),
      change: amountOf(row.change),
      changePct: changeFraction(row.changePercentage ?? row.changesPercentage, "percent"),
      prevClose: amountOf(row.previousClose),
      open: amountOf(row.open),
      dayHigh: amountOf(row.dayHigh),
      dayLow: amountOf(row.dayLow),
      volume: amountOf(row.volume),
      time: quoteTime(row.timestamp),
      delayMinutes: null,
    }),
  });
}
