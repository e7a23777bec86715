import { Ticker } from "../../core";
import { readYahooSymbol, REFUSALS, unservableSymbol } from "../shared";

const LABEL = "Tiingo";

/**
 * Tiingo's spelling of a Yahoo-style ticker for GET /tiingo/daily/{ticker}/prices, or the refusal
 * (a MarketDataError "unknown-symbol", thrown before any request) for one it cannot serve there.
 * From Tiingo's symbology appendix (tiingo.com/documentation/appendix/symbology): "Instead of
 * periods ("."), we use hyphens ("-"). This means "BRK.A" is "BRK-A" within Tiingo", and its
 * end-of-day prices cover "Equity, Mutual Fund, and ETF prices for US markets and Equity Prices
 * for Chinese markets".
 * - share classes with a hyphen: `BRK-B` (and `BRK.B`) → `BRK-B`; upper case, as Tiingo writes
 *   tickers and as the recorded requests ask (tiingo-python's `/tiingo/daily/GOOGL/prices`);
 * - no other markets: `WSU.DE` is refused (its Chinese coverage is not mapped here);
 * - no indices: `^GSPC` is refused with an ETF to use;
 * - currencies and crypto have their own APIs (/tiingo/fx, /tiingo/crypto with `btcusd`), not the
 *   end-of-day prices this provider reads: refused, as are futures.
 */
export function tiingoSymbol(ticker: Ticker): string {
  const symbol = readYahooSymbol(ticker);
  switch (symbol.kind) {
    case "listing":
      if (symbol.market !== null) throw REFUSALS.usListingsOnly(LABEL, ticker, symbol.market);
      return symbol.shareClass === null ? symbol.root : `${symbol.root}-${symbol.shareClass}`;
    case "index":
      throw REFUSALS.noIndices(LABEL, ticker, symbol.code);
    case "fx":
      throw unservableSymbol(LABEL, ticker, otherApi("currency", "forex", `${symbol.base}${symbol.quote}`.toLowerCase()));
    case "crypto":
      throw unservableSymbol(LABEL, ticker, otherApi("crypto", "crypto", `${symbol.base}${symbol.quote}`.toLowerCase()));
    case "future":
      throw REFUSALS.noFutures(LABEL, ticker);
  }
}

function otherApi(what: string, api: string, tiingoTicker: string): string {
  return `Tiingo's ${what} prices (${tiingoTicker}) come from its ${api} API, not the end-of-day stock prices this add-in reads; use the Yahoo Finance provider`;
}
