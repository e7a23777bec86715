import { Ticker } from "../../core";
import { readYahooSymbol, unservableSymbol } from "../shared";

const LABEL = "Financial Modeling Prep";

/**
 * FMP's spelling of a Yahoo-style ticker for /stable/historical-price-eod/full?symbol=…, or the
 * refusal (a MarketDataError "unknown-symbol", thrown before any request) for one it cannot serve.
 * FMP's symbols follow Yahoo's, and the one endpoint serves stocks, indices, currencies and crypto
 * (fmpcloudr's fmpc_price_history: "Symbol can include equity, mutual fund, index, currency,
 * crypto", e.g. '^SP500TR', 'JPYUSD', 'BTCUSD'):
 * - share classes with a hyphen: `BRK-B` (and `BRK.B`) → `BRK-B` (FMP's `/stable/quote?symbol=BRK-B`);
 * - other markets keep Yahoo's suffix (`RY.TO`, `UCG.MI`, `VOD.L`): the free plan covers US
 *   listings only, and FMP's refusal is reported as a plan limit;
 * - indices as Yahoo writes them (`^GSPC`, FMP's own index symbols);
 * - currencies and crypto as one word: `EURUSD=X` → `EURUSD`, `JPY=X` → `USDJPY`, `BTC-USD` → `BTCUSD`;
 * - Yahoo futures (`GC=F`) are refused: FMP's commodities have other symbols (`GCUSD`).
 */
export function fmpSymbol(ticker: Ticker): string {
  const symbol = readYahooSymbol(ticker);
  switch (symbol.kind) {
    case "listing": {
      const name = symbol.shareClass === null ? symbol.root : `${symbol.root}-${symbol.shareClass}`;
      return symbol.market === null ? name : `${name}.${symbol.market}`;
    }
    case "index":
      return ticker;
    case "fx":
    case "crypto":
      return `${symbol.base}${symbol.quote}`;
    case "future":
      throw unservableSymbol(
        LABEL,
        ticker,
        "its commodity prices have other symbols (GCUSD for gold), not mapped from Yahoo's futures here; use the Yahoo Finance provider",
      );
  }
}
