import { twelveDataFailure, TwelveDataResponse } from "./parse";
import { amountOf, answerObject, buildLiveQuote, changeFraction, quoteOutcome, quoteTime, upstreamErrors } from "../shared";
import { isRecord, MarketDataError, QuoteOutcome, Ticker } from "../../core";

const LABEL = "Twelve Data";
const errors = upstreamErrors(LABEL);

/**
 * The live quotes in a Twelve Data /quote answer (FORMATS.md §6) for the `tickers` asked, `wire`
 * spelling each as it was sent, or the MarketDataError the whole answer stands for. One symbol is
 * answered with the quote object itself; several (`symbol=AAPL,MSFT`, and /batch) with an object
 * keyed by symbol, where a symbol Twelve Data refused is an error object of its own
 * (`{"code":400,"message":"**symbol** not found: INVALID…","status":"error"}`): that ticker's outcome.
 * Values are strings with five decimals ("229.87000"); `percent_change` is percent; the time is
 * `last_quote_at` where sent, else `timestamp` (Unix seconds); no delay is stated.
 */
export function parseTwelveDataQuotes(
  tickers: readonly Ticker[],
  response: TwelveDataResponse,
  fetchedAt: number,
  wire: (ticker: Ticker) => string,
): Map<Ticker, QuoteOutcome> {
  const first = tickers[0] ?? "";
  const root = answerObject(twelveDataFailure, first, response, "quote JSON");
  const single = typeof root.symbol === "string";
  const outcomes = new Map<Ticker, QuoteOutcome>();
  for (const ticker of tickers) {
    const asked = wire(ticker);
    const entry = single
      ? tickers.length === 1 || String(root.symbol).toUpperCase() === asked.toUpperCase()
        ? root
        : undefined
      : root[asked];
    outcomes.set(ticker, entryOutcome(ticker, entry, fetchedAt));
  }
  return outcomes;
}

function entryOutcome(ticker: Ticker, entry: unknown, fetchedAt: number): QuoteOutcome {
  if (entry === undefined)
    return new MarketDataError("unknown-symbol", `${LABEL} sent no quote for ${ticker}: its answer leaves it out`, ticker);
  if (!isRecord(entry)) return errors.badResponse(ticker, "a quote that is not an object");
  const refusal = twelveDataFailure(ticker, { status: 200, body: JSON.stringify(entry) }, "quote JSON");
  if (refusal !== null) return refusal;
  return quoteOutcome(() =>
    buildLiveQuote(
      {
        symbol: ticker,
        provider: "twelvedata",
        fetchedAt,
        currency: typeof entry.currency === "string" ? entry.currency : null,
        price: amountOf(entry.close),
        change: amountOf(entry.change),
        changePct: changeFraction(entry.percent_change, "percent"),
        prevClose: amountOf(entry.previous_close),
        open: amountOf(entry.open),
        dayHigh: amountOf(entry.high),
        dayLow: amountOf(entry.low),
        volume: amountOf(entry.volume),
        time: quoteTime(entry.last_quote_at) ?? quoteTime(entry.timestamp),
        delayMinutes: null,
      },
      LABEL,
    ),
  );
}
