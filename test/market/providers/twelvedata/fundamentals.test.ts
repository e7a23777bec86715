import { describeSnapshotContract, snap } from "../snapshot-contract";
import { parseTwelveDataQuote } from "../../../../src/market/providers/twelvedata";
import { fixtureText } from "../../../support/recordings";
import type { Route, ScriptedResponse } from "../../../support/replay-server";
import { fixtureJson, jsonFile } from "../valuation/recordings";

/**
 * Twelve Data's valuation client (FORMATS.md §6): /statistics (TSM, marekskopal's fixture) and
 * /quote (the per-symbol parts of a recorded /batch, served on their own as /quote answers them).
 */

const TD = "fundamentals/twelvedata";
const QUOTES = "quotes/twelvedata";
const JSON_TYPE = { "content-type": "application/json" };
const part = (file: string, symbol: string): ScriptedResponse => ({
  status: 200,
  headers: JSON_TYPE,
  body: JSON.stringify((fixtureJson(file) as Record<string, unknown>)[symbol]),
});
const endpoints = (statistics: ScriptedResponse, quote: ScriptedResponse): Route[] => [
  { path: "/statistics", respond: statistics },
  { path: "/quote", respond: quote },
];
const error = (file: string): ScriptedResponse => ({
  status: 200,
  headers: JSON_TYPE,
  body: fixtureText(`twelvedata/transcribed/${file}`),
});

describeSnapshotContract("twelvedata", {
  now: "2024-11-25T12:00:00Z",
  cases: [
    {
      files: [`${TD}/marekskopal_statistics.json`, `${QUOTES}/marekskopal_batch_quote.json`],
      what: "TSM's statistics (per ADS, USD); the recorded quote part is AAPL's, so it does not price TSM; a forward P/E without forward EPS",
      routes: endpoints(jsonFile(`${TD}/marekskopal_statistics.json`), part(`${QUOTES}/marekskopal_batch_quote.json`, "AAPL")),
      tickers: {
        TSM: snap(
          "equity",
          "USD",
          {
            epsTrailing: 6.22,
            epsForward: null,
            peTrailingPublished: 29.55627,
            peForwardPublished: 22.752476,
            marketCap: 953495257088,
            sharesOutstanding: 5186549760,
          },
          /forward P\/E but no forward EPS/,
        ),
      },
    },
    {
      files: [`${QUOTES}/marekskopal_batch_error.json`],
      what: "the quote answered by a /batch error part (no close): the statistics kept, no price, a note says why",
      routes: endpoints(jsonFile(`${TD}/marekskopal_statistics.json`), part(`${QUOTES}/marekskopal_batch_error.json`, "AAPL")),
      tickers: { TSM: snap("equity", "USD", { price: null }) },
    },
  ],
  elsewhere: [
    {
      files: ["earnings_estimate", "eps_trend", "growth_estimates", "market_capitalization", "price_target", "profile"].map(
        (name) => `${TD}/marekskopal_${name}.json`,
      ),
      why: "estimates, market cap, price target, profile: no client asks for it; valuation/every-parser.test.ts runs every parser of the provider on it (read or refused, nothing invented)",
    },
  ],
  unknownSymbol: {
    ticker: "NOPE",
    routes: endpoints(
      {
        status: 200,
        headers: JSON_TYPE,
        body: '{"code":404,"message":"**symbol** not found: NOPE. Please specify it correctly according to API Documentation.","status":"error"}',
      },
      { status: 200, headers: JSON_TYPE, body: '{"code":404,"message":"**symbol** not found: NOPE.","status":"error"}' },
    ),
    source: "Twelve Data's symbol-not-found wording (as for /time_series)",
  },
  keys: {
    invalidKey: {
      routes: () => endpoints(error("error_401_apikey_soulgarden_tests.json"), error("error_401_apikey_soulgarden_tests.json")),
      source: "providers/twelvedata/transcribed/error_401_apikey_soulgarden_tests.json",
    },
    sentKey: (request) => String(request.headers.authorization ?? "").replace(/^apikey /, ""),
  },
  rateLimited: {
    routes: (retryAfter) =>
      endpoints(
        { status: 429, headers: { "content-type": "text/plain", "retry-after": retryAfter }, body: "Too Many Requests" },
        error("error_429_minute_credits_blocksense_pr1276.json"),
      ),
    source: "an HTTP 429 with Retry-After",
  },
  earnings: {
    notApplicable: "Twelve Data's /earnings has no recording to build a reader on",
    instead: { unavailableSaysWhy: /no recording of that endpoint/ },
  },
});

describe("Twelve Data quote parts", () => {
  it("reads the price (a string) and the trading date of each recorded /batch part", () => {
    const parts = fixtureJson(`${QUOTES}/marekskopal_batch_quote.json`) as Record<string, unknown>;
    expect(parseTwelveDataQuote("AAPL", { status: 200, body: JSON.stringify(parts.AAPL) })).toEqual({
      price: 229.87,
      currency: "USD",
      date: "2024-11-22",
    });
    expect(Object.keys(parts).sort()).toEqual(["AAPL", "MSFT"]);
    expect(parseTwelveDataQuote("MSFT", { status: 200, body: JSON.stringify(parts.MSFT) }).price).toBeGreaterThan(0);
  });
});
