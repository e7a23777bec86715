import { MarketDataError } from "./market-error";

export const MAX_TICKER_LENGTH = 20;

declare const tickerBrand: unique symbol;

/**
 * A ticker that passed `parseTicker`: trimmed, upper case, Yahoo-style syntax. Made once at the edge
 * (a cell argument, an HTTP route, the CLI, the task pane) and trusted by every layer below it, so
 * nothing downstream re-checks or re-normalises it.
 */
export type Ticker = string & { readonly [tickerBrand]: true };

/**
 * Yahoo-style tickers: an optional leading `^` (indices), then alphanumeric parts joined by
 * `.` (exchange suffix: WSU.DE), `-` (BRK-B, BTC-USD), `=` (EURUSD=X, GC=F) or `&` (M&M.NS).
 * Nothing that could change a URL path (`/`, `..`, `%`, `?`) ever matches.
 */
const SYMBOL_PATTERN = /^\^?[A-Z0-9]+(?:[.\-=&][A-Z0-9]+)*$/;

/**
 * "BRK/B", the share-class spelling of some terminals and brokers, is Yahoo's "BRK-B". Only this
 * exact shape is rewritten (letters and digits, one slash, one to two letters), so no "/" ever
 * reaches a ticker; each provider then spells the class its own way (providers/<name>/symbol.ts).
 */
const SLASHED_SHARE_CLASS = /^([A-Z0-9]+)\/([A-Z]{1,2})$/;

/** The one parser of tickers: trimmed and upper-cased; throws MarketDataError("invalid-symbol") for anything else. */
export function parseTicker(raw: string): Ticker {
  if (typeof raw !== "string") {
    throw new MarketDataError("invalid-symbol", `Invalid ticker: expected text, got ${typeof raw}`);
  }
  const symbol = raw.trim().toUpperCase().replace(SLASHED_SHARE_CLASS, "$1-$2");
  if (symbol === "") throw invalid(raw, "it is empty");
  if (symbol.length > MAX_TICKER_LENGTH) throw invalid(raw, `it is longer than ${MAX_TICKER_LENGTH} characters`);
  if (!SYMBOL_PATTERN.test(symbol)) {
    throw invalid(raw, "use letters and digits, joined by . - = (e.g. IWM, BRK-B, WSU.DE, EURUSD=X, ^GSPC)");
  }
  return symbol as Ticker;
}

export function isValidTicker(raw: string): boolean {
  try {
    parseTicker(raw);
    return true;
  } catch {
    return false;
  }
}

function invalid(raw: string, reason: string): MarketDataError {
  return new MarketDataError("invalid-symbol", `Invalid ticker ${quoteForMessage(raw)}: ${reason}`);
}

const QUOTE_LIMIT = 32;

/** Double-quoted, with control and invisible characters escaped and long text cut short. */
export function quoteForMessage(text: string): string {
  const chars = Array.from(text);
  const shown = chars.slice(0, QUOTE_LIMIT).map(escapeChar).join("");
  return `"${shown}${chars.length > QUOTE_LIMIT ? "…" : ""}"`;
}

function escapeChar(char: string): string {
  if (char === '"') return '\\"';
  if (char === "\\") return "\\\\";
  const code = char.codePointAt(0) ?? 0;
  // C0/C1 controls, DEL, zero-width and bidi marks, line/paragraph separators, BOM.
  const hidden =
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff;
  return hidden ? `\\u${code.toString(16).padStart(4, "0")}` : char;
}
