import { tiingoFailure, TiingoResponse } from "./parse";
import { tiingoSymbol } from "./symbol";
import { amountOf, buildLiveQuote, quoteOutcome, quoteTime, upstreamErrors } from "../shared";
import { isRecord, MarketDataError, QuoteOutcome, Ticker, tryParseJson } from "../../core";

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
  const failure = tiingoFailure(first, response, "IEX quote JSON");
  if (failure !== null) throw failure;
  const parsed = tryParseJson(response.body);
  const rows = parsed.ok ? parsed.value : null;
  if (!Array.isArray(rows)) throw errors.badResponse(first, "JSON that is not a list of quotes");
  const byTicker = new Map(rows.filter(isRecord).map((row) => [String(row.ticker ?? "").toUpperCase(), row]));
  const outcomes = new Map<Ticker, QuoteOutcome>();
  for (const ticker of tickers) {
    const row = byTicker.get(tiingoSymbol(ticker).toUpperCase());
    if (row === undefined) {
      outcomes.set(
        ticker,
        new MarketDataError("unknown-symbol", `${LABEL} has no IEX quote for ${ticker}: the ticker is unknown to Tiingo`, ticker),
      );
      continue;
    }
    outcomes.set(
      ticker,
      quoteOutcome(() =>
        buildLiveQuote(
          {
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
          },
          LABEL,
        ),
      ),
    );
  }
  return outcomes;
}
