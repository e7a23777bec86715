import { describeSnapshotContract, failsAs, snap } from "../snapshot-contract";
import type { ReceivedRequest, Responder, Route, ScriptedResponse } from "../../../support/replay-server";
import { jsonFile, replayCassette } from "../valuation/recordings";

/**
 * Alpha Vantage's valuation client against its recorded answers (FORMATS.md §3): OVERVIEW (numbers
 * as strings), GLOBAL_QUOTE (the price, a date without a time), EARNINGS (quarterly EPS with report
 * dates; "None" for old estimates). Every request is /query?function=…, so one route answers by function.
 */

const AV = "fundamentals/alphavantage";
const QUOTES = "quotes/alphavantage";
const byFunction =
  (answers: Readonly<Record<string, Responder>>): Responder =>
  (request: ReceivedRequest, call: number) => {
    const answer = answers[request.query.get("function") ?? ""];
    if (answer === undefined) return { status: 404, body: "no such function recorded" };
    return typeof answer === "function" ? answer(request, call) : answer;
  };
const query = (answers: Readonly<Record<string, Responder>>): Route[] => [{ path: "/query", respond: byFunction(answers) }];
const plain = (status: number, body: unknown, headers: Record<string, string> = {}): ScriptedResponse => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

describeSnapshotContract("alphavantage", {
  now: "2024-07-01T12:00:00Z",
  cases: [
    {
      files: [`${AV}/zackurben_company_overview.json`, `${QUOTES}/crazzyghost_globalquote.json`],
      what: "OVERVIEW 2020 (strings) with IBM's GLOBAL_QUOTE of 2020-05-08: P/E from price ÷ EPS, forward P/E published without forward EPS",
      routes: query({
        OVERVIEW: jsonFile(`${AV}/zackurben_company_overview.json`),
        GLOBAL_QUOTE: jsonFile(`${QUOTES}/crazzyghost_globalquote.json`),
      }),
      tickers: {
        IBM: snap(
          "equity",
          "USD",
          {
            price: 121.74,
            epsTrailing: 8.811,
            epsForward: null,
            peTrailingPublished: 14.4116,
            peForwardPublished: 11.4286,
            marketCap: 112747298816,
            sharesOutstanding: 890579008,
          },
          /forward P\/E but no forward EPS/,
        ),
      },
    },
    {
      files: [`${AV}/RomelTorres_mock_company_overview.json`],
      what: "OVERVIEW (RomelTorres) with GLOBAL_QUOTE refused as a premium function: no price, the rest kept, a note says why",
      routes: query({
        OVERVIEW: jsonFile(`${AV}/RomelTorres_mock_company_overview.json`),
        GLOBAL_QUOTE: {
          status: 200,
          headers: { "content-type": "application/json" },
          body: '{"Information":"This is a premium endpoint."}',
        },
      }),
      tickers: {
        IBM: snap("equity", "USD", { price: null, epsTrailing: 8.811, marketCap: 114234572800 }, /GLOBAL_QUOTE gave no price/),
      },
    },
    {
      files: [`${AV}/crazzyghost_companyoverview.json`, `${QUOTES}/RomelTorres_global_quote.json`],
      what: "OVERVIEW 2021 (new key set) for IBM; MSFT's GLOBAL_QUOTE answers another symbol's request",
      routes: query({
        OVERVIEW: jsonFile(`${AV}/crazzyghost_companyoverview.json`),
        GLOBAL_QUOTE: jsonFile(`${QUOTES}/RomelTorres_global_quote.json`),
      }),
      tickers: {
        IBM: snap("equity", "USD", {
          epsTrailing: 5.28,
          peTrailingPublished: 22.52,
          marketCap: 106626228000,
          sharesOutstanding: 896320000,
        }),
      },
    },
    {
      files: [`${QUOTES}/transcribed/information_demo_key_crazzyghost_tests.json`],
      what: "the demo key used on another symbol (Information, HTTP 200)",
      routes: query({
        OVERVIEW: jsonFile(`${QUOTES}/transcribed/information_demo_key_crazzyghost_tests.json`),
        GLOBAL_QUOTE: jsonFile(`${QUOTES}/transcribed/information_demo_key_crazzyghost_tests.json`),
      }),
      tickers: { MSFT: failsAs("invalid-key") },
    },
  ],
  elsewhere: [
    {
      files: [`${AV}/RomelTorres_mock_fundamental_data.json`],
      why: 'INCOME_STATEMENT (with "None" strings): no client asks for it; valuation/every-parser.test.ts runs every parser of the provider on it (read or refused, nothing invented)',
    },
  ],
  unknownSymbol: {
    ticker: "NOPE",
    routes: query({ OVERVIEW: plain(200, {}), GLOBAL_QUOTE: plain(200, { "Global Quote": {} }) }),
    source: "reported: an unknown symbol is {} with HTTP 200 (RomelTorres/alpha_vantage#237, #300)",
  },
  keys: {
    invalidKey: {
      routes: () =>
        query({
          OVERVIEW: plain(200, {
            "Error Message":
              "the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key).",
          }),
          GLOBAL_QUOTE: plain(200, { "Error Message": "the parameter apikey is invalid or missing." }),
        }),
      source: "Alpha Vantage's documented wording for a bad key (HTTP 200)",
    },
    sentKey: (request) => request.query.get("apikey"),
  },
  rateLimited: {
    routes: (retryAfter) =>
      query({ OVERVIEW: { status: 429, headers: { "retry-after": retryAfter }, body: "Too Many Requests" }, GLOBAL_QUOTE: plain(200, {}) }),
    source: "a plain 429 with Retry-After (the per-minute Note is covered by the history client's tests)",
  },
  earnings: {
    cases: [
      {
        files: [`${AV}/test_av_historical_eps_fetcher_urllib3_v2.yaml`, `${AV}/test_av_historical_eps_fetcher_urllib3_v2.body.0.json`],
        what: 'EARNINGS for AAPL (OpenBB cassette, 2024-06-27): newest first, old rows with "None" estimates',
        routes: query({ EARNINGS: replayCassette(`${AV}/test_av_historical_eps_fetcher_urllib3_v2.yaml`, 0) }),
        ticker: "AAPL",
        expect: { quarters: 113, first: "1996-04-17", last: "2024-05-02", periodEnds: true },
      },
      {
        files: [`${AV}/test_av_historical_eps_fetcher_urllib3_v2.body.1.json`],
        what: "EARNINGS for MSFT (second interaction of the cassette)",
        routes: query({ EARNINGS: replayCassette(`${AV}/test_av_historical_eps_fetcher_urllib3_v2.yaml`, 1) }),
        ticker: "MSFT",
        expect: { quarters: 113, first: "1996-04-18", last: "2024-04-25", periodEnds: true },
      },
      {
        files: [`${AV}/crazzyghost_earnings.json`],
        what: "EARNINGS for IBM (crazzyghost, trimmed to three quarters)",
        routes: query({ EARNINGS: jsonFile(`${AV}/crazzyghost_earnings.json`) }),
        ticker: "IBM",
        expect: { quarters: 3, first: "2020-04-20", last: "2020-10-19", periodEnds: true },
      },
    ],
  },
});
