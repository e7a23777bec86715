import { describeSnapshotContract, failsAs, snap } from "../snapshot-contract";
import { fixtureText } from "../../../support/recordings";
import type { Route, ScriptedResponse } from "../../../support/replay-server";
import { jsonFile } from "../valuation/recordings";

/**
 * Polygon.io's valuation client (FORMATS.md §4): /v3/reference/tickers (market cap, shares), the
 * previous day's bar (its `results` as the recorded aggregates carry them) and /vX/reference/financials
 * (diluted EPS per quarter). Polygon publishes no P/E or forward EPS; a plan that refuses a part says so.
 */

const PG = "fundamentals/polygon";
const JSON_TYPE = { "content-type": "application/json" };
const DETAILS = jsonFile(`${PG}/client-python_v3_reference_tickers_AAPL.json`);
const FINANCIALS = jsonFile(`${PG}/client-python_vX_reference_financials.json`);
const BAR: ScriptedResponse = {
  status: 200,
  headers: JSON_TYPE,
  body: fixtureText("polygon/client-python_v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json"),
};
const NOT_AUTHORIZED: ScriptedResponse = {
  status: 403,
  headers: JSON_TYPE,
  body: fixtureText("polygon/transcribed/not_authorized_plan_timeframe_openbb4747.json"),
};

const routes = (details: ScriptedResponse, bar: ScriptedResponse, financials: ScriptedResponse): Route[] => [
  { path: /^\/v3\/reference\/tickers\//, respond: details },
  { path: /^\/v2\/aggs\/ticker\/[^/]+\/prev$/, respond: bar },
  { path: "/vX/reference/financials", respond: financials },
];

describeSnapshotContract("polygon", {
  now: "2024-01-10T12:00:00Z",
  cases: [
    {
      files: [`${PG}/client-python_v3_reference_tickers_AAPL.json`, `${PG}/client-python_vX_reference_financials.json`],
      what: "details, the previous bar and quarterly financials: EPS ttm summed from quarters when there are four",
      routes: routes(DETAILS, BAR, FINANCIALS),
      tickers: {
        AAPL: snap(
          "equity",
          "USD",
          { marketCap: 2488795282370, peTrailingPublished: null, epsForward: null },
          /Polygon\.io publishes no P\/E and no forward EPS/,
        ),
      },
    },
    {
      files: [],
      what: "a plan without financials or bars (NOT_AUTHORIZED): price and EPS null, each with the plan's reason",
      routes: routes(DETAILS, NOT_AUTHORIZED, NOT_AUTHORIZED),
      tickers: {
        AAPL: snap(
          "equity",
          "USD",
          { price: null, epsTrailing: null, marketCap: 2488795282370 },
          /Polygon\.io gave no financials: .*plan/i,
        ),
      },
    },
    {
      files: [],
      what: "a plan that refuses the ticker details: plan-limit, said plainly",
      routes: routes(NOT_AUTHORIZED, NOT_AUTHORIZED, NOT_AUTHORIZED),
      tickers: { AAPL: failsAs("plan-limit", /plan/i) },
    },
  ],
  unknownSymbol: {
    ticker: "NOPE",
    routes: routes(
      { status: 404, headers: JSON_TYPE, body: '{"status":"NOT_FOUND","request_id":"x","message":"Ticker not found."}' },
      { status: 200, headers: JSON_TYPE, body: '{"ticker":"NOPE","queryCount":0,"resultsCount":0,"adjusted":true,"status":"OK"}' },
      { status: 200, headers: JSON_TYPE, body: '{"results":[],"status":"OK"}' },
    ),
    source: "Polygon's NOT_FOUND wording for reference endpoints",
  },
  keys: {
    invalidKey: {
      routes: () => {
        const unknownKey: ScriptedResponse = {
          status: 401,
          headers: JSON_TYPE,
          body: '{"status":"ERROR","request_id":"x","error":"Unknown API Key"}',
        };
        return routes(unknownKey, unknownKey, unknownKey);
      },
      source: "Polygon's documented 401 Unknown API Key",
    },
    sentKey: (request) => request.query.get("apiKey") ?? String(request.headers.authorization ?? "").replace(/^Bearer /, ""),
  },
  rateLimited: {
    routes: (retryAfter) => {
      const limited: ScriptedResponse = {
        status: 429,
        headers: { "content-type": "application/json", "retry-after": retryAfter },
        body: '{"status":"ERROR","error":"You\'ve exceeded the maximum requests per minute"}',
      };
      return routes(limited, limited, limited);
    },
    source: "Polygon's 429 (free plan: 5 requests a minute)",
  },
  earnings: {
    cases: [
      {
        files: [`${PG}/client-python_vX_reference_financials.json`],
        what: "the recorded financials as a quarterly history (filing dates as report dates)",
        routes: routes(DETAILS, BAR, FINANCIALS),
        ticker: "AAPL",
        expect: { quarters: 1, first: "2022-05-03", last: "2022-05-03", periodEnds: true },
      },
    ],
  },
});
