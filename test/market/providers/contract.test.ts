import { PROVIDER_NAMES, PROVIDER_SPECS } from "../../../src/market";
import { loadCassette } from "../../support/cassette-bodies";
import { fixtureText, replayOf, yahooRecording } from "../../support/recordings";
import type { ScriptedResponse } from "../../support/replay-server";
import { loadVcrInteraction } from "../../support/vcr-cassettes";
import { errorBody, FixtureUse, history, notDailyHistory, ProviderContract, testProviderContract } from "./contract";

/**
 * THE LIST: one contract entry per provider in PROVIDER_NAMES. Adding a provider means adding its
 * entry here (the first test fails until you do). Fixtures are served the way each provider's
 * client tests serve them; "recorded" = a real capture, "transcribed" = copied from a public issue,
 * "reported" = wording quoted in FORMATS.md with no file, "not recorded" = no source at all.
 */

const JSON_TYPE = { "content-type": "application/json" };
const json = (body: string, status = 200): ScriptedResponse => ({ status, headers: JSON_TYPE, body });
const isoOfSeconds = (seconds: string | null): string | null =>
  seconds === null ? null : new Date(Number(seconds) * 1000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Yahoo: yahoo-finance2 recordings, served with their recorded status and headers.

const yahooFile = (file: string, ticker: string, role: FixtureUse["role"]): FixtureUse => ({
  files: [file],
  ticker,
  respond: replayOf(yahooRecording(file)),
  role,
});
const TSLA_FILE = "historical-via-chart-dividends-TSLA-no-dividends.json";
const YAHOO_429_FILE = "transcribed/http429_body_Edge_Too_Many_Requests.txt";
const YAHOO_429: ScriptedResponse = {
  status: 429,
  headers: { "content-type": "text/plain" },
  body: fixtureText(`yahoo/${YAHOO_429_FILE}`),
};

/** Yahoo's answer from `start` (period1): only the bars stamped at or after that UTC midnight. */
function yahooChartFrom(body: string, start: string): string {
  const chart = JSON.parse(body);
  const result = chart.chart.result[0];
  const keep = result.timestamp.map((t: number) => t >= Date.parse(start) / 1000);
  const cut = (values: unknown[]): unknown[] => values.filter((_, i) => keep[i]);
  result.timestamp = cut(result.timestamp);
  const quote = result.indicators.quote[0];
  for (const column of Object.keys(quote)) quote[column] = cut(quote[column]);
  for (const adjusted of result.indicators.adjclose ?? []) adjusted.adjclose = cut(adjusted.adjclose);
  return JSON.stringify(chart);
}

const yahoo: ProviderContract = {
  name: "yahoo",
  now: "2023-08-12T00:00:00Z",
  route: /^\/v8\/finance\/chart\/[^/]+$/,
  fixtures: [
    yahooFile(TSLA_FILE, "TSLA", history("2010-06-29", "2023-08-11", 3303)),
    yahooFile("historicalv8-AAPL-2020-01-01-to-2021-01-04.json", "AAPL", history("2020-01-02", "2020-12-31", 253)),
    yahooFile("historicalv8-AMZN-2020-01-01-to-2021-01-04.json", "AMZN", history("2020-01-02", "2020-12-31", 253)),
    yahooFile("historicalv8-GOOG-2020-01-01-to-2021-01-04.json", "GOOG", history("2020-01-02", "2020-12-31", 253)),
    yahooFile("historicalv8-QQQ-2020-01-01-to-2021-01-04.json", "QQQ", history("2020-01-02", "2020-12-31", 253)),
    yahooFile("historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json", "MSFT", history("2021-02-01", "2022-01-28", 252)),
    yahooFile("chart-WSU.DE-2023-08-04-to-2023-08-09.json", "WSU.DE", history("2023-08-04", "2023-08-08", 3)),
    yahooFile("chart-BTC-USD-2020-01-01-to-2020-01-03.json", "BTC-USD", history("2020-01-01", "2020-01-03", 3)),
    yahooFile("chart-EURUSD=X-2020-01-01-to-2020-01-03.json", "EURUSD=X", history("2020-01-01", "2020-01-03", 3)),
    yahooFile(
      "historicalv8-MDLY-2020-01-01-to-2021-01-04.json",
      "MDLY",
      errorBody("unknown-symbol", "404 Not Found, symbol may be delisted"),
    ),
    yahooFile("historical-via-chart-SI-2020-01-01-to-2020-01-03.json", "SI", errorBody("unknown-symbol", "404 Not Found, 2024 wording")),
    yahooFile("chart-BEKE-2020-01-01-to-2020-01-03.json", "BEKE", errorBody("no-data", "400 Data doesn't exist for the range")),
    yahooFile(
      "chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json",
      "AAPL",
      notDailyHistory("1-minute bars over a weekend: no bars at all", "no-data"),
    ),
    yahooFile("chart-TSLA-2021-11-22-to-2021-11-23-interval-30m.json", "TSLA", notDailyHistory("30-minute bars", "bad-response")),
    { files: [YAHOO_429_FILE], ticker: "IWM", respond: YAHOO_429, role: errorBody("rate-limited", "plain-text 429, transcribed") },
  ],
  unknownSymbol: {
    ticker: "MDLY",
    respond: replayOf(yahooRecording("historicalv8-MDLY-2020-01-01-to-2021-01-04.json")),
    source: "recorded 404",
  },
  keys: {
    notApplicable: "Yahoo's chart API takes no key",
    instead: { keyIgnored: { ticker: "TSLA", respond: replayOf(yahooRecording(TSLA_FILE)) } },
  },
  rateLimited: { respond: YAHOO_429, source: "transcribed plain-text 429" },
  tail: {
    fromStartDate: {
      ticker: "TSLA",
      since: "2023-08-01",
      respond: replayOf(yahooRecording(TSLA_FILE)),
      sentStart: (request) => isoOfSeconds(request.query.get("period1")),
      upstreamFrom: yahooChartFrom,
      first: "2023-08-01",
      bars: 9,
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Alpha Vantage: every answer, errors included, is HTTP 200 JSON.

const avFile = (file: string, ticker: string, role: FixtureUse["role"]): FixtureUse => ({
  files: [file],
  ticker,
  respond: json(fixtureText(`alphavantage/${file}`)),
  role,
});
const AV_PREMIUM = {
  value: true,
  because: "a TIME_SERIES_DAILY_ADJUSTED answer: premium, never requested, its adjusted closes still read",
};

const alphavantage: ProviderContract = {
  name: "alphavantage",
  now: "2018-05-10T18:00:00Z",
  route: /^\/query$/,
  fixtures: [
    avFile("kirlut_daily-not-adjusted.json", "MSFT", history("2018-05-08", "2018-05-10", 3)),
    avFile("crazzyghost_timeseries_daily.json", "IBM", history("2020-05-07", "2020-05-08", 2)),
    avFile("kirlut_daily-adjusted.json", "MSFT", history("2018-05-08", "2018-05-10", 3, AV_PREMIUM)),
    avFile("crazzyghost_timeseries_dailyadjusted.json", "IBM", history("2020-05-07", "2020-05-08", 2, AV_PREMIUM)),
    avFile("zackurben_adjusted.json", "MSFT", history("2017-08-11", "2017-08-11", 1, AV_PREMIUM)),
    avFile("RomelTorres_mock_time_series.json", "MSFT", notDailyHistory("a 1-minute intraday series", "bad-response")),
    avFile("RomelTorres_global_quote.json", "MSFT", notDailyHistory("a GLOBAL_QUOTE answer", "bad-response")),
    avFile(
      "transcribed/error_message_invalid_api_call_FX_DAILY_2021.json",
      "NOPE",
      errorBody("unknown-symbol", "Error Message: Invalid API call"),
    ),
    avFile(
      "transcribed/information_premium_endpoint_TIME_SERIES_DAILY_ADJUSTED_2024.json",
      "IBM",
      errorBody("plan-limit", "Information: premium endpoint"),
    ),
    avFile("transcribed/note_rate_limit_5_per_minute_2018.json", "IBM", errorBody("rate-limited", "Note: 5 calls per minute")),
  ],
  unknownSymbol: {
    ticker: "NOPE",
    respond: json(fixtureText("alphavantage/transcribed/error_message_invalid_api_call_FX_DAILY_2021.json")),
    source: "transcribed Invalid API call, HTTP 200",
  },
  keys: {
    invalidKey: {
      respond: () =>
        json(
          JSON.stringify({
            "Error Message":
              "the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.",
          }),
        ),
      source: "reported wording (FORMATS.md §3), HTTP 200",
    },
    sentKey: (request) => request.query.get("apikey"),
  },
  rateLimited: {
    respond: json(fixtureText("alphavantage/transcribed/note_rate_limit_5_per_minute_2018.json")),
    source: "transcribed Note, HTTP 200",
  },
  tail: { fullHistory: { ticker: "MSFT", since: "2018-05-10", respond: json(fixtureText("alphavantage/kirlut_daily-not-adjusted.json")) } },
};

// ---------------------------------------------------------------------------------------------
// Polygon: OpenBB's cassette and client-python's mock; key in a Bearer header.

const POLYGON_CASSETTE = "test_polygon_equity_historical_fetcher_urllib3_v2";
const POLYGON_AAPL = replayOf(loadVcrInteraction(`polygon/${POLYGON_CASSETTE}.yaml`));
const polygonTranscribed = (file: string, status: number, role: FixtureUse["role"]): FixtureUse => ({
  files: [`transcribed/${file}`],
  ticker: "AAPL",
  respond: json(fixtureText(`polygon/transcribed/${file}`), status),
  role,
});
/** Polygon's answer from `start` (the path's `from`): bars whose New York midnight is on or after it. */
function polygonAggsFrom(body: string, start: string): string {
  const aggs = JSON.parse(body);
  aggs.results = aggs.results.filter((bar: { t: number }) => bar.t >= Date.parse(start));
  return JSON.stringify({ ...aggs, resultsCount: aggs.results.length, queryCount: aggs.results.length, count: aggs.results.length });
}

const polygon: ProviderContract = {
  name: "polygon",
  now: "2023-01-11T15:00:00Z",
  route: /^\/v2\/aggs\/ticker\/[^/]+\/range\/1\/day\//,
  fixtures: [
    {
      files: [`${POLYGON_CASSETTE}.yaml`, `${POLYGON_CASSETTE}.body.json`],
      ticker: "AAPL",
      respond: POLYGON_AAPL,
      role: history("2023-01-03", "2023-01-10", 6),
    },
    {
      files: ["client-python_v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json"],
      ticker: "AAPL",
      respond: json(fixtureText("polygon/client-python_v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json")),
      role: history("2005-04-01", "2005-04-04", 2),
    },
    polygonTranscribed("error_api_key_not_provided_issue219.json", 401, errorBody("invalid-key", "401 API Key was not provided")),
    polygonTranscribed(
      "not_authorized_plan_timeframe_issue313.json",
      403,
      errorBody("plan-limit", "403 plan doesn't include this data timeframe"),
    ),
    polygonTranscribed(
      "not_authorized_plan_timeframe_openbb4747.json",
      403,
      errorBody("plan-limit", "403 plan doesn't include this data timeframe"),
    ),
  ],
  unknownSymbol: {
    ticker: "ZZZQ",
    respond: json(JSON.stringify({ ticker: "ZZZQ", queryCount: 0, resultsCount: 0, adjusted: true, status: "OK", request_id: "r" })),
    source: "not recorded: an empty full history (resultsCount 0, no results), FORMATS.md §4",
  },
  keys: {
    invalidKey: {
      respond: () =>
        json(JSON.stringify({ status: "ERROR", request_id: "3f1c2a9b8d7e6f5a4b3c2d1e0f9a8b7c", error: "Unknown API Key" }), 401),
      source: "reported 401 Unknown API Key (FORMATS.md §4)",
    },
    sentKey: (request) => request.headers.authorization?.replace(/^Bearer /, "") ?? null,
  },
  rateLimited: {
    respond: json(
      JSON.stringify({
        status: "ERROR",
        request_id: "r",
        error: "You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue.",
      }),
      429,
    ),
    source: "reported 429 wording (FORMATS.md §4), no file",
  },
  tail: {
    fromStartDate: {
      ticker: "AAPL",
      since: "2023-01-09",
      respond: POLYGON_AAPL,
      sentStart: (request) => /\/range\/1\/day\/(\d{4}-\d{2}-\d{2})\//.exec(request.path)?.[1] ?? null,
      upstreamFrom: polygonAggsFrom,
      first: "2023-01-09",
      bars: 2,
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Tiingo: riingo (httptest) and tiingo-python (VCR) recordings; key in a Token header.

const tiingoFile = (file: string, ticker: string, role: FixtureUse["role"], status = 200): FixtureUse => ({
  files: [file],
  ticker,
  respond: json(fixtureText(`tiingo/${file}`), status),
  role,
});
const tiingoCassette = (stem: string, ticker: string, body: string, role: FixtureUse["role"]): FixtureUse => ({
  files: [`${stem}.yaml`, `${stem}.${body}`],
  ticker,
  respond: replayOf(loadVcrInteraction(`tiingo/${stem}.yaml`)),
  role,
});
const TIINGO_AAPL_YEAR = json(fixtureText("tiingo/riingo_tiingo_daily_AAPL_prices-4eb987.json"));
const tiingoPricesFrom = (body: string, start: string): string =>
  JSON.stringify((JSON.parse(body) as { date: string }[]).filter((row) => row.date.slice(0, 10) >= start));

const tiingo: ProviderContract = {
  name: "tiingo",
  now: "2020-07-20T15:00:00Z",
  route: /^\/tiingo\/daily\/[^/]+\/prices$/,
  fixtures: [
    tiingoFile("riingo_tiingo_daily_AAPL_prices-4eb987.json", "AAPL", history("2019-07-22", "2020-07-17", 251)),
    tiingoFile("riingo_tiingo_daily_MSFT_prices-4eb987.json", "MSFT", history("2019-07-22", "2020-07-17", 251)),
    tiingoFile("riingo_tiingo_daily_AAPL_prices.json", "AAPL", history("2020-07-17", "2020-07-17", 1)),
    tiingoCassette("ticker_price_with_date", "GOOGL", "body.json", history("2015-01-02", "2015-01-05", 2)),
    tiingoCassette(
      "ticker_price_with_date_csv",
      "GOOGL",
      "body.csv",
      notDailyHistory("daily prices as CSV; the provider asks for format=json", "bad-response"),
    ),
    tiingoCassette("intraday_price", "GOOGL", "body.json", notDailyHistory("IEX 30-minute bars", "bad-response")),
    tiingoCassette("ticker_metadata", "GOOGL", "body.json", notDailyHistory("ticker metadata, not prices", "bad-response")),
    tiingoFile("riingo_tiingo_daily_badticker_prices.404.json", "BADTICKER", errorBody("unknown-symbol", "404 Ticker not found"), 404),
    tiingoFile(
      "riingo_tiingo_daily_badticker.404.json",
      "BADTICKER",
      errorBody("unknown-symbol", "404 Not found. (metadata endpoint wording)"),
      404,
    ),
  ],
  unknownSymbol: {
    ticker: "BADTICKER",
    respond: json(fixtureText("tiingo/riingo_tiingo_daily_badticker_prices.404.json"), 404),
    source: "recorded 404",
  },
  keys: {
    invalidKey: {
      respond: () => json(JSON.stringify({ detail: "Invalid token." }), 401),
      source: "not recorded: Django REST's 401 wording",
    },
    sentKey: (request) => request.headers.authorization?.replace(/^Token /, "") ?? null,
  },
  rateLimited: {
    respond: json(JSON.stringify({ detail: "You have run over your hourly request allocation." }), 429),
    source: "not recorded: a Django REST style 429",
  },
  tail: {
    fromStartDate: {
      ticker: "AAPL",
      since: "2020-07-01",
      respond: TIINGO_AAPL_YEAR,
      sentStart: (request) => request.query.get("startDate"),
      upstreamFrom: tiingoPricesFrom,
      first: "2020-07-01",
      bars: 12,
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Twelve Data: marekskopal's batch recordings, one symbol's part served as a single-symbol answer.

const batchPart = (file: string, symbol: string): string => JSON.stringify(JSON.parse(fixtureText(`twelvedata/${file}`))[symbol]);
const tdPart = (file: string, symbol: string, role: FixtureUse["role"]): FixtureUse => ({
  files: [file],
  ticker: symbol,
  respond: json(batchPart(file, symbol)),
  role,
});
const tdTranscribed = (file: string, status: number, role: FixtureUse["role"]): FixtureUse => ({
  files: [`transcribed/${file}`],
  ticker: "IWM",
  respond: json(fixtureText(`twelvedata/transcribed/${file}`), status),
  role,
});
const TD_AAPL = json(batchPart("marekskopal_batch_time_series.json", "AAPL"));
const tdValuesFrom = (body: string, start: string): string => {
  const series = JSON.parse(body);
  return JSON.stringify({ ...series, values: series.values.filter((row: { datetime: string }) => row.datetime >= start) });
};

const twelvedata: ProviderContract = {
  name: "twelvedata",
  now: "2024-11-25T12:00:00Z",
  route: /^\/time_series$/,
  fixtures: [
    tdPart("marekskopal_batch_time_series.json", "AAPL", history("2024-11-22", "2024-11-22", 1)),
    tdPart("marekskopal_batch_time_series.json", "MSFT", history("2024-11-22", "2024-11-22", 1)),
    tdPart("marekskopal_batch_error.json", "AAPL", history("2024-11-22", "2024-11-22", 1)),
    tdPart("marekskopal_batch_error.json", "INVALID", errorBody("unknown-symbol", "code 400 symbol not found, inside an HTTP 200 batch")),
    tdPart("marekskopal_batch_quote.json", "AAPL", notDailyHistory("a /quote answer", "bad-response")),
    tdTranscribed("error_401_apikey_soulgarden_tests.json", 401, errorBody("invalid-key", "401 apikey incorrect or not specified")),
    tdTranscribed("error_429_minute_credits_blocksense_pr1276.json", 429, errorBody("rate-limited", "429 out of credits for the minute")),
  ],
  unknownSymbol: {
    ticker: "INVALID",
    respond: json(batchPart("marekskopal_batch_error.json", "INVALID")),
    source: "recorded code 400 inside an HTTP 200 batch",
  },
  keys: {
    invalidKey: {
      respond: () => json(fixtureText("twelvedata/transcribed/error_401_apikey_soulgarden_tests.json"), 401),
      source: "transcribed 401",
    },
    sentKey: (request) => request.headers.authorization?.replace(/^apikey /, "") ?? null,
  },
  rateLimited: {
    respond: json(fixtureText("twelvedata/transcribed/error_429_minute_credits_blocksense_pr1276.json"), 429),
    source: "transcribed 429",
  },
  tail: {
    fromStartDate: {
      ticker: "AAPL",
      since: "2024-11-22",
      respond: TD_AAPL,
      sentStart: (request) => request.query.get("start_date"),
      upstreamFrom: tdValuesFrom,
      first: "2024-11-22",
      bars: 1,
      recordingStartsAtSince: "the only Twelve Data recordings hold one bar per symbol",
    },
  },
};

// ---------------------------------------------------------------------------------------------
// FMP: OpenBB's cassettes (stable endpoint read; legacy v3 refused on purpose); key in the query.

const FMP_STABLE = "test_fmp_equity_historical_fetcher_urllib3_v2";
const FMP_LEGACY_V3 = "test_fmp_equity_historical_fetcher";
const FMP_AAPL = replayOf(loadCassette(`fmp/${FMP_STABLE}.yaml`));
const fmpCassette = (stem: string, role: FixtureUse["role"]): FixtureUse => ({
  files: [`${stem}.yaml`, `${stem}.body.json`],
  ticker: "AAPL",
  respond: replayOf(loadCassette(`fmp/${stem}.yaml`)),
  role,
});
const fmpTranscribed = (file: string, status: number, role: FixtureUse["role"]): FixtureUse => ({
  files: [`transcribed/${file}`],
  ticker: "AAPL",
  respond: json(fixtureText(`fmp/transcribed/${file}`), status),
  role,
});
const fmpRowsFrom = (body: string, start: string): string =>
  JSON.stringify((JSON.parse(body) as { date: string }[]).filter((row) => row.date >= start));

const fmp: ProviderContract = {
  name: "fmp",
  now: "2023-01-11T12:00:00Z",
  route: /^\/stable\/historical-price-eod\/full$/,
  fixtures: [
    fmpCassette(FMP_STABLE, history("2023-01-03", "2023-01-10", 6)),
    fmpCassette(FMP_LEGACY_V3, notDailyHistory("the legacy v3 layout, never requested and refused on purpose", "bad-response")),
    fmpTranscribed("error_invalid_api_key_http200_2021.json", 200, errorBody("invalid-key", "Invalid API KEY, HTTP 200")),
    fmpTranscribed("error_legacy_endpoint_v3_2026.json", 403, errorBody("plan-limit", "403 Legacy Endpoint")),
  ],
  unknownSymbol: {
    notApplicable: "FMP answers an unknown ticker with an empty list, the same answer as a ticker without prices",
    instead: { noData: { ticker: "ZZZQ", respond: json("[]"), source: "not recorded: FORMATS.md §7, an empty stable array" } },
  },
  keys: {
    invalidKey: {
      respond: () => json(fixtureText("fmp/transcribed/error_invalid_api_key_http200_2021.json")),
      source: "transcribed, HTTP 200",
    },
    sentKey: (request) => request.query.get("apikey"),
  },
  rateLimited: {
    respond: json(JSON.stringify({ message: "Too Many Requests" }), 429),
    source: "not recorded: FMP's documented 429 ('Limit Reach') is the daily quota, plan-limit by design, so a bare 429 stands in",
  },
  tail: {
    fromStartDate: {
      ticker: "AAPL",
      since: "2023-01-06",
      respond: FMP_AAPL,
      sentStart: (request) => request.query.get("from"),
      upstreamFrom: fmpRowsFrom,
      first: "2023-01-06",
      bars: 3,
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Demo: synthetic data, no upstream at all.

const NO_UPSTREAM = "synthetic data made in-process, nothing is fetched";

const demo: ProviderContract = {
  name: "demo",
  now: "2026-01-10T15:00:00Z", // a Saturday: the last bar is Friday 2026-01-09
  route: { notApplicable: NO_UPSTREAM },
  fixtures: {
    notApplicable: `${NO_UPSTREAM}, so nothing was recorded`,
    instead: { tickers: ["IWM", "EURUSD=X", "BTC-USD", "^GSPC", "BRK-B"], first: "2000-01-03", last: "2026-01-09", bars: 6790 },
  },
  unknownSymbol: { notApplicable: "every valid ticker gets a synthetic series", instead: { syntheticSeries: "ZZZQ9" } },
  keys: { notApplicable: "demo data needs no key", instead: { keyIgnored: { ticker: "IWM" } } },
  rateLimited: { notApplicable: `${NO_UPSTREAM}, so nothing limits it`, instead: { burstWithoutUpstream: 50 } },
  tail: { fullHistory: { ticker: "IWM", since: "2025-12-01" } },
};

const CONTRACTS: readonly ProviderContract[] = [yahoo, alphavantage, polygon, tiingo, twelvedata, fmp, demo];

describe("the provider contract list", () => {
  it("has exactly one entry for every name in PROVIDER_NAMES (adding a provider means adding its entry)", () => {
    expect(CONTRACTS.map((entry) => entry.name).sort()).toEqual([...PROVIDER_NAMES].sort());
    expect(Object.keys(PROVIDER_SPECS).sort()).toEqual([...PROVIDER_NAMES].sort());
  });
});

CONTRACTS.forEach(testProviderContract);
