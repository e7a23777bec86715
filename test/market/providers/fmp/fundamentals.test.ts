import { describeSnapshotContract, snap } from "../snapshot-contract";
import { fixtureText } from "../../../support/recordings";
import type { Route, ScriptedResponse } from "../../../support/replay-server";
import { replayCassette } from "../valuation/recordings";

/**
 * FMP's valuation client against OpenBB's recorded stable-API answers (FORMATS.md §2, recorded
 * 2025-09-23): /stable/profile, /stable/ratios-ttm, /stable/analyst-estimates (newest year first,
 * 0 = missing), /stable/earnings (report dates only, future rows null). The parser-only files are
 * read in fundamentals-parse.test.ts.
 */

const FMP = "fundamentals/fmp";
const cassette = (name: string, index = 0): ScriptedResponse => replayCassette(`${FMP}/test_fmp_${name}_fetcher_urllib3_v2.yaml`, index);
const JSON_TYPE = { "content-type": "application/json" };
const INVALID_KEY = fixtureText("fmp/transcribed/error_invalid_api_key_http200_2021.json");

const stable = (answers: Partial<Record<"profile" | "ratios-ttm" | "analyst-estimates" | "earnings", ScriptedResponse>>): Route[] =>
  Object.entries(answers).map(([endpoint, respond]) => ({ path: `/stable/${endpoint}`, respond: respond as ScriptedResponse }));

describeSnapshotContract("fmp", {
  now: "2025-09-24T12:00:00Z",
  cases: [
    {
      files: [
        `${FMP}/test_fmp_equity_profile_fetcher_urllib3_v2.yaml`,
        `${FMP}/test_fmp_equity_profile_fetcher_urllib3_v2.body.json`,
        `${FMP}/test_fmp_financial_ratios_fetcher_urllib3_v2.yaml`,
        `${FMP}/test_fmp_financial_ratios_fetcher_urllib3_v2.body.0.json`,
        `${FMP}/test_fmp_analyst_estimates_fetcher_urllib3_v2.yaml`,
        `${FMP}/test_fmp_analyst_estimates_fetcher_urllib3_v2.body.0.json`,
      ],
      what: "profile, ratios-ttm and the estimates as recorded with limit=1 (only FY2029, the year furthest out): no forward EPS, said why",
      routes: stable({
        profile: cassette("equity_profile"),
        "ratios-ttm": cassette("financial_ratios", 0),
        "analyst-estimates": cassette("analyst_estimates", 0),
      }),
      tickers: {
        AAPL: snap(
          "equity",
          "USD",
          {
            price: 256.08,
            epsTrailing: 6.661796916382505,
            epsForward: null,
            peTrailingPublished: 38.44007903787268,
            marketCap: 3800327071200,
            sharesOutstanding: null,
          },
          /hold no year in progress on 2025-09-24/,
        ),
      },
    },
    {
      files: [`${FMP}/test_fmp_analyst_estimates_fetcher_urllib3_v2.body.1.json`],
      what: "the MSFT estimate row (FY2030, epsAvg 0) beside AAPL's profile: still no forward EPS; ratios refused by the plan leave EPS null with a note",
      routes: stable({
        profile: cassette("equity_profile"),
        "ratios-ttm": {
          status: 402,
          headers: JSON_TYPE,
          body: '{"Error Message":"Special Endpoint : this endpoint is not available under your current subscription"}',
        },
        "analyst-estimates": cassette("analyst_estimates", 1),
      }),
      tickers: { AAPL: snap("equity", "USD", { price: 256.08, epsTrailing: null, epsForward: null }, /FMP gave no trailing P\/E or EPS/) },
    },
  ],
  elsewhere: [
    {
      files: ["yaml", "body.0.json", "body.1.json"].map((end) => `${FMP}/test_fmp_key_metrics_fetcher_urllib3_v2.${end}`),
      why: "key-metrics (earningsYieldTTM, no P/E): no client asks for it; valuation/every-parser.test.ts runs every parser of the provider on it (read or refused, nothing invented)",
    },
    {
      files: [
        `${FMP}/test_fmp_equity_profile_fetcher_urllib3_v2.v3profile-2024.yaml`,
        `${FMP}/test_fmp_equity_profile_fetcher_urllib3_v2.v3profile-2024.body.json`,
        `${FMP}/test_fmp_financial_ratios_fetcher_urllib3_v2.body.1.json`,
      ],
      why: "the legacy v3 profile (mktCap) and the annual ratios are not asked for; fmp/fundamentals-parse.test.ts reads them with the parsers",
    },
  ],
  unknownSymbol: {
    ticker: "NOPE",
    routes: stable({
      profile: { status: 200, headers: JSON_TYPE, body: "[]" },
      "ratios-ttm": { status: 200, headers: JSON_TYPE, body: "[]" },
      "analyst-estimates": { status: 200, headers: JSON_TYPE, body: "[]" },
    }),
    source: "FMP answers an unknown symbol with an empty list (as its history endpoint does)",
  },
  keys: {
    invalidKey: {
      routes: () =>
        stable({
          profile: { status: 401, headers: JSON_TYPE, body: INVALID_KEY },
          "ratios-ttm": { status: 401, headers: JSON_TYPE, body: INVALID_KEY },
          "analyst-estimates": { status: 401, headers: JSON_TYPE, body: INVALID_KEY },
        }),
      source: "providers/fmp/transcribed/error_invalid_api_key_http200_2021.json served with 401",
    },
    sentKey: (request) => request.query.get("apikey"),
  },
  rateLimited: {
    routes: (retryAfter) =>
      stable({
        profile: { status: 429, headers: { "content-type": "text/plain", "retry-after": retryAfter }, body: "Too Many Requests" },
        "ratios-ttm": { status: 200, headers: JSON_TYPE, body: "[]" },
        "analyst-estimates": { status: 200, headers: JSON_TYPE, body: "[]" },
      }),
    source: "a plain 429 with Retry-After",
  },
  earnings: {
    cases: [
      {
        files: [`${FMP}/test_fmp_historical_eps_fetcher_urllib3_v2.yaml`, `${FMP}/test_fmp_historical_eps_fetcher_urllib3_v2.body.0.json`],
        what: "/stable/earnings for AAPL, limit=6: three future rows (null EPS) left out, report dates only",
        routes: stable({ earnings: cassette("historical_eps", 0) }),
        ticker: "AAPL",
        expect: { quarters: 3, first: "2025-01-30", last: "2025-07-31", periodEnds: false },
      },
      {
        files: [`${FMP}/test_fmp_historical_eps_fetcher_urllib3_v2.body.1.json`],
        what: "/stable/earnings for MSFT",
        routes: stable({ earnings: cassette("historical_eps", 1) }),
        ticker: "MSFT",
        expect: { quarters: 3, first: "2025-01-29", last: "2025-07-30", periodEnds: false },
      },
    ],
  },
});
