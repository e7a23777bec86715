import { normalizeSymbol } from "../../market/symbols";
import { MarketDataError } from "../../market/types";
import { badArgument } from "../errors";
import { describeValue } from "./display";

/** Cells and list items may separate tickers with commas, semicolons, spaces or new lines. */
const SEPARATORS = /[\s,;]+/;

function cellTexts(value: unknown, argument: string): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flat(2).flatMap((cell) => cellTexts(cell, argument));
  if (typeof value === "string") return value.split(SEPARATORS).filter((part) => part !== "");
  if (typeof value === "number" && Number.isFinite(value)) return [String(value)];
  throw badArgument(argument, `expects ticker text, not ${describeValue(value)}`);
}

/**
 * Tickers from a string ("IWM"), a comma list ("CAT, DCI, TTMI") or a range of cells
 * (empty cells skipped). Duplicates are dropped: a basket weighs each member once.
 */
export function parseTickers(value: unknown, argument: string): string[] {
  const symbols: string[] = [];
  for (const text of cellTexts(value, argument)) {
    let symbol: string;
    try {
      symbol = normalizeSymbol(text);
    } catch (error) {
      if (error instanceof MarketDataError) throw badArgument(argument, error.message);
      throw error;
    }
    if (!symbols.includes(symbol)) symbols.push(symbol);
  }
  if (symbols.length === 0) throw badArgument(argument, "no ticker given (a ticker, a comma list or a range of tickers)");
  return symbols;
}

/** Exactly one ticker, for functions about a single instrument. */
export function parseTicker(value: unknown, argument: string): string {
  const symbols = parseTickers(value, argument);
  if (symbols.length > 1) {
    throw badArgument(argument, `expects one ticker, got ${symbols.length} (${symbols.slice(0, 3).join(", ")}…)`);
  }
  return symbols[0];
}
