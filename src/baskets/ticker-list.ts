import { MarketDataError, parseTicker, Ticker } from "../market";

/** Separators the pane accepts: commas, semicolons, spaces, tabs and new lines (a pasted Excel column). */
const TOKEN = /[^\s,;]+/g;

export type TickerProblemKind = "syntax" | "duplicate";

export interface TickerProblem {
  readonly kind: TickerProblemKind;
  /** The token as typed. */
  readonly token: string;
  /** 0-based position of the token among all tokens. */
  readonly index: number;
  /** Character offsets of the token in the text: `text.slice(start, end) === token`. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

export interface ParsedTickerList {
  /** Parsed (upper-case), unique, in the order typed; tokens with problems are left out. */
  readonly tickers: readonly Ticker[];
  readonly problems: readonly TickerProblem[];
}

/** The token as a ticker, or the message saying why it is not one. */
function tickerOrProblem(token: string): Ticker | { readonly problem: string } {
  try {
    return parseTicker(token);
  } catch (error) {
    if (error instanceof MarketDataError) return { problem: error.message };
    throw error;
  }
}

/** Parses pasted or typed text into tickers, flagging every bad or repeated token at once. */
export function parseTickerList(text: string): ParsedTickerList {
  const tickers: Ticker[] = [];
  const problems: TickerProblem[] = [];
  const firstSeen = new Map<string, number>();
  let index = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const start = match.index ?? 0;
    const at = { token, index, start, end: start + token.length };
    index++;
    const symbol = tickerOrProblem(token);
    if (typeof symbol !== "string") {
      problems.push({ kind: "syntax", ...at, message: symbol.problem });
      continue;
    }
    const first = firstSeen.get(symbol);
    if (first !== undefined) {
      problems.push({ kind: "duplicate", ...at, message: `${symbol} is already in the list (entry ${first + 1}).` });
      continue;
    }
    firstSeen.set(symbol, at.index);
    tickers.push(symbol);
  }
  return { tickers, problems };
}
