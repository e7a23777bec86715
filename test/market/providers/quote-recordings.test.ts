import fs from "node:fs";
import path from "node:path";
import { LiveQuote, MarketDataError, MarketErrorKind, parseTicker, QuoteOutcome, Ticker } from "../../../src/market";
import { parseAlphaVantageLiveQuote } from "../../../src/market/providers/alphavantage";
import { parseFmpQuotes } from "../../../src/market/providers/fmp";
import { parsePolygonSnapshots } from "../../../src/market/providers/polygon";
import { parseTiingoQuotes } from "../../../src/market/providers/tiingo";
import { parseTwelveDataQuotes, twelveDataSymbol } from "../../../src/market/providers/twelvedata";
import { parseYahooLiveQuotes, YahooCrumbRefused } from "../../../src/market/providers/yahoo";
import { FIXTURES_DIR } from "../../support/fixture-paths";
import { fixtureText, loadWrapper, replayCassette } from "./valuation/recordings";

/**
 * Every recorded quote answer under test/fixtures/quotes/<provider>/ read by that provider's live-quote
 * parser (issue 12), table-driven: a recording added to a folder without a row here fails the
 * "accounts for every file" test. Each row says what every ticker asked gets (a LiveQuote with these
 * fields, or an error kind); every LiveQuote also keeps the invariants (expectInvariants).
 */

const FETCHED_AT = Date.parse("2026-12-01T15:00:00Z");

interface Answer {
  readonly status: number;
  readonly body: string;
}
type Expected = Partial<LiveQuote> | { readonly error: MarketErrorKind };
type Parse = (tickers: readonly Ticker[], answer: Answer) => ReadonlyMap<Ticker, QuoteOutcome>;

interface Row {
  /** How the recorded answer is read: a yahoo-finance2 wrapper, a VCR cassette, a bare 200 body, or a bare body with another status. */
  readonly source: "wrapper" | "cassette" | "body" | { readonly status: number };
  readonly tickers: Readonly<Record<string, Expected>>;
  /** The whole answer stands for this failure instead (every ticker asked gets it). */
  readonly rejects?: MarketErrorKind | "crumb-refused";
}
/** A file that is not an answer of its own: why, and where it is read. */
interface NotAnAnswer {
  readonly elsewhere: string;
}

const seconds = (unix: number): number => unix * 1000;
const quote = (fields: Partial<LiveQuote>): Partial<LiveQuote> => fields;
const error = (kind: MarketErrorKind): Expected => ({ error: kind });

const yahooWrapper = (tickers: Row["tickers"]): Row => ({ source: "wrapper", tickers });
const bare = (tickers: Row["tickers"]): Row => ({ source: "body", tickers });

