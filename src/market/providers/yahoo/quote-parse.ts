import { changeFraction, quotesOfRows, quoteTime } from "../shared";
import { MarketDataError, QuoteOutcome, Ticker } from "../../core";
import { YahooJsonResponse, yahooNumber, yahooQuoteResults } from "./fundamentals-parse";
import { yahooSymbol } from "./symbol";

const LABEL = "Yahoo";

/**
 * The live quotes in a v7 `quote` answer (FORMATS.md §1.3) for the `tickers` it was asked for, or
 * the MarketDataError (YahooCrumbRefused for a refused cookie and crumb) the whole answer stands for.
 * Fields: `regularMarketPrice`, `regularMarketChange`, `regularMarketChangePercent` (percent),
 * `regularMarketPreviousClose`, `regularMarketOpen`, `regularMarketDayHigh`/`Low`,
 * `regularMarketVolume`, `regularMarketTime` (Unix seconds), `currency` ("GBp" for pence) and
 * `exchangeDataDelayedBy` (minutes: 15 for London, 0 for Nasdaq). A ticker Yahoo does not know is
 * left out of its answer: unknown-symbol. One it knows without a price (delisted ADH) is no-data.
 */
export function parseYahooLiveQuotes(
  tickers: readonly Ticker[],
  response: YahooJsonResponse,
  fetchedAt: number,
): Map<Ticker, QuoteOutcome> {
  return quotesOfRows(tickers, yahooQuoteResults(tickers[0] ?? "", response), {
    label: LABEL,
    symbolOf: (result) => result.symbol,
    wire: yahooSymbol,
    missing: (ticker) =>
      new MarketDataError("unknown-symbol", `Yahoo does not know the symbol ${ticker}: its quote answer leaves it out`, ticker),
    draft: (ticker, r) => ({
      symbol: ticker,
      provider: "yahoo",
      fetchedAt,
      currency: typeof r.currency === "string" ? r.currency : null,
      price: yahooNumber(r.regularMarketPrice),
      change: yahooNumber(r.regularMarketChange),
      changePct: changeFraction(yahooNumber(r.regularMarketChangePercent), "percent"),
      prevClose: yahooNumber(r.regularMarketPreviousClose),
      open: yahooNumber(r.regularMarketOpen),
      dayHigh: yahooNumber(r.regularMarketDayHigh),
      dayLow: yahooNumber(r.regularMarketDayLow),
      volume: yahooNumber(r.regularMarketVolume),
      time: quoteTime(yahooNumber(r.regularMarketTime)),
      delayMinutes: yahooNumber(r.exchangeDataDelayedBy),
    }),
  });
}
