import { loadQuote, watchQuote, quoteErrorOf } from "../../addin";
import { tradingDayOf, US_MARKET_TIME_ZONE, zonedInstant } from "../../market";
import type { LiveQuote } from "../../market";
import { plainCellValue } from "../args/cell-values";
import { dayToSerial } from "../args/days";
import { parseQuoteField } from "../args/quote-fields";
import type { QuoteField } from "../args/quote-fields";
import { tickerArgument } from "../args/tickers";
import { FormulaError, notAvailable, toFormulaError } from "../errors";

const MS_PER_DAY = 86_400_000;
const NOON_MINUTES = 12 * 60;

/**
 * An instant as an Excel date-time serial of New York wall-clock time, the market's time, as the
 * other functions' dates are New York trading days: a quote stamped 15:59:58 ET reads 15:59:58
 * wherever the analyst sits. (The offset is the day's, taken at noon: DST never changes in a session.)
 */
export function marketTimeSerial(time: number): number {
  const day = tradingDayOf(time, US_MARKET_TIME_ZONE);
  const offset = day * MS_PER_DAY + NOON_MINUTES * 60_000 - zonedInstant(day, NOON_MINUTES, US_MARKET_TIME_ZONE);
  return dayToSerial(0) + (time + offset) / MS_PER_DAY;
}

/** Where each field is in a LiveQuote, and its name in messages. */
const FIELDS: Record<QuoteField, readonly [keyof LiveQuote, string]> = {
  price: ["price", "price"],
  change: ["change", "change"],
  change_pct: ["changePct", "change in percent"],
  prev_close: ["prevClose", "previous close"],
  open: ["open", "open"],
  day_high: ["dayHigh", "day high"],
  day_low: ["dayLow", "day low"],
  volume: ["volume", "volume"],
  time: ["time", "quote time"],
  delay: ["delayMinutes", "delay"],
};

/** The cell's value of `field` in `quote`: a finite number, or #N/A saying the provider gives none. */
export function quoteValue(quote: LiveQuote, field: QuoteField): number {
  const [key, name] = FIELDS[field];
  const value = quote[key];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw notAvailable(
      `${quote.symbol}: ${quote.provider} ${field === "delay" ? "does not say how much its quote lags" : `gives no ${name}`}`,
    );
  }
  return field === "time" ? marketTimeSerial(value) : value;
}

function quoteArgs(ticker: unknown, field: unknown): { ticker: ReturnType<typeof tickerArgument>; field: QuoteField } {
  return { ticker: tickerArgument(plainCellValue(ticker), "ticker"), field: parseQuoteField(plainCellValue(field), "field") };
}

/** QUOTE evaluated once (the CLI, a preview): the current quote's field. */
export async function quoteFormula(ticker: unknown, field: unknown): Promise<number> {
  const args = quoteArgs(ticker, field);
  let quote: LiveQuote;
  try {
    quote = await loadQuote(args.ticker);
  } catch (error) {
    throw toFormulaError(error);
  }
  return quoteValue(quote, args.field);
}

/** Where a streaming QUOTE cell shows what it is given. */
export interface QuoteCell {
  setResult(value: number): void;
  fail(error: FormulaError): void;
}

/**
 * A streaming QUOTE cell: bad arguments fail it at once; otherwise it shows each new value of the
 * field, an unknown ticker's #N/A once (the server stops polling it), and a passing problem (a refusal by the plan's limits) only
 * while it has no value yet; it keeps its last value through anything else. Returns the cancel.
 */
export function streamQuote(ticker: unknown, field: unknown, cell: QuoteCell): () => void {
  let args: ReturnType<typeof quoteArgs>;
  try {
    args = quoteArgs(ticker, field);
  } catch (error) {
    cell.fail(toFormulaError(error));
    return () => undefined;
  }
  let shown: number | null = null;
  let failedWith: string | null = null;
  const fail = (error: FormulaError): void => {
    if (failedWith === error.message) return;
    failedWith = error.message;
    shown = null;
    cell.fail(error);
  };
  try {
    return watchQuote(args.ticker, (event) => {
      if ("quote" in event) {
        let value: number;
        try {
          value = quoteValue(event.quote, args.field);
        } catch (error) {
          fail(toFormulaError(error));
          return;
        }
        if (value === shown) return;
        shown = value;
        failedWith = null;
        cell.setResult(value);
      } else if (event.error.final || shown === null) {
        fail(toFormulaError(quoteErrorOf(event.error)));
      }
    });
  } catch (error) {
    cell.fail(toFormulaError(error));
    return () => undefined;
  }
}
