import { describeSnapshotContract, failsAs, snap } from "../snapshot-contract";
import { parseTiingoDailyFundamentals } from "../../../../src/market/providers/tiingo";
import type { Route, ScriptedResponse } from "../../../support/replay-server";
import { jsonFile, replayCassette } from "../valuation/recordings";

/**
 * Tiingo's valuation client (FORMATS.md §5): the latest row of /tiingo/fundamentals/{ticker}/daily
 * (P/E, market cap; an add-on: free accounts get the Dow 30 only) and /iex/{ticker} (the price).
 */

const TI = "fundamentals/tiingo";
const JSON_TYPE = { "content-type": "application/json" };
const IEX_AAPL = jsonFile("quotes/tiingo/riingo_iex_AAPL.json");
const routes = (daily: ScriptedResponse, iex: ScriptedResponse): Route[] => [
  { path: /^\/tiingo\/fundamentals\/[^/]+\/daily$/, respond: daily },
  { path: /^\/iex\/[^/]+$/, respond: iex },
];

describeSnapshotContract("tiingo", {
  now: "2020-04-02T12:00:00Z",
  cases: [
    {
      files: [`${TI}/fundamentals_daily.yaml`, `${TI}/fundamentals_daily.body.json`, "quotes/tiingo/riingo_iex_AAPL.json"],
      what: "GOOGL's daily fundamentals (latest row, 2020-04-01); the recorded IEX quote is AAPL's, so it does not price GOOGL",
      routes: routes(replayCassette(`${TI}/fundamentals_daily.yaml`), IEX_AAPL),
      tickers: {
        GOOGL: snap(
          "equity",
          "USD",
          { price: null, epsTrailing: null, epsForward: null, peTrailingPublished: 22.0596477182, marketCap: 757457999789 },
          /an IEX quote of AAPL/,
        ),
      },
    },
    {
      files: [
        `${TI}/fundamentals_daily.PG-2021-04.yaml`,
        `${TI}/fundamentals_daily.PG-2021-04.body.json`,
        "quotes/tiingo/riingo_iex_badticker.json",
      ],
      what: "PG's daily fundamentals; the IEX answer an empty list: no price, with a note",
      routes: routes(replayCassette(`${TI}/fundamentals_daily.PG-2021-04.yaml`), jsonFile("quotes/tiingo/riingo_iex_badticker.json")),
      tickers: {
        PG: snap(
          "equity",
          "USD",
          { price: null, peTrailingPublished: 57.5421052632, marketCap: 269985283807.72 },
          /IEX quote gave no price/,
        ),
      },
    },
    {
      files: [],
      what: "a ticker outside the account's fundamentals (the add-on's Dow 30 on free accounts): plan-limit saying the plan lacks it",
      routes: routes(
        {
          status: 400,
          headers: JSON_TYPE,
          body: '{"detail":"Error: Free and Power plans are limited to the DOW 30. If you would like access to all supported tickers, then please E-mail support@tiingo.com to get the Fundamental Data API added as an add-on service."}',
        },
        IEX_AAPL,
      ),
      tickers: { AAPL: failsAs("plan-limit", /plan/i) },
    },
  ],
  elsewhere: [
    {
      files: ["fundamentals_meta", "fundamentals_meta_multi", "fundamentals_statements"].flatMap((name) => [
        `${TI}/${name}.yaml`,
        `${TI}/${name}.body.json`,
      ]),
      why: "meta and statements: no client asks for it; valuation/every-parser.test.ts runs every parser of the provider on it (read or refused, nothing invented)",
    },
    {
      files: [`${TI}/fundamentals_daily_csv.yaml`, `${TI}/fundamentals_daily_csv.body.csv`],
      why: "format=csv is never asked for; the parser refuses it as not JSON (below)",
    },
  ],
  unknownSymbol: {
    ticker: "NOPE",
    routes: routes(
      { status: 404, headers: JSON_TYPE, body: '{"detail":"Not found."}' },
      jsonFile("quotes/tiingo/riingo_iex_badticker.json"),
    ),
    source: "Tiingo's 404 {detail: Not found.} (as for daily prices)",
  },
  keys: {
    invalidKey: {
      routes: () =>
        routes(
          { status: 401, headers: JSON_TYPE, body: '{"detail":"Invalid token."}' },
          { status: 401, headers: JSON_TYPE, body: '{"detail":"Invalid token."}' },
        ),
      source: "Tiingo's 401 Invalid token.",
    },
    sentKey: (request) => String(request.headers.authorization ?? "").replace(/^Token /, ""),
  },
  rateLimited: {
    routes: (retryAfter) =>
      routes({ status: 429, headers: { "content-type": "text/plain", "retry-after": retryAfter }, body: "Too Many Requests" }, IEX_AAPL),
    source: "an HTTP 429 with Retry-After",
  },
  earnings: { notApplicable: "Tiingo has no quarterly EPS with report dates here", instead: { unavailableSaysWhy: /./ } },
});

describe("Tiingo daily fundamentals as CSV", () => {
  it("is refused as bad-response, not read as numbers", () => {
    const csv = replayCassette(`${TI}/fundamentals_daily_csv.yaml`);
    expect(() => parseTiingoDailyFundamentals("GOOGL", { status: 200, body: String(csv.body) })).toThrow(
      expect.objectContaining({ kind: "bad-response" }),
    );
  });
});
