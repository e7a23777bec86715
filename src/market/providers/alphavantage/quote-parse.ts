import { alphaVantageFailure, AlphaVantageResponse } from "./parse";
import { amountOf, answerObject, buildLiveQuote, changeFraction, upstreamErrors } from "../shared";
import { isRecord, LiveQuote, Ticker } from "../../core";

const LABEL = "Alpha Vantage";
const errors = upstreamErrors(LABEL);

/**
 * `ticker`'s live quote from an Alpha Vantage GLOBAL_QUOTE answer (FORMATS.md §3), or the
 * MarketDataError it stands for: a notice in place of the data (rate limit, premium, daily quota,
 * the demo key, an invalid key; all with HTTP 200), or an empty `"Global Quote": {}` for a symbol it
 * does not know (unknown-symbol). Every value is a string: "05. price" "121.7400", "10. change
 * percent" "0.4207%". "07. latest trading day" is a date without a time, so `time` is null; no
 * currency and no delay are stated.
 */
export function parseAlphaVantageLiveQuote(ticker: Ticker, response: AlphaVantageResponse, fetchedAt: number): LiveQuote {
  const root = answerObject(alphaVantageFailure, ticker, response, "GLOBAL_QUOTE JSON");
  const quote = root["Global Quote"];
  if (!isRecord(quote)) throw errors.badResponse(ticker, 'no "Global Quote" object');
  if (Object.keys(quote).length === 0) throw errors.unknownSymbol(ticker, "an empty Global Quote");
  return buildLiveQuote(
    {
      symbol: ticker,
      provider: "alphavantage",
      fetchedAt,
      currency: null,
      price: amountOf(quote["05. price"]),
      change: amountOf(quote["09. change"]),
      changePct: changeFraction(quote["10. change percent"], "percent"),
      prevClose: amountOf(quote["08. previous close"]),
      open: amountOf(quote["02. open"]),
      dayHigh: amountOf(quote["03. high"]),
      dayLow: amountOf(quote["04. low"]),
      volume: amountOf(quote["06. volume"]),
      time: null,
      delayMinutes: null,
    },
    LABEL,
  );
}
