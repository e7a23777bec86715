import { polygonFailure, PolygonResponse } from "./parse";
import { polygonSymbol } from "./symbol";
import { amountOf, answerObject, changeFraction, quotesOfRows, quoteTime, upstreamErrors } from "../shared";
import { isRecord, MarketDataError, QuoteOutcome, Ticker } from "../../core";

const LABEL = "Polygon.io";
const errors = upstreamErrors(LABEL);
/** Polygon's delayed plans answer `"status": "DELAYED"`: their data is 15 minutes late. */
const DELAYED_MINUTES = 15;

/**
 * The live quotes in a Polygon stocks snapshot (FORMATS.md §4) for the `tickers` asked, or the
 * MarketDataError the whole answer stands for (NOT_AUTHORIZED on a plan without snapshots: plan-limit).
 * Read alike from /v2/snapshot/locale/us/markets/stocks/tickers?tickers=A,B (`tickers: [...]`, an
 * unknown ticker left out: unknown-symbol) and /tickers/{T} (`ticker: {...}`): the last trade's
 * price `lastTrade.p` (else the day's running close `day.c`), `todaysChange`, `todaysChangePerc`
 * (percent), `prevDay.c`, `day.o/h/l/v`, and the last trade's time `lastTrade.t` (else `updated`) in
 * nanoseconds. Polygon's stocks are US listings: USD. The delay is stated only by `"status": "DELAYED"`.
 */
export function parsePolygonSnapshots(tickers: readonly Ticker[], response: PolygonResponse, fetchedAt: number): Map<Ticker, QuoteOutcome> {
  const first = tickers[0] ?? "";
  const root = answerObject(polygonFailure, first, response, "snapshot JSON");
  const rows = Array.isArray(root.tickers) ? root.tickers.filter(isRecord) : isRecord(root.ticker) ? [root.ticker] : null;
  if (rows === null) throw errors.badResponse(first, 'a snapshot without "tickers" or "ticker"');
  const delayMinutes = root.status === "DELAYED" ? DELAYED_MINUTES : null;
  return quotesOfRows(tickers, rows, {
    label: LABEL,
    symbolOf: (row) => row.ticker,
    wire: polygonSymbol,
    missing: (ticker) =>
      new MarketDataError("unknown-symbol", `${LABEL} has no snapshot for ${ticker}: the ticker is unknown to Polygon`, ticker),
    draft: (ticker, row) => {
      const part = (name: string): Record<string, unknown> => (isRecord(row[name]) ? row[name] : {});
      const day = part("day");
      const lastTrade = part("lastTrade");
      return {
        symbol: ticker,
        provider: "polygon",
        fetchedAt,
        currency: "USD",
        price: positiveAmount(lastTrade.p) ?? positiveAmount(day.c) ?? positiveAmount(part("min").c),
        change: amountOf(row.todaysChange),
        changePct: changeFraction(row.todaysChangePerc, "percent"),
        prevClose: amountOf(part("prevDay").c),
        open: amountOf(day.o),
        dayHigh: amountOf(day.h),
        dayLow: amountOf(day.l),
        volume: amountOf(day.v),
        time: quoteTime(lastTrade.t) ?? quoteTime(row.updated),
        delayMinutes,
      };
    },
  });
}

/** Polygon writes 0 for a day's values before its first trade. */
function positiveAmount(value: unknown): number | null {
  const amount = amountOf(value);
  return amount !== null && amount > 0 ? amount : null;
}
