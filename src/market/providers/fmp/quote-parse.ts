import { fmpFailure, FmpResponse } from "./parse";
import { fmpSymbol } from "./symbol";
import { amountOf, buildLiveQuote, changeFraction, quoteOutcome, quoteTime, upstreamErrors } from "../shared";
import { isRecord, MarketDataError, QuoteOutcome, Ticker, tryParseJson } from "../../core";

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
  const failure = fmpFailure(first, response, "a JSON quote list");
  if (failure !== null) throw failure;
  const parsed = tryParseJson(response.body);
  const rows = parsed.ok ? parsed.value : null;
  if (!Array.isArray(rows)) throw errors.badResponse(first, "JSON that is not a list (expected a JSON quote list)");
  const bySymbol = new Map(rows.filter(isRecord).map((row) => [String(row.symbol ?? "").toUpperCase(), row]));
  const outcomes = new Map<Ticker, QuoteOutcome>();
  for (const ticker of tickers) {
    const row = bySymbol.get(fmpSymbol(ticker).toUpperCase());
    if (row === undefined) {
      outcomes.set(
        ticker,
        new MarketDataError("unknown-symbol", `${LABEL} has no quote for ${ticker}: the ticker is unknown to FMP`, ticker),
      );
      continue;
    }
    outcomes.set(
      ticker,
      quoteOutcome(() =>
        buildLiveQuote(
          {
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
          },
          LABEL,
        ),
      ),
    );
  }
  return outcomes;
}
