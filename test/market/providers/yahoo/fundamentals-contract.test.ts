import { describeSnapshotContract, failsAs, snap, SnapshotCase } from "../snapshot-contract";
import type { Route, ScriptedResponse } from "../../../support/replay-server";
import { combinedSummary, jsonFile, replayWrapper, valuationFiles } from "../valuation/recordings";
import { crumbFlowRoutes } from "../valuation/yahoo-flow";

/**
 * Yahoo's valuation client over every recorded v7 quote answer (FORMATS.md §1.3), behind the
 * recorded cookie-and-crumb flow; an equity whose quote lacks EPS asks quoteSummary, answered by the
 * recorded modules of that symbol where there are some, else by ADH's recorded 404. The module
 * answers are each read by fundamentals-parse.test.ts; the flow recordings by fundamentals.test.ts.
 */

const QUOTE_PATH = "/v7/finance/quote";
const NOT_FOUND = replayWrapper("fundamentals/yahoo/quoteSummary-summaryDetail-ADH.json");
const MODULES = ["price", "summaryDetail", "defaultKeyStatistics", "financialData", "earningsTrend"];

/** The quote answer `file`, the symbol's recorded quoteSummary modules (if `summaryOf`), and a 404 for any other summary. */
function routes(quote: ScriptedResponse, summaryOf?: string): Route[] {
  const summary: Route[] =
    summaryOf === undefined
      ? []
      : [
          {
            path: `/v10/finance/quoteSummary/${summaryOf}`,
            respond: combinedSummary(MODULES.map((m) => `fundamentals/yahoo/quoteSummary-${m}-${summaryOf}.json`)),
          },
        ];
  return [...summary, { path: QUOTE_PATH, respond: quote }, { path: /^\/v10\/finance\/quoteSummary\//, respond: NOT_FOUND }];
}

const wrapperCase = (file: string, what: string, tickers: SnapshotCase["tickers"], summaryOf?: string): SnapshotCase => ({
  files: [`quotes/yahoo/${file}`],
  what,
  routes: routes(replayWrapper(`quotes/yahoo/${file}`), summaryOf),
  tickers,
});
const bodyCase = (file: string, what: string, tickers: SnapshotCase["tickers"]): SnapshotCase => ({
  files: [`quotes/yahoo/${file}`],
  what,
  routes: routes(jsonFile(`quotes/yahoo/${file}`)),
  tickers,
});

/** The module answers fundamentals-parse.test.ts reads (its `summaries`): a fundamentals recording outside them fails the accounting. */
const ELSEWHERE_PARSED = valuationFiles("yahoo").filter(
  (file) => file.startsWith("fundamentals/yahoo/") && /quoteSummary|yfinance-rs_analysis/.test(file),
);
const ELSEWHERE_FLOW = valuationFiles("yahoo").filter((file) => /quotes\/yahoo\/(crumb|transcribed)\//.test(file));

describeSnapshotContract("yahoo", {
  now: "2025-02-17T12:00:00Z",
  commonRoutes: crumbFlowRoutes(),
  cases: [
    wrapperCase("quote-AAPL.json", "an equity with every field", {
      AAPL: snap("equity", "USD", {
        price: 244.6,
        epsTrailing: 6.31,
        epsForward: 8.31,
        peTrailingPublished: 38.763866,
        peForwardPublished: 29.434416,
        marketCap: 3674405863424,
        sharesOutstanding: 15022100480,
      }),
    }),
    wrapperCase("quote-AAPL-BABA.json", "two symbols in one request; BABA reports in CNY, its EPS per ADS in USD as its P/E confirms", {
      AAPL: snap("equity", "USD", { price: 244.6 }),
      BABA: snap("equity", "USD", { price: 124.73, epsTrailing: 4.81, epsForward: 9.87 }, /statements in CNY and quotes it in USD/),
    }),
    wrapperCase("quote-BABA.json", "BABA alone", { BABA: snap("equity", "USD", { epsTrailing: 4.81, epsForward: 9.87 }) }),
    wrapperCase("quote-AMZN.json", "an equity", { AMZN: snap("equity", "USD", { price: 228.68, epsTrailing: 5.53, epsForward: 6.15 }) }),
    wrapperCase("quote-GOOG.json", "an equity", { GOOG: snap("equity", "USD", { price: 186.87, epsTrailing: 8.04, epsForward: 8.95 }) }),
    wrapperCase("quote-BFLY.json", "a loss-maker: no trailing P/E, negative EPS kept, the negative forward P/E left out", {
      BFLY: snap("equity", "USD", { epsTrailing: -0.47, epsForward: -0.33, peTrailingPublished: null, peForwardPublished: null }),
    }),
    wrapperCase("quote-SOHO.json", "a penny loss-maker", {
      SOHO: snap("equity", "USD", { price: 0.8401, epsTrailing: -0.33, epsForward: -0.56 }),
    }),
    wrapperCase("quote-LDO.MI.json", "a Milan listing in EUR", {
      "LDO.MI": snap("equity", "EUR", { price: 33.38, epsTrailing: 1.22, epsForward: 1.68 }),
    }),
    wrapperCase(
      "quote-OCDO.L.json",
      "London in pence (GBp) with market cap in pounds; forward EPS from quoteSummary's earningsTrend",
      {
        "OCDO.L": snap(
          "equity",
          "GBP",
          { price: 3.088, epsTrailing: -0.26, epsForward: -0.35922, marketCap: 2554603520 },
          /in pence \(GBp\): the price is converted to GBP/,
        ),
      },
      "OCDO.L",
    ),
    wrapperCase("quote-QQQ.json", "an ETF: its published trailing P/E, no EPS of its own", {
      QQQ: snap("fund", "USD", { epsTrailing: null, epsForward: null, peTrailingPublished: 35.07033 }),
    }),
    wrapperCase("quote-BTC-USD.json", "a cryptocurrency: market cap only", {
      "BTC-USD": snap("crypto", "USD", { epsTrailing: null, peTrailingPublished: null }),
    }),
    wrapperCase("quote-EURUSD=X.json", "a currency pair: no market cap", {
      "EURUSD=X": snap("currency", "USD", { marketCap: null, epsTrailing: null }),
    }),
    wrapperCase("quote-ADH.json", "delisted: a result without a price", { ADH: failsAs("no-data") }),
    wrapperCase("quote-MSFT-fields-beta.json", "fields=beta: no currency, so no price; quoteSummary 404", {
      MSFT: snap("equity", null, { price: null }),
    }),
    wrapperCase("quote-TSLA-fields-symbol.json", "fields=symbol: no currency, so no price", {
      TSLA: snap("equity", null, { price: null }),
    }),
    wrapperCase("quoteCombine-AAPL-NONEXIST.json", "2022: the unknown symbol simply missing from the answer", {
      AAPL: snap("equity", "USD", { price: 160.07, epsTrailing: 6.015 }),
      NONEXIST: failsAs("unknown-symbol"),
    }),
    wrapperCase("quoteCombine-NONEXIST.json", "2022: an empty result", { NONEXIST: failsAs("unknown-symbol") }),
    wrapperCase("2021/quote-AAPL.json", "2021 layout", {
      AAPL: snap("equity", "USD", { price: 136.76, epsTrailing: 3.687, epsForward: 4.66 }),
    }),
    wrapperCase("2021/quote-QQQ.json", "2021 ETF", { QQQ: snap("fund", "USD", { epsTrailing: null }) }),
    bodyCase("yfinance-rs_quote_v7_AAPL.json", "yfinance-rs body (2025-10)", {
      AAPL: snap("equity", "USD", { price: 269.7, epsTrailing: 6.59, epsForward: 8.31 }),
    }),
    bodyCase("yfinance-rs_quote_v7_MSFT.json", "after hours (POSTPOST): the regular-market price", {
      MSFT: snap("equity", "USD", { price: 541.55, epsTrailing: 13.66 }),
    }),
    bodyCase("yfinance-rs_quote_v7_AAPL-MSFT.json", "two symbols", {
      AAPL: snap("equity", "USD", { price: 269.7 }),
      MSFT: snap("equity", "USD", { price: 541.55, epsForward: 14.95 }),
    }),
    bodyCase("yfinance-rs_quote_v7_GS2C.DE.json", "EUR price, USD statements; no forward EPS (quoteSummary 404)", {
      "GS2C.DE": snap("equity", "EUR", { price: 19.948 }),
    }),
    bodyCase("yfinance-rs_quote_v7_GS2C.json", "the symbol without its exchange suffix: unknown", { GS2C: failsAs("unknown-symbol") }),
    bodyCase("yfinance-rs_quote_v7_QQQ.json", "an ETF intraday", { QQQ: snap("fund", "USD", { epsTrailing: null }) }),
  ],
  elsewhere: [
    {
      files: ["calendarEvents_META", "earnings_AMZN", "incomeStatementHistoryQuarterly_AAPL"].map(
        (name) => `fundamentals/yahoo/formatted/yfinance-rs_fundamentals_api_${name}.json`,
      ),
      why: "formatted calendarEvents, earnings, incomeStatementHistoryQuarterly: no client asks for it; valuation/every-parser.test.ts runs every parser of the provider on it (read or refused, nothing invented)",
    },
    { files: ELSEWHERE_PARSED, why: "quoteSummary module answers: each read by fundamentals-parse.test.ts (it.each over the folder)" },
    {
      files: ELSEWHERE_FLOW,
      why: "the cookie-and-crumb flow and the 401 Invalid Crumb: replayed by fundamentals.test.ts and commonRoutes here",
    },
  ],
  unknownSymbol: {
    ticker: "NONEXIST",
    routes: routes(replayWrapper("quotes/yahoo/quoteCombine-NONEXIST.json")),
    source: "quotes/yahoo/quoteCombine-NONEXIST.json",
  },
  keys: {
    notApplicable: "Yahoo has no API key; it wants a cookie and crumb",
    instead: { keyIgnored: { ticker: "AAPL", routes: routes(replayWrapper("quotes/yahoo/quote-AAPL.json")) } },
  },
  rateLimited: {
    routes: (retryAfter) => [
      {
        path: QUOTE_PATH,
        respond: { status: 429, headers: { "content-type": "text/plain", "retry-after": retryAfter }, body: "Edge: Too Many Requests" },
      },
    ],
    source: "Yahoo's plain-text 429 (quotes/yahoo/FORMATS.md)",
  },
  earnings: {
    notApplicable: "Yahoo publishes no quarterly EPS with report dates",
    instead: { unavailableSaysWhy: /without the days they were reported/ },
  },
});
