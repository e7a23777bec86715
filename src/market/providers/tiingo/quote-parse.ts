import { tiingoFailure, TiingoResponse } from "./parse";
import { tiingoSymbol } from "./symbol";
import { amountOf, answerList, quotesOfRows, quoteTime, upstreamErrors } from "../shared";
import { isRecord, MarketDataError, QuoteOutcome, Ticker } from "../../core";

const LABEL = "Tiingo";
const errors = upstreamErrors(LABEL);

/**
 * The live quotes in a Tiingo IEX answer (FORMATS.md §5: /iex/{ticker}, and /iex/?tickers=a,b with
 * the same rows) for the `tickers` asked, or the MarketDataError the whole answer stands for. A list
 * of rows, one per ticker Tiingo knows (an unknown one is left out, `[]` with HTTP 200 for one
 * ticker: unknown-symbol): `tngoLast` (else `last`), `prevClose`, `open`, `high`, `low`, `volume`,
 * `timestamp` (ISO with the New York offset and nine fractional digits). No change is sent: it is
 * computed from the previous close. IEX is a US exchange: prices in USD; no delay is stated.
 */
export function parseTiingoQuotes(tickers: readonly Ticker[], response: TiingoResponse, fetchedAt: number): Map<Ticker, QuoteOutcome> {
  const first = tickers[0] ?? "";
  const rows = answerList(tiingoFailure, first, response, "IEX quote JSON");
  if (rows === null) throw errors.badResponse(first, "JSON that is not a list of quotes");
  return quotesOfRows(tickers, rows.filter(isRecord), {
    label: LABEL,
    symbolOf: (row) => row.ticker,
    wire: tiingoSymbol,
    missing: (ticker) =>
      new MarketDataError("unknown-symbol", `${LABEL} has no IEX quote for ${ticker}: the ticker is unknown to Tiingo`, ticker),
    draft: (ticker, row) => ({
      symbol: ticker,
      provider: "tiingo",
      fetchedAt,
      currency: "USD",
      price: amountOf(row.tngoLast) ?? amountOf(row.last),
      change: null,
      changePct: null,
      prevClose: amountOf(row.prevClose),
      open: amountOf(row.open),
      dayHigh: amountOf(row.high),
      dayLow: amountOf(row.low),
      volume: amountOf(row.volume),
      time: quoteTime(row.timestamp),
      delayMinutes: null,
    }),
  });
}
