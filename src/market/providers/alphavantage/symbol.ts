import { Ticker } from "../../core";
import { describeYahooMarket, readYahooSymbol, REFUSALS, unservableSymbol } from "../shared";

const LABEL = "Alpha Vantage";

/**
 * Alpha Vantage's suffixes for Yahoo's, from the TIME_SERIES_DAILY examples in its documentation
 * (alphavantage.co/documentation: TSCO.LON, SHOP.TRT, GPV.TRV, MBG.DEX, RELIANCE.BSE, 600104.SHH,
 * 000002.SHZ; docs.airbyte.com's Alpha Vantage source: "with exchange code if applicable. For
 * example, MSFT or TSCO.LON").
 */
const ALPHAVANTAGE_MARKETS: Readonly<Record<string, string>> = {
  L: "LON",
  TO: "TRT",
  V: "TRV",
  DE: "DEX",
  BO: "BSE",
  SS: "SHH",
  SZ: "SHZ",
};

/**
 * Alpha Vantage's spelling of a Yahoo-style ticker for TIME_SERIES_DAILY, or the refusal (a
 * MarketDataError "unknown-symbol", thrown before any request) for one it cannot serve there:
 * - share classes with a hyphen: `BRK-B` (and `BRK.B`) → `BRK-B`, Yahoo's and Tiingo's spelling
 *   (user scripts also call TIME_SERIES_DAILY with `BRK.B`; neither is confirmed by a recorded
 *   Alpha Vantage answer);
 * - other markets with its own suffixes (ALPHAVANTAGE_MARKETS): `VOD.L` → `VOD.LON`, `WSU.DE` →
 *   `WSU.DEX`; a market without one here is refused;
 * - no indices in TIME_SERIES_DAILY: `^GSPC` is refused with an ETF to use;
 * - currencies and crypto are other functions (FX_DAILY, DIGITAL_CURRENCY_DAILY) than the one this
 *   provider reads: refused, as are futures.
 */
export function alphaVantageSymbol(ticker: Ticker): string {
  const symbol = readYahooSymbol(ticker);
  switch (symbol.kind) {
    case "listing": {
      const name = symbol.shareClass === null ? symbol.root : `${symbol.root}-${symbol.shareClass}`;
      if (symbol.market === null) return name;
      const suffix = ALPHAVANTAGE_MARKETS[symbol.market];
      if (suffix === undefined) {
        const where = describeYahooMarket(symbol.market);
        throw unservableSymbol(LABEL, ticker, `its suffix for ${where} is not known here; use the Yahoo Finance provider`);
      }
      return `${name}.${suffix}`;
    }
    case "index":
      throw REFUSALS.noIndices(LABEL, ticker, symbol.code);
    case "fx":
      throw unservableSymbol(LABEL, ticker, otherFunction("currency", "FX_DAILY"));
    case "crypto":
      throw unservableSymbol(LABEL, ticker, otherFunction("crypto", "DIGITAL_CURRENCY_DAILY"));
    case "future":
      throw REFUSALS.noFutures(LABEL, ticker);
  }
}

function otherFunction(what: string, fn: string): string {
  return `Alpha Vantage serves ${what} prices through ${fn}, not the TIME_SERIES_DAILY this add-in reads; use the Yahoo Finance provider`;
}
