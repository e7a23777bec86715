import { MarketDataError, parseTicker } from "../../../src/market/core";
import { thrownBy } from "../../support/market-errors";

/** What a provider makes of a Yahoo-style ticker: its spelling, or a refusal whose message contains `refused`. */
export type SymbolOutcome = string | { readonly symbol: string; readonly micCode: string | null } | { readonly refused: string };

export type SymbolProvider = "yahoo" | "polygon" | "tiingo" | "twelvedata" | "fmp" | "alphavantage";

interface SymbolCase extends Readonly<Record<SymbolProvider, SymbolOutcome>> {
  readonly ticker: string;
  readonly what: string;
}

const td = (symbol: string, micCode: string | null = null) => ({ symbol, micCode });
const no = (refused: string) => ({ refused });

/**
 * Every case of the translation, per provider (sources in each provider's symbol.ts): share classes
 * written three ways (BRK/B cannot be typed: parseTicker refuses "/"), other markets, indices,
 * currencies, crypto, futures, and a preferred share passed through for the provider to judge.
 */
export const SYMBOL_CASES: readonly SymbolCase[] = [
  {
    ticker: "AAPL",
    what: "a US stock",
    yahoo: "AAPL",
    polygon: "AAPL",
    tiingo: "AAPL",
    twelvedata: td("AAPL"),
    fmp: "AAPL",
    alphavantage: "AAPL",
  },
  {
    ticker: "BRK-B",
    what: "a share class, Yahoo's dash",
    yahoo: "BRK-B",
    polygon: "BRK.B",
    tiingo: "BRK-B",
    twelvedata: td("BRK.B"),
    fmp: "BRK-B",
    alphavantage: "BRK-B",
  },
  {
    ticker: "BRK.B",
    what: "a share class, the exchanges' dot",
    yahoo: "BRK-B",
    polygon: "BRK.B",
    tiingo: "BRK-B",
    twelvedata: td("BRK.B"),
    fmp: "BRK-B",
    alphavantage: "BRK-B",
  },
  {
    ticker: "BF-B",
    what: "another share class",
    yahoo: "BF-B",
    polygon: "BF.B",
    tiingo: "BF-B",
    twelvedata: td("BF.B"),
    fmp: "BF-B",
    alphavantage: "BF-B",
  },
  {
    ticker: "WSU.DE",
    what: "a Xetra listing",
    yahoo: "WSU.DE",
    polygon: no("US listings only, and WSU.DE trades on Xetra (.DE)"),
    tiingo: no("US listings only, and WSU.DE trades on Xetra (.DE)"),
    twelvedata: td("WSU", "XETR"),
    fmp: "WSU.DE",
    alphavantage: "WSU.DEX",
  },
  {
    ticker: "VOD.L",
    what: "a London listing",
    yahoo: "VOD.L",
    polygon: no("the London Stock Exchange (.L)"),
    tiingo: no("the London Stock Exchange (.L)"),
    twelvedata: td("VOD", "XLON"),
    fmp: "VOD.L",
    alphavantage: "VOD.LON",
  },
  {
    ticker: "BT-A.L",
    what: "a share class on another market",
    yahoo: "BT-A.L",
    polygon: no("US listings only"),
    tiingo: no("US listings only"),
    twelvedata: td("BT.A", "XLON"),
    fmp: "BT-A.L",
    alphavantage: "BT-A.LON",
  },
  {
    ticker: "7203.T",
    what: "a Tokyo listing",
    yahoo: "7203.T",
    polygon: no("the Tokyo Stock Exchange (.T)"),
    tiingo: no("US listings only"),
    twelvedata: no("its exchange code for the Tokyo Stock Exchange (.T) is not known here"),
    fmp: "7203.T",
    alphavantage: no("its suffix for the Tokyo Stock Exchange (.T) is not known here"),
  },
  {
    ticker: "^GSPC",
    what: "the S&P 500 index",
    yahoo: "^GSPC",
    polygon: "I:SPX",
    tiingo: no("it has no index prices; use an ETF that tracks it, such as SPY, or the Yahoo Finance provider"),
    twelvedata: no("such as SPY"),
    fmp: "^GSPC",
    alphavantage: no("it has no index prices; use an ETF that tracks it, such as SPY"),
  },
  {
    ticker: "^IXIC",
    what: "the Nasdaq Composite",
    yahoo: "^IXIC",
    polygon: "I:COMP",
    tiingo: no("such as ONEQ"),
    twelvedata: no("such as ONEQ"),
    fmp: "^IXIC",
    alphavantage: no("such as ONEQ"),
  },
  {
    ticker: "^RUT",
    what: "the Russell 2000",
    yahoo: "^RUT",
    polygon: "I:RUT",
    tiingo: no("such as IWM"),
    twelvedata: no("such as IWM"),
    fmp: "^RUT",
    alphavantage: no("such as IWM"),
  },
  {
    ticker: "^FTSE",
    what: "an index without a mapping",
    yahoo: "^FTSE",
    polygon: no("its index ticker for ^FTSE is not known here; use an ETF that tracks it, or the Yahoo Finance provider"),
    tiingo: no("use an ETF that tracks it, or the Yahoo Finance provider"),
    twelvedata: no("use an ETF that tracks it"),
    fmp: "^FTSE",
    alphavantage: no("use an ETF that tracks it"),
  },
  {
    ticker: "EURUSD=X",
    what: "a currency pair",
    yahoo: "EURUSD=X",
    polygon: no("its currency bars (C:EURUSD) are dated in UTC"),
    tiingo: no("Tiingo's currency prices (eurusd) come from its forex API"),
    twelvedata: td("EUR/USD"),
    fmp: "EURUSD",
    alphavantage: no("through FX_DAILY"),
  },
  {
    ticker: "JPY=X",
    what: "Yahoo's USD/JPY",
    yahoo: "JPY=X",
    polygon: no("(C:USDJPY)"),
    tiingo: no("(usdjpy)"),
    twelvedata: td("USD/JPY"),
    fmp: "USDJPY",
    alphavantage: no("FX_DAILY"),
  },
  {
    ticker: "BTC-USD",
    what: "a crypto pair",
    yahoo: "BTC-USD",
    polygon: no("its crypto bars (X:BTCUSD) are dated in UTC"),
    tiingo: no("Tiingo's crypto prices (btcusd) come from its crypto API"),
    twelvedata: td("BTC/USD"),
    fmp: "BTCUSD",
    alphavantage: no("through DIGITAL_CURRENCY_DAILY"),
  },
  {
    ticker: "GC=F",
    what: "a future",
    yahoo: "GC=F",
    polygon: no("no futures prices"),
    tiingo: no("no futures prices"),
    twelvedata: no("no futures prices"),
    fmp: no("GCUSD for gold"),
    alphavantage: no("no futures prices"),
  },
  {
    ticker: "BAC-PL",
    what: "a preferred share, passed on",
    yahoo: "BAC-PL",
    polygon: "BAC-PL",
    tiingo: "BAC-PL",
    twelvedata: td("BAC-PL"),
    fmp: "BAC-PL",
    alphavantage: "BAC-PL",
  },
];

/** `[ticker, what, outcome]` rows for one provider's table-driven test. */
export function casesFor(provider: SymbolProvider): [string, string, SymbolOutcome][] {
  return SYMBOL_CASES.map((c) => [c.ticker, c.what, c[provider]]);
}

/**
 * Checks `translate(ticker)` against `outcome`: the spelling, or a refusal before any request,
 * "unknown-symbol" naming the provider (`label`) and the analyst's ticker.
 */
export function expectTranslation(
  translate: (ticker: ReturnType<typeof parseTicker>) => unknown,
  label: string,
  ticker: string,
  outcome: SymbolOutcome,
): void {
  const parsed = parseTicker(ticker);
  if (typeof outcome === "object" && "refused" in outcome) {
    const error: MarketDataError = thrownBy(() => translate(parsed));
    expect(error.kind).toBe("unknown-symbol");
    expect(error.symbol).toBe(ticker);
    expect(error.message.startsWith(`${label} cannot serve ${ticker}: `)).toBe(true);
    expect(error.message).toContain(outcome.refused);
    return;
  }
  expect(translate(parsed)).toEqual(outcome);
}
