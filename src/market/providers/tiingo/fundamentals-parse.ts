import { tiingoFailure, TiingoResponse } from "./parse";
import { amountOf, answerList, upstreamErrors } from "../shared";
import { isRecord, MarketDataError, snippet, tradingDayOfIsoDate } from "../../core";

/**
 * Pure readers of Tiingo's valuation answers (FORMATS.md §5): the daily fundamentals (P/E and market
 * cap per trading day, ascending; no EPS, forward P/E or shares) and the IEX quote (the last price,
 * with a New York timestamp carrying nine fractional digits).
 */

const LABEL = "Tiingo";
const errors = upstreamErrors(LABEL);
/** A daily row's date label: the trading date at midnight UTC. */
const DAILY_DATE = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?(?:Z|\+00:00)$/;

/**
 * /tiingo/fundamentals/{ticker}/daily: the latest row's `peRatio` and `marketCap` (absolute USD with
 * float noise digits), and its date. An empty list means Tiingo has no daily fundamentals for the
 * ticker on this account: its fundamentals are an add-on (free accounts get the Dow 30 to evaluate),
 * and cover stocks only, so it is answered plan-limit.
 */
export function parseTiingoDailyFundamentals(
  symbol: string,
  response: TiingoResponse,
): { readonly peRatio: number | null; readonly marketCap: number | null; readonly date: string } {
  const rows = answerList(tiingoFailure, symbol, response, "daily fundamentals JSON");
  if (rows === null) throw errors.badResponse(symbol, "JSON that is not a list of daily fundamentals");
  const dated = rows
    .filter(isRecord)
    .map((row) => ({ row, date: typeof row.date === "string" ? DAILY_DATE.exec(row.date)?.[1] : undefined }))
    .filter(
      (entry): entry is { row: Record<string, unknown>; date: string } =>
        entry.date !== undefined && tradingDayOfIsoDate(entry.date) !== null,
    )
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const latest = dated[dated.length - 1];
  if (latest === undefined) {
    if (rows.length > 0) throw errors.badResponse(symbol, `no row with a daily date (first: ${snippet(JSON.stringify(rows[0]), 60)})`);
    throw new MarketDataError(
      "plan-limit",
      `${LABEL} sent no daily fundamentals for ${symbol}: its fundamentals are an add-on (free accounts get the Dow 30 only) and cover stocks, not funds`,
      symbol,
    );
  }
  return { peRatio: amountOf(latest.row.peRatio), marketCap: amountOf(latest.row.marketCap), date: latest.date };
}

/**
 * /iex/{ticker}: `tngoLast` (else `last`) and `timestamp`, an ISO instant with the New York offset and
 * nanoseconds (cut to milliseconds to read it). An unknown ticker is `[]` with HTTP 200.
 */
export function parseTiingoIexQuote(
  symbol: string,
  response: TiingoResponse,
): { readonly price: number | null; readonly time: number | null } {
  const rows = answerList(tiingoFailure, symbol, response, "IEX quote JSON");
  if (rows === null) throw errors.badResponse(symbol, "JSON that is not a list of quotes");
  const row = rows.find(isRecord);
  if (row === undefined) throw errors.unknownSymbol(symbol, "an empty IEX quote list");
  // Tiingo names the ticker of each row: a quote of another ticker must not price this one.
  if (typeof row.ticker === "string" && row.ticker.toUpperCase() !== symbol.toUpperCase()) {
    throw errors.badResponse(symbol, `an IEX quote of ${row.ticker}`);
  }
  return { price: amountOf(row.tngoLast) ?? amountOf(row.last), time: instantOf(row.timestamp) };
}

/** "2020-07-20T11:05:47.516724714-04:00" in ms since 1970 (fraction cut to milliseconds), or null. */
export function instantOf(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (match === null) return null;
  const millis = (match[2] ?? "").slice(0, 3).padEnd(3, "0");
  const time = Date.parse(`${match[1]}.${millis}${match[3]}`);
  return Number.isFinite(time) ? time : null;
}