const PROVIDERS: Record<string, { readonly parse: Parse; readonly files: Readonly<Record<string, Row | NotAnAnswer>> }> = {
  yahoo: {
    parse: (tickers, answer) => parseYahooLiveQuotes(tickers, answer, FETCHED_AT),
    files: {
      "quote-AAPL.json": yahooWrapper({
        AAPL: quote({
          price: 244.6,
          change: 3.0700073,
          changePct: 0.012710667,
          prevClose: 241.53,
          time: seconds(1739566800),
          delayMinutes: 0,
          currency: "USD",
        }),
      }),
      "quote-AAPL-BABA.json": yahooWrapper({
        AAPL: quote({ price: 244.6 }),
        BABA: quote({ price: 124.73, changePct: 0.0434164, currency: "USD" }),
      }),
      "quote-ADH.json": yahooWrapper({ ADH: error("no-data") }),
      "quote-AMZN.json": yahooWrapper({ AMZN: quote({ price: 228.68, changePct: -0.0073360354 }) }),
      "quote-BABA.json": yahooWrapper({ BABA: quote({ price: 124.73, time: seconds(1739566802) }) }),
      "quote-BFLY.json": yahooWrapper({ BFLY: quote({ price: 4.77, changePct: 0.0258064 }) }),
      "quote-BTC-USD.json": yahooWrapper({ "BTC-USD": quote({ price: 96077.45, currency: "USD", time: seconds(1739789580) }) }),
      "quote-EURUSD=X.json": yahooWrapper({ "EURUSD=X": quote({ price: 1.0489877, changePct: -0.00052457344, volume: 0 }) }),
      "quote-GOOG.json": yahooWrapper({ GOOG: quote({ price: 186.87 }) }),
      "quote-LDO.MI.json": yahooWrapper({ "LDO.MI": quote({ price: 33.38, currency: "EUR", delayMinutes: 15 }) }),
      // fields=beta: Yahoo drops the change and the currency, keeps the price and its time.
      "quote-MSFT-fields-beta.json": yahooWrapper({ MSFT: quote({ price: 408.43, currency: null, change: null, changePct: null }) }),
      // Pence: 308.8 GBp is £3.088, the change -6.4000244 p is £-0.064000244.
      "quote-OCDO.L.json": yahooWrapper({
        "OCDO.L": quote({
          price: 3.088,
          currency: "GBP",
          change: -0.064000244,
          changePct: -0.020304644,
          prevClose: 3.152,
          dayHigh: 3.154158,
          delayMinutes: 15,
        }),
      }),
      "quote-QQQ.json": yahooWrapper({ QQQ: quote({ price: 538.15 }) }),
      "quote-SOHO.json": yahooWrapper({ SOHO: quote({ price: 0.8401 }) }),
      "quote-TSLA-fields-symbol.json": yahooWrapper({ TSLA: quote({ price: 355.84, currency: null }) }),
      "quoteCombine-AAPL-NONEXIST.json": yahooWrapper({
        AAPL: quote({ price: 160.07, time: seconds(1645650002) }),
        NONEXIST: error("unknown-symbol"),
      }),
      "quoteCombine-NONEXIST.json": yahooWrapper({ NONEXIST: error("unknown-symbol") }),
      "yfinance-rs_quote_v7_AAPL-MSFT.json": bare({
        AAPL: quote({ price: 269.7 }),
        MSFT: quote({ price: 541.55, changePct: -0.000959322 }),
      }),
      "yfinance-rs_quote_v7_AAPL.json": bare({ AAPL: quote({ price: 269.7, time: seconds(1761768001) }) }),
      "yfinance-rs_quote_v7_GS2C.DE.json": bare({ "GS2C.DE": quote({ price: 19.948, currency: "EUR", delayMinutes: 15 }) }),
      "yfinance-rs_quote_v7_GS2C.json": bare({ GS2C: error("unknown-symbol") }),
      "yfinance-rs_quote_v7_MSFT.json": bare({ MSFT: quote({ price: 541.55 }) }),
      // Intraday (marketState REGULAR): every field of the quote.
      "yfinance-rs_quote_v7_QQQ.json": bare({
        QQQ: quote({
          price: 570.99,
          change: 0.6699829,
          changePct: 0.00117474906,
          prevClose: 570.32,
          open: 569.83,
          dayHigh: 571.81,
          dayLow: 568.8,
          volume: 12521353,
          time: seconds(1756221126),
          delayMinutes: 0,
          currency: "USD",
        }),
      }),
      "2021/quote-AAPL.json": yahooWrapper({ AAPL: quote({ price: 136.76, time: seconds(1612558802) }) }),
      "2021/quote-QQQ.json": yahooWrapper({ QQQ: quote({ price: 331.36 }) }),
      "transcribed/http401_invalid_crumb_iprak-yahoofinance-94.json": {
        source: { status: 401 },
        tickers: { AAPL: error("unavailable") },
        rejects: "crumb-refused",
      },
      "transcribed/http401_invalid_crumb_feedback_url_sstrickx-yahoofinance-api-pr223.json": {
        source: { status: 401 },
        tickers: { "BTC-USD": error("unavailable") },
        rejects: "crumb-refused",
      },
      ...Object.fromEntries(
        fs
          .readdirSync(path.join(FIXTURES_DIR, "quotes/yahoo/crumb"))
          .map((file) => [
            `crumb/${file}`,
            { elsewhere: "the cookie-and-crumb flow, replayed by test/market/providers/yahoo/quote.test.ts" },
          ]),
      ),
    },
  },
  fmp: {
    parse: (tickers, answer) => parseFmpQuotes(tickers, answer, FETCHED_AT),
    files: {
      // The legacy v3 quote (changesPercentage).
      "test_fmp_equity_quote_fetcher.yaml": {
        source: "cassette",
        tickers: {
          AAPL: quote({
            price: 191.31,
            change: 0.67,
            changePct: 0.003514,
            prevClose: 190.64,
            open: 191.49,
            dayHigh: 192.93,
            dayLow: 190.825,
            volume: 38239545,
            time: seconds(1700686801),
            currency: null,
            delayMinutes: null,
          }),
        },
      },
      "test_fmp_equity_quote_fetcher.body.json": { elsewhere: "the body of test_fmp_equity_quote_fetcher.yaml" },
      // The stable quote (changePercentage), the row /stable/batch-quote sends per symbol.
      "test_fmp_equity_quote_fetcher_urllib3_v2.yaml": {
        source: "cassette",
        tickers: {
          AAPL: quote({ price: 256.08, change: 10.58, changePct: 0.0430957, prevClose: 245.5, time: seconds(1758571201) }),
          MSFT: error("unknown-symbol"),
        },
      },
      "test_fmp_equity_quote_fetcher_urllib3_v2.body.json": { elsewhere: "the body of test_fmp_equity_quote_fetcher_urllib3_v2.yaml" },
    },
  },
  alphavantage: {
    parse: (tickers, answer) => new Map([[tickers[0], outcomeOf(() => parseAlphaVantageLiveQuote(tickers[0], answer, FETCHED_AT))]]),
    files: {
      // Strings with four decimals, the change in percent with "%", a date without a time.
      "RomelTorres_global_quote.json": bare({
        MSFT: quote({
          price: 112.13,
          change: -0.66,
          changePct: -0.005852,
          prevClose: 112.79,
          open: 112.63,
          dayHigh: 113.17,
          dayLow: 110.64,
          volume: 29062853,
          time: null,
          currency: null,
        }),
      }),
      "crazzyghost_globalquote.json": bare({ IBM: quote({ price: 121.74, changePct: 0.004207 }) }),
      "transcribed/information_demo_key_crazzyghost_tests.json": {
        source: "body",
        tickers: { AAPL: error("invalid-key") },
        rejects: "invalid-key",
      },
    },
  },
  twelvedata: {
    parse: (tickers, answer) => parseTwelveDataQuotes(tickers, answer, FETCHED_AT, (ticker) => twelveDataSymbol(ticker).symbol),
    files: {
      // Strings with five decimals, percent_change in percent, timestamp in seconds.
      "marekskopal_batch_quote.json": bare({
        AAPL: quote({
          price: 229.87,
          change: 1.35,
          changePct: 0.0059074,
          prevClose: 228.52,
          open: 228.84,
          dayHigh: 230.5,
          dayLow: 227.25,
          volume: 35462000,
          time: seconds(1732305600),
          currency: "USD",
        }),
        MSFT: quote({ price: 414.17, changePct: 0.0031489 }),
      }),
      // A refused symbol inside an otherwise good answer: that ticker's outcome only.
      "marekskopal_batch_error.json": bare({ INVALID: error("unknown-symbol") }),
    },
  },
  tiingo: {
    parse: (tickers, answer) => parseTiingoQuotes(tickers, answer, FETCHED_AT),
    files: {
      // No change sent: 387.935 − 385.31; the time carries nine fractional digits and the New York offset.
      "riingo_iex_AAPL.json": bare({
        AAPL: quote({
          price: 387.935,
          change: 2.625,
          changePct: 2.625 / 385.31,
          prevClose: 385.31,
          open: 385.67,
          dayHigh: 388.255,
          dayLow: 384.35,
          volume: 44198,
          time: Date.parse("2020-07-20T15:05:47.516Z"),
          currency: "USD",
        }),
      }),
      "riingo_iex_badticker.json": bare({ BADTICKER: error("unknown-symbol") }),
    },
  },
  polygon: {
    parse: (tickers, answer) => parsePolygonSnapshots(tickers, answer, FETCHED_AT),
    files: {
      // One ticker (`ticker: {...}`); nanosecond times beyond 2^53.
      "client-python_v2_snapshot_locale_us_markets_stocks_tickers_AAPL.json": bare({
        AAPL: quote({
          price: 159.99,
          change: -3.65,
          changePct: -0.02231,
          prevClose: 163.64,
          open: 161.84,
          dayHigh: 166.2,
          dayLow: 159.8,
          volume: 68840127,
          time: 1651251948294,
          currency: "USD",
          delayMinutes: null,
        }),
      }),
      // The list layout of ?tickers=A,B; a ticker it leaves out is unknown.
      "client-python_v2_snapshot_locale_us_markets_stocks_tickers_index.json": bare({
        BCAT: quote({ price: 20.506, change: -0.124, changePct: -0.00601, time: 1605192894631 }),
        AAPL: error("unknown-symbol"),
      }),
    },
  },
};

