import { MarketDataError, Ticker } from "../../core";

/**
 * The analyst's tickers are Yahoo-style (README, "Functions"): `BRK-B`, `WSU.DE`, `EURUSD=X`,
 * `^GSPC`, `BTC-USD`, `GC=F`. Each provider spells them its own way (providers/<name>/symbol.ts);
 * this module reads a ticker into its parts once, so every provider's spelling starts from the same
 * reading, and words the refusal for a ticker a provider cannot serve.
 *
 * Yahoo's own forms (FORMATS.md §1, "Symbols: BRK-B style, suffixes for exchanges (WSU.DE, OCDO.L),
 * EURUSD=X, BTC-USD, GC=F"): a share class after `-`, a market after `.`, a currency pair before
 * `=X` (`JPY=X` is USD/JPY), a future before `=F`, an index after `^`, a crypto pair as
 * `<coin>-<currency>`. Analysts also paste share classes with a dot (`BRK.B`, the exchanges' and
 * Polygon's spelling); a dot and one letter that is not one of Yahoo's one-letter market suffixes
 * (F, L, T, V) is read as a share class. (`BRK/B`, Bloomberg's and Schwab's spelling, never gets
 * here: parseTicker refuses `/`, which could change a URL path.)
 */
export type YahooSymbol =
  /** A listing: `root` with any other `-` parts kept (preferreds, warrants: `BAC-PL`), `market` the Yahoo suffix ("DE") or null for the US. */
  | { readonly kind: "listing"; readonly root: string; readonly shareClass: string | null; readonly market: string | null }
  /** `^GSPC`: code "GSPC". */
  | { readonly kind: "index"; readonly code: string }
  /** `EURUSD=X`, or `JPY=X` for USD/JPY. */
  | { readonly kind: "fx"; readonly base: string; readonly quote: string }
  /** `BTC-USD`. */
  | { readonly kind: "crypto"; readonly base: string; readonly quote: string }
  /** `GC=F`. */
  | { readonly kind: "future"; readonly root: string };

/**
 * Yahoo's market suffixes and the exchanges they stand for (Yahoo's exchange list, as in GnuCash's
 * manual, "Yahoo Codes for Exchanges and Markets", and FORMATS.md §1). Used to name the exchange in
 * messages; a suffix not listed is still a market, just not named.
 */
export const YAHOO_MARKETS: Readonly<Record<string, string>> = {
  AS: "Euronext Amsterdam",
  AX: "the Australian Securities Exchange",
  BA: "the Buenos Aires exchange",
  BE: "the Berlin exchange",
  BO: "BSE (Bombay)",
  BR: "Euronext Brussels",
  CN: "the Canadian Securities Exchange",
  CO: "Nasdaq Copenhagen",
  DE: "Xetra",
  DU: "the Düsseldorf exchange",
  F: "the Frankfurt exchange",
  HE: "Nasdaq Helsinki",
  HK: "the Hong Kong exchange",
  HM: "the Hamburg exchange",
  IR: "Euronext Dublin",
  JK: "the Indonesia exchange",
  JO: "the Johannesburg exchange",
  KQ: "KOSDAQ",
  KS: "the Korea Exchange",
  L: "the London Stock Exchange",
  LS: "Euronext Lisbon",
  MC: "the Madrid exchange",
  MI: "Borsa Italiana (Milan)",
  MU: "the Munich exchange",
  MX: "the Mexican exchange",
  NS: "the National Stock Exchange of India",
  NZ: "the New Zealand exchange",
  OL: "the Oslo exchange",
  PA: "Euronext Paris",
  SA: "B3 (São Paulo)",
  SG: "the Stuttgart exchange",
  SI: "the Singapore exchange",
  SS: "the Shanghai Stock Exchange",
  ST: "Nasdaq Stockholm",
  SW: "SIX Swiss Exchange",
  SZ: "the Shenzhen Stock Exchange",
  T: "the Tokyo Stock Exchange",
  TO: "the Toronto Stock Exchange",
  TW: "the Taiwan Stock Exchange",
  V: "the TSX Venture Exchange",
  VI: "the Vienna exchange",
  WA: "the Warsaw exchange",
};

