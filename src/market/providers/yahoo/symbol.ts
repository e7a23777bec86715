import { Ticker } from "../../core";
import { readYahooSymbol } from "../shared";

/**
 * Yahoo's spelling of a ticker. The analyst writes Yahoo's own symbols, so this is the ticker as
 * typed, except a share class pasted with a dot (`BRK.B`, the exchanges' spelling), which Yahoo
 * does not know ("How to get data for stock with different classes (i.e. BRK.B fails)": "Just use
 * BRK-B", ranaroussi/yfinance#50): it goes out as `BRK-B`. Indices (`^GSPC`), currencies
 * (`EURUSD=X`), crypto (`BTC-USD`), futures (`GC=F`) and other markets (`WSU.DE`) are Yahoo's own
 * (FORMATS.md §1) and go out unchanged.
 */
export function yahooSymbol(ticker: Ticker): string {
  const symbol = readYahooSymbol(ticker);
  if (symbol.kind !== "listing" || symbol.shareClass === null) return ticker;
  return `${symbol.root}-${symbol.shareClass}${symbol.market === null ? "" : `.${symbol.market}`}`;
}