/** A one-ticker parser's answer about the ticker (unknown, no data) as its outcome; any other failure is the whole answer's. */
function outcomeOf(read: () => LiveQuote): QuoteOutcome {
  try {
    return read();
  } catch (failure) {
    if (failure instanceof MarketDataError && (failure.kind === "unknown-symbol" || failure.kind === "no-data")) return failure;
    throw failure;
  }
}

function filesUnder(provider: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else found.push(`${prefix}${entry.name}`);
    }
  };
  walk(path.join(FIXTURES_DIR, "quotes", provider), "");
  return found.sort();
}

function answerOf(provider: string, file: string, row: Row): Answer {
  const relative = `quotes/${provider}/${file}`;
  if (row.source === "wrapper") return loadWrapper(relative);
  if (row.source === "cassette") {
    const { status, body } = replayCassette(relative);
    return { status: status ?? 200, body: String(body) };
  }
  return { status: row.source === "body" ? 200 : row.source.status, body: fixtureText(relative) };
}

/** What every LiveQuote keeps, whichever provider and format it came from. */
function expectInvariants(outcome: LiveQuote, provider: string, ticker: string): void {
  expect(outcome.symbol).toBe(ticker);
  expect(outcome.provider).toBe(provider);
  expect(outcome.fetchedAt).toBe(FETCHED_AT);
  expect(outcome.demo).toBe(false);
  expect(outcome.price).toBeGreaterThan(0);
  for (const field of ["prevClose", "open", "dayHigh", "dayLow"] as const) {
    const value = outcome[field];
    if (value !== null) expect(value).toBeGreaterThan(0);
  }
  for (const field of ["change", "changePct", "volume", "delayMinutes", "time"] as const) {
    const value = outcome[field];
    if (value !== null) expect(Number.isFinite(value)).toBe(true);
  }
  if (outcome.currency !== null) expect(outcome.currency).toMatch(/^[A-Z]{3}$/);
  // Milliseconds: after 2000 and not in the future of the fetch (a seconds or nanoseconds slip is off by 1000×).
  if (outcome.time !== null) {
    expect(outcome.time).toBeGreaterThan(Date.parse("2000-01-01"));
    expect(outcome.time).toBeLessThanOrEqual(FETCHED_AT);
  }
  // The change percentage is a fraction agreeing with change ÷ previous close (Yahoo's crypto aside: its change is over 24 hours).
  if (outcome.changePct !== null) expect(Math.abs(outcome.changePct)).toBeLessThan(1);
  if (outcome.change !== null && outcome.prevClose !== null && outcome.changePct !== null && !ticker.endsWith("-USD")) {
    expect(outcome.changePct).toBeCloseTo(outcome.change / outcome.prevClose, 4);
  }
}

