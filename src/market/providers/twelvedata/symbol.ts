import { Ticker } from "../../core";
import { describeYahooMarket, indexAdvice, readYahooSymbol, REFUSALS, unservableSymbol } from "../shared";

const LABEL = "Twelve Data";

/** A Twelve Data instrument: `symbol`, and the exchange's ISO 10383 MIC for a listing outside the US. */
export interface TwelveDataSymbol {
  readonly symbol: string;
  readonly micCode: string | null;
}

/**
 * MICs (ISO 10383) for Yahoo's market suffixes, sent as `mic_code`, the parameter Twelve Data
 * documents for picking an exchange (`/time_series?symbol=SAP&mic_code=XETR`). Only the US is in
 * the free Basic plan; Germany, London, Euronext and Toronto need Grow, the Nordic exchanges,
 * Milan, SIX, ASX and Hong Kong Pro (bjarkeef/sage docs/MARKET-DATA.md, checked against the live
 * API; twelvedata.com/pricing is the authority): Twelve Data refuses them on a lower plan with a
 * plan error, which the parser reports as a plan limit.
 */
const MIC_BY_YAHOO_MARKET: Readonly<Record<string, string>> = {
  DE: "XETR",
  F: "XFRA",
  L: "XLON",
  PA: "XPAR",
  AS: "XAMS",
  BR: "XBRU",
  LS: "XLIS",
  MI: "XMIL",
  SW: "XSWX",
  ST: "XSTO",
  CO: "XCSE",
  OL: "XOSL",
  HE: "XHEL",
  TO: "XTSE",
  V: "XTSX",
  AX: "XASX",
  HK: "XHKG",
};

/**
 * Twelve Data's spelling of a Yahoo-style ticker for GET /time_series, or the refusal (a
 * MarketDataError "unknown-symbol", thrown before any request) for one it cannot serve here:
 * - share classes with a dot: `BRK-B` → `BRK.B` (the exchanges' spelling; not yet confirmed
 *   against a recorded Twelve Data answer);
 * - other markets: the root and the exchange's MIC (`WSU.DE` → `WSU` at `XETR`); a market without
 *   a MIC here is refused;
 * - currencies and crypto as pairs with a slash (Twelve Data's forex pairs are "ISO 4217 codes with
 *   slash(/) delimiter", its docs' `EUR/USD`): `EURUSD=X` → `EUR/USD`, `JPY=X` → `USD/JPY`,
 *   `BTC-USD` → `BTC/USD`;
 * - indices are refused with an ETF to use: without an exchange, Twelve Data's bare index codes
 *   (`SPX`) can name a listing elsewhere (SPX is also a London ticker); futures are refused too.
 */
export function twelveDataSymbol(ticker: Ticker): TwelveDataSymbol {
  const symbol = readYahooSymbol(ticker);
  switch (symbol.kind) {
    case "listing": {
      const name = symbol.shareClass === null ? symbol.root : `${symbol.root}.${symbol.shareClass}`;
      if (symbol.market === null) return { symbol: name, micCode: null };
      const micCode = MIC_BY_YAHOO_MARKET[symbol.market];
      if (micCode === undefined) {
        const where = describeYahooMarket(symbol.market);
        throw unservableSymbol(LABEL, ticker, `its exchange code for ${where} is not known here; use the Yahoo Finance provider`);
      }
      return { symbol: name, micCode };
    }
    case "fx":
    case "crypto":
      return { symbol: `${symbol.base}/${symbol.quote}`, micCode: null };
    case "index":
      throw unservableSymbol(LABEL, ticker, `its index symbols are not read here; ${indexAdvice(symbol.code)}`);
    case "future":
      throw REFUSALS.noFutures(LABEL, ticker);
  }
}
