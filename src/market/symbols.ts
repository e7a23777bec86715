import { MarketDataError } from "./types";

export const MAX_SYMBOL_LENGTH = 20;

/**
 * Yahoo-style tickers: an optional leading `^` (indices), then alphanumeric parts joined by
 * `.` (exchange suffix: WSU.DE), `-` (BRK-B, BTC-USD), `=` (EURUSD=X, GC=F) or `&` (M&M.NS).
 * Nothing that could change a URL path (`/`, `..`, `%`, `?`) ever matches.
 */
const SYMBOL_PATTERN = /^\^?[A-Z0-9]+(?:[.\-=&][A-Z0-9]+)*$/;

/** Trimmed, upper-cased ticker; throws MarketDataError("invalid-symbol") for anything else. */
export function normalizeSymbol(raw: string): string {
  if (typeof raw !== "string") {
    throw new MarketDataError("invalid-symbol", `Invalid ticker: expected text, got ${typeof raw}`);
  }
  const symbol = raw.trim().toUpperCase();
  if (symbol === "") throw invalid(raw, "it is empty");
  if (symbol.length > MAX_SYMBOL_LENGTH) throw invalid(raw, `it is longer than ${MAX_SYMBOL_LENGTH} characters`);
  if (!SYMBOL_PATTERN.test(symbol)) {
    throw invalid(raw, "use letters and digits, joined by . - = (e.g. IWM, BRK-B, WSU.DE, EURUSD=X, ^GSPC)");
  }
  return symbol;
}

export function isValidSymbol(raw: string): boolean {
  try {
    normalizeSymbol(raw);
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
  const hidden = code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0xfeff;
  return hidden ? `\\u${code.toString(16).padStart(4, "0")}` : char;
}
