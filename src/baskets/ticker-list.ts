import { normalizeSymbol } from "../market/symbols";
import { MarketDataError } from "../market/types";

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
  /** Normalized (upper-case), unique, in the order typed; tokens with problems are left out. */
  readonly tickers: readonly string[];
  readonly problems: readonly TickerProblem[];
}

function syntaxProblem(token: string): string | null {
  try {
    normalizeSymbol(token);
    return null;
  } catch (error) {
    if (error instanceof MarketDataError) return error.message;
    throw error;
  }
}

/** Parses pasted or typed text into tickers, flagging every bad or repeated token at once. */
export function parseTickerList(text: string): ParsedTickerList {
  const tickers: string[] = [];
  const problems: TickerProblem[] = [];
  const firstSeen = new Map<string, number>();
  let index = 0;
  for (const match of text.matchAll(TOKEN)) {
    const token = match[0];
    const start = match.index ?? 0;
    const at = { token, index, start, end: start + token.length };
    index++;
    const bad = syntaxProblem(token);
    if (bad !== null) {
      problems.push({ kind: "syntax", ...at, message: bad });
      continue;
    }
    const symbol = normalizeSymbol(token);
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