function expectFields(outcome: LiveQuote, expected: Partial<LiveQuote>): void {
  for (const [field, value] of Object.entries(expected)) {
    const actual = outcome[field as keyof LiveQuote];
    if (typeof value === "number") expect([field, actual]).toEqual([field, expect.closeTo(value, 9)]);
    else expect([field, actual]).toEqual([field, value]);
  }
}

describe.each(Object.entries(PROVIDERS))("%s: every recorded quote answer", (provider, { parse, files }) => {
  it(`accounts for every file in test/fixtures/quotes/${provider}/`, () => {
    expect(Object.keys(files).sort()).toEqual(filesUnder(provider));
  });

  const rows = Object.entries(files).filter((entry): entry is [string, Row] => !("elsewhere" in entry[1]));
  it.each(rows)("%s", (file, row) => {
    const tickers = Object.keys(row.tickers).map(parseTicker);
    const answer = answerOf(provider, file, row);
    if (row.rejects !== undefined) {
      let thrown: unknown;
      try {
        parse(tickers, answer);
      } catch (failure) {
        thrown = failure;
      }
      if (row.rejects === "crumb-refused") expect(thrown).toBeInstanceOf(YahooCrumbRefused);
      else expect(thrown).toMatchObject({ name: "MarketDataError", kind: row.rejects });
      return;
    }
    const outcomes = parse(tickers, answer);
    expect([...outcomes.keys()].sort()).toEqual([...tickers].sort());
    for (const [symbol, expected] of Object.entries(row.tickers)) {
      const outcome = outcomes.get(parseTicker(symbol));
      if ("error" in expected) {
        expect(outcome).toBeInstanceOf(MarketDataError);
        expect(outcome).toMatchObject({ kind: expected.error, symbol });
        expect((outcome as MarketDataError).message).toContain(symbol);
        continue;
      }
      if (outcome instanceof MarketDataError) throw new Error(`${symbol}: ${outcome.kind} ${outcome.message}`);
      expectInvariants(outcome as LiveQuote, provider, symbol);
      expectFields(outcome as LiveQuote, expected);
    }
  });
});
