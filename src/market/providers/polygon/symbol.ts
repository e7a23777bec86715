import { Ticker } from "../../core";
import { indexAdvice, readYahooSymbol, REFUSALS, unservableSymbol } from "../shared";

const LABEL = "Polygon.io";

/**
 * Polygon's (Massive's) index tickers for Yahoo's index codes: `I:` and the index's own symbol
 * (massive.com/docs/rest/indices: "Index tickers are case-sensitive and start with I:", e.g. I:SPX;
 * the Nasdaq Composite is I:COMP). Served by the same aggregates endpoint, dated in Eastern Time
 * like stocks; a key without an Indices plan is refused by Polygon (403 "not entitled"), which the
 * parser reports as a plan limit.
 */
const POLYGON_INDICES: Readonly<Record<string, string>> = {
  GSPC: "I:SPX",
  SPX: "I:SPX",
  NDX: "I:NDX",
  DJI: "I:DJI",
  IXIC: "I:COMP",
  RUT: "I:RUT",
  VIX: "I:VIX",
};

/**
 * Polygon's spelling of a Yahoo-style ticker for GET /v2/aggs/ticker/{ticker}, or the refusal (a
 * MarketDataError "unknown-symbol", thrown before any request) for one it cannot serve here:
 * - share classes with a dot: `BRK-B` → `BRK.B` (the aggregates endpoint answers an empty range for
 *   `BRK-B`; `BRK.B` is the ticker in its reference data, e.g. OpenBB-finance/OpenBB#4526
 *   "load brk.a --source Polygon");
 * - US listings only (its stocks API covers the US exchanges): `WSU.DE`, `VOD.L` are refused;
 * - indices as `I:` tickers (POLYGON_INDICES); any other index is refused with an ETF to use;
 * - currencies and crypto are `C:EURUSD` and `X:BTCUSD` on Polygon, but their daily bars start at
 *   00:00 UTC (massive.com/docs/rest/forex/aggregates/custom-bars: "in Coordinated Universal Time";
 *   OpenBB's Polygon currency fetcher dates them in UTC) while this provider reads every bar as a
 *   New York date, which would put each bar on the day before: refused until the parser dates them
 *   in UTC;
 * - Yahoo futures (`GC=F`) are refused.
 */
export function polygonSymbol(ticker: Ticker): string {
  const symbol = readYahooSymbol(ticker);
  switch (symbol.kind) {
    case "listing":
      if (symbol.market !== null) throw REFUSALS.usListingsOnly(LABEL, ticker, symbol.market);
      return symbol.shareClass === null ? symbol.root : `${symbol.root}.${symbol.shareClass}`;
    case "index": {
      const index = POLYGON_INDICES[symbol.code];
      if (index === undefined) {
        throw unservableSymbol(LABEL, ticker, `its index ticker for ${ticker} is not known here; ${indexAdvice(symbol.code)}`);
      }
      return index;
    }
    case "fx":
      throw unservableSymbol(LABEL, ticker, unsupportedUtcBars(`C:${symbol.base}${symbol.quote}`, "currency"));
    case "crypto":
      throw unservableSymbol(LABEL, ticker, unsupportedUtcBars(`X:${symbol.base}${symbol.quote}`, "crypto"));
    case "future":
      throw REFUSALS.noFutures(LABEL, ticker);
  }
}

function unsupportedUtcBars(polygonTicker: string, what: string): string {
  return `its ${what} bars (${polygonTicker}) are dated in UTC, which this add-in does not read from Polygon.io yet; use the Yahoo Finance provider`;
}