/** Quote currencies of Yahoo's crypto pairs (`BTC-USD`, `ETH-EUR`, `SOL-USDT`). */
const CRYPTO_QUOTES = new Set(["USD", "USDT", "USDC", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "CNY", "KRW", "INR", "BRL", "BTC", "ETH"]);

/** Index ETFs to suggest when a provider has no index prices (Yahoo index code → ETF tracking it). */
const INDEX_ETFS: Readonly<Record<string, string>> = {
  GSPC: "SPY",
  SPX: "SPY",
  NDX: "QQQ",
  IXIC: "ONEQ",
  DJI: "DIA",
  RUT: "IWM",
  MID: "MDY",
  SP400: "MDY",
  SP600: "IJR",
};

/** Reads a Yahoo-style ticker into its parts (see YahooSymbol). Pure; every Ticker gets a reading. */
export function readYahooSymbol(ticker: Ticker): YahooSymbol {
  const text: string = ticker;
  if (text.startsWith("^")) return { kind: "index", code: text.slice(1) };
  const fx = /^([A-Z]{3})?([A-Z]{3})=X$/.exec(text);
  if (fx !== null) return { kind: "fx", base: fx[1] ?? "USD", quote: fx[2] };
  const future = /^([A-Z0-9]+)=F$/.exec(text);
  if (future !== null) return { kind: "future", root: future[1] };
  const crypto = /^([A-Z0-9]{2,10})-([A-Z]{3,4})$/.exec(text);
  if (crypto !== null && CRYPTO_QUOTES.has(crypto[2])) return { kind: "crypto", base: crypto[1], quote: crypto[2] };
  const dot = text.lastIndexOf(".");
  const head = dot < 0 ? text : text.slice(0, dot);
  const suffix = dot < 0 ? null : text.slice(dot + 1);
  if (suffix !== null && /^[A-Z]$/.test(suffix) && !(suffix in YAHOO_MARKETS) && /^[A-Z0-9&]+$/.test(head)) {
    return { kind: "listing", root: head, shareClass: suffix, market: null }; // BRK.B
  }
  const market = suffix !== null && /^[A-Z]{1,3}$/.test(suffix) ? suffix : null;
  const body = market === null ? text : head;
  const shareClass = /^(.+)-([A-Z])$/.exec(body);
  return shareClass === null
    ? { kind: "listing", root: body, shareClass: null, market }
    : { kind: "listing", root: shareClass[1], shareClass: shareClass[2], market };
}

/** "Xetra (.DE)", or ".XX" for a market suffix not in YAHOO_MARKETS. */
export function describeYahooMarket(market: string): string {
  const name = YAHOO_MARKETS[market];
  return name === undefined ? `a market outside the US (.${market})` : `${name} (.${market})`;
}

/**
 * The refusal for a ticker provider `label` cannot serve, made before any request: kind
 * "unknown-symbol" (the cell shows #N/A with this message), naming the provider, the ticker, why,
 * and what to use instead.
 */
export function unservableSymbol(label: string, ticker: Ticker, reason: string): MarketDataError {
  return new MarketDataError("unknown-symbol", `${label} cannot serve ${ticker}: ${reason}`, ticker);
}

/** What to do instead, for providers without index prices: "use an ETF that tracks it, such as SPY, or …". */
export function indexAdvice(code: string): string {
  const etf = INDEX_ETFS[code];
  const tracker = etf === undefined ? "an ETF that tracks it" : `an ETF that tracks it, such as ${etf}`;
  return `use ${tracker}, or the Yahoo Finance provider`;
}

/** The common refusals: a listing outside the US, an index, currencies, crypto, futures. */
export const REFUSALS = {
  usListingsOnly: (label: string, ticker: Ticker, market: string): MarketDataError =>
    unservableSymbol(
      label,
      ticker,
      `it has US listings only, and ${ticker} trades on ${describeYahooMarket(market)}; use the Yahoo Finance provider, or the company's US listing if it has one`,
    ),
  noIndices: (label: string, ticker: Ticker, code: string): MarketDataError =>
    unservableSymbol(label, ticker, `it has no index prices; ${indexAdvice(code)}`),
  noFutures: (label: string, ticker: Ticker): MarketDataError =>
    unservableSymbol(label, ticker, "it has no futures prices that this add-in reads; use the Yahoo Finance provider"),
};
