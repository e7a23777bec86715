import { MarketDataError, parseTicker, Ticker } from "../../market";
import { badArgument } from "../errors";
import { entityTicker, EntityTickerProblem, isEntity } from "./cell-values";
import { describeValue } from "./display";

/** Cells and list items may separate tickers with commas, semicolons, spaces or new lines. */
const SEPARATORS = /[\s,;]+/;

/** The ticker texts in an argument: split text, numbers as text, entities' tickers; ranges may mix them. */
function cellTexts(value: unknown, argument: string): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flat(2).flatMap((cell) => cellTexts(cell, argument));
  if (typeof value === "string") return value.split(SEPARATORS).filter((part) => part !== "");
  if (typeof value === "number" && Number.isFinite(value)) return [String(value)];
  if (isEntity(value)) {
    // A Stocks data type cell (see cell-values.ts): one ticker, never split.
    const ticker = entityTicker(value);
    if (ticker instanceof EntityTickerProblem) throw badArgument(argument, ticker.problem);
    return [ticker];
  }
  throw badArgument(argument, `expects ticker text or a Stocks data type, not ${describeValue(value)}`);
}

/** A workbook name as Excel allows it (a letter or underscore first), which no ticker spells: it has an underscore. */
const BASKET_NAME_LIKE = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * For text that is no ticker but reads like a basket name ("Mag_7" in quotes): how to write the
 * basket, since Excel passes a quoted name as text and only a bare name as the basket's cells.
 */
function basketNameHint(text: string): string {
  if (!text.includes("_") || !BASKET_NAME_LIKE.test(text)) return "";
  return `. If ${text} is a basket name, write it without quotes (${text}, not "${text}") so Excel passes the basket's tickers`;
}

/**
 * Tickers from a string ("IWM"), a comma list ("CAT, DCI, TTMI"), a cell holding a Stocks data type,
 * or a range of cells mixing them (empty cells skipped). Duplicates are dropped: a basket weighs
 * each member once.
 */
export function tickersArgument(value: unknown, argument: string): Ticker[] {
  const tickers: Ticker[] = [];
  for (const text of cellTexts(value, argument)) {
    let ticker: Ticker;
    try {
      ticker = parseTicker(text);
    } catch (error) {
      if (error instanceof MarketDataError) throw badArgument(argument, error.message + basketNameHint(text));
      throw error;
    }
    if (!tickers.includes(ticker)) tickers.push(ticker);
  }
  if (tickers.length === 0) throw badArgument(argument, "no ticker given (a ticker, a comma list or a range of tickers)");
  return tickers;
}

/** Exactly one ticker, for functions about a single instrument. */
export function tickerArgument(value: unknown, argument: string): Ticker {
  const tickers = tickersArgument(value, argument);
  if (tickers.length > 1) {
    throw badArgument(argument, `expects one ticker, got ${tickers.length} (${tickers.slice(0, 3).join(", ")}…)`);
  }
  return tickers[0];
}
