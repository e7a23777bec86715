import { FmpResponse, parseFmpDailyPrices } from "../../../../src/market/providers/fmp";
import { DailySeries, MarketDataError } from "../../../../src/market/core";
import { loadCassette } from "../../../support/cassette-bodies";
import { fixtureText } from "../../../support/recordings";

const FETCHED_AT = 1_758_600_000_000;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

const STABLE = loadCassette("fmp/test_fmp_equity_historical_fetcher_urllib3_v2.yaml");
const LEGACY_V3 = loadCassette("fmp/test_fmp_equity_historical_fetcher.yaml");
const INVALID_KEY = fixtureText("fmp/transcribed/error_invalid_api_key_http200_2021.json");
const LEGACY_ENDPOINT = fixtureText("fmp/transcribed/error_legacy_endpoint_v3_2026.json");
/** Wordings quoted in client projects' tests; FMP's own captures of these were not found. */
const LIMIT_REACH = JSON.stringify({
  "Error Message":
    "Limit Reach . Please upgrade your plan or visit our documentation for more details at https://site.financialmodelingprep.com/",
});
const BANDWIDTH = JSON.stringify({ "Error Message": "Bandwidth Limit Reach . Please upgrade your plan" });
const PREMIUM_SYMBOL = JSON.stringify({
  "Error Message":
    "Premium Query Parameter: 'Special Endpoint : This value set for 'symbol' is not available under your current subscription please visit our subscription page to upgrade your plan at https://site.financialmodelingprep.com/developer/docs/pricing",
});

function parse(symbol: string, body: string, status = 200): DailySeries {
  return parseFmpDailyPrices(symbol, { status, body }, FETCHED_AT);
}

function failure(symbol: string, response: FmpResponse, since?: number): MarketDataError {
  try {
    parseFmpDailyPrices(symbol, response, FETCHED_AT, since);
  } catch (error) {
    if (error instanceof MarketDataError) return error;
    throw error;
  }
  throw new Error("expected parseFmpDailyPrices to throw");
}

const bodyFailure = (symbol: string, body: string, status = 200, since?: number): MarketDataError =>
  failure(symbol, { status, body }, since);

/** The recorded stable body, edited. */
function editedStable(edit: (rows: any[]) => void): string {
  const rows = JSON.parse(STABLE.body);
  edit(rows);
  return JSON.stringify(rows);
}

describe("parseFmpDailyPrices on the recorded stable answer", () => {
  it("the cassette is the stable endpoint answering HTTP 200", () => {
    expect(STABLE.status).toBe(200);
    expect(new URL(STABLE.requestUrl).pathname).toBe("/stable/historical-price-eod/full");
  });

  it("reads the six AAPL bars newest-first into ascending days", () => {
    const series = parse("AAPL", STABLE.body);
    expect(Array.from(series.days, isoOf)).toEqual(["2023-01-03", "2023-01-04", "2023-01-05", "2023-01-06", "2023-01-09", "2023-01-10"]);
    expect(series.days[0]).toBe(dayOf("2023-01-03"));
    expect(Array.from(series.close)).toEqual([125.07, 126.36, 125.02, 129.62, 130.15, 130.73]);
    expect([series.open[5], series.high[5], series.low[5], series.volume[5]]).toEqual([130.26, 131.26, 128.12, 63896200]);
    expect(series.volume[4]).toBe(70790813);
    expect(Array.from(series.adjClose)).toEqual(Array.from(series.close));
    expect(series).toMatchObject({
      symbol: "AAPL",
      provider: "fmp",
      timeZone: "America/New_York",
      currency: null,
      adjusted: false,
      demo: false,
      fetchedAt: FETCHED_AT,
    });
  });

  it("agrees with the independent 2023 v3 recording on every day's close", () => {
    const legacyRows = JSON.parse(LEGACY_V3.body).historical as { date: string; close: number }[];
    const series = parse("AAPL", STABLE.body);
    const legacyCloseByDay = new Map(legacyRows.map((row) => [dayOf(row.date), row.close]));
    expect(legacyCloseByDay.size).toBe(series.days.length);
    series.days.forEach((day, i) => expect(series.close[i]).toBe(legacyCloseByDay.get(day)));
  });

  it("accepts prices sent as decimal strings", () => {
    const body = editedStable((rows) => {
      rows[0].close = "130.73";
      rows[0].volume = "63896200";
    });
    const series = parse("AAPL", body);
    expect(series.close[5]).toBe(130.73);
    expect(series.volume[5]).toBe(63896200);
  });

  it("skips a row whose close is null and keeps missing fields as NaN", () => {
    const body = editedStable((rows) => {
      rows[1].close = null;
      delete rows[2].volume;
    });
    const series = parse("AAPL", body);
    expect(Array.from(series.days, isoOf)).not.toContain("2023-01-09");
    expect(series.volume[Array.from(series.days, isoOf).indexOf("2023-01-06")]).toBeNaN();
  });
});

describe("parseFmpDailyPrices on errors", () => {
  it.each([200, 401])("transcribed 'Invalid API KEY' with HTTP %i -> invalid-key", (status) => {
    const error = bodyFailure("AAPL", INVALID_KEY, status);
    expect(error.kind).toBe("invalid-key");
    expect(error.message).toMatch(/^Financial Modeling Prep rejected the API key \(asked for AAPL\): "Invalid API KEY\. Please retry/);
  });

  it("transcribed 403 Legacy Endpoint -> plan-limit quoting FMP", () => {
    const error = bodyFailure("AAPL", LEGACY_ENDPOINT, 403);
    expect(error.kind).toBe("plan-limit");
    expect(error.symbol).toBe("AAPL");
    expect(error.message).toMatch(/^Financial Modeling Prep's plan for this API key does not cover AAPL: "Legacy Endpoint : Due to Legacy/);
  });

  it.each([
    ["Limit Reach, HTTP 429", LIMIT_REACH, 429],
    ["Limit Reach, HTTP 200", LIMIT_REACH, 200],
    ["Bandwidth Limit Reach, HTTP 429", BANDWIDTH, 429],
  ])("the daily/bandwidth cap (%s) -> plan-limit: waiting a minute does not help", (_label, body, status) => {
    const error = bodyFailure("SPY", body, status);
    expect(error.kind).toBe("plan-limit");
    expect(error.message).toMatch(/^Financial Modeling Prep's daily quota for this API key is used up \(needed for SPY\): "/);
  });

  it("the daily cap keeps a Retry-After FMP sent", () => {
    expect(failure("SPY", { status: 429, body: LIMIT_REACH, retryAfterSeconds: 3600 }).retryAfterSeconds).toBe(3600);
  });

  it.each([402, 200])("a symbol outside the free plan (HTTP %i) -> plan-limit", (status) => {
    const error = bodyFailure("VEEV", PREMIUM_SYMBOL, status);
    expect(error.kind).toBe("plan-limit");
    expect(error.message).toContain("VEEV");
    expect(error.message).toContain("not available under your current subscription");
  });

  it.each([
    ["plain text", "Too Many Requests"],
    ["JSON without an Error Message", '{"message":"Too many requests"}'],
    ["an empty body", ""],
  ])("HTTP 429 with %s -> rate-limited", (_label, body) => {
    const plain = failure("IWM", { status: 429, body });
    expect(plain.kind).toBe("rate-limited");
    expect(plain.retryAfterSeconds).toBeNull();
    expect(plain.message).toContain("try again in a minute");
    const told = failure("IWM", { status: 429, body, retryAfterSeconds: 20 });
    expect(told.retryAfterSeconds).toBe(20);
    expect(told.message).toContain("Financial Modeling Prep asks to wait 20 s");
  });

  it("HTTP 429 with an Error Message that is not the daily cap -> rate-limited quoting it", () => {
    const error = bodyFailure("IWM", JSON.stringify({ "Error Message": "Too many requests in a short time" }), 429);
    expect(error.kind).toBe("rate-limited");
    expect(error.message).toContain('"Too many requests in a short time"');
  });

  it.each([
    [401, '{"message":"Unauthorized"}', "invalid-key"],
    [402, "{}", "plan-limit"],
    [403, "[]", "plan-limit"],
  ])("HTTP %i with a JSON body FMP did not explain -> %s", (status, body, kind) => {
    expect(bodyFailure("AAPL", body, status).kind).toBe(kind);
  });

  it("an empty list -> no-data that says the ticker may be unknown", () => {
    const error = bodyFailure("ZZZZ", "[]");
    expect(error.kind).toBe("no-data");
    expect(error.message).toBe("Financial Modeling Prep has no daily prices for ZZZZ: the ticker may be unknown to FMP");
  });

  it("an empty list for a tail request names its start day", () => {
    const error = bodyFailure("AAPL", "[]", 200, dayOf("2023-01-11"));
    expect(error.message).toBe("Financial Modeling Prep has no daily prices for AAPL on or after 2023-01-11");
  });

  it("rows whose closes are all null -> no-data", () => {
    const body = editedStable((rows) => rows.forEach((row) => (row.close = null)));
    expect(bodyFailure("AAPL", body).kind).toBe("no-data");
  });

  it.each([500, 502, 503, 504])("HTTP %i -> unavailable", (status) => {
    const error = bodyFailure("QQQ", "<html><body>Bad Gateway</body></html>", status);
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe(`Financial Modeling Prep is unavailable (HTTP ${status}) for QQQ: try again later`);
  });

  it("an Error Message it does not know -> bad-response quoting FMP", () => {
    const error = bodyFailure("AAPL", JSON.stringify({ "Error Message": "Something odd happened" }));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toBe(
      'Financial Modeling Prep sent an unreadable response for AAPL (HTTP 200, Financial Modeling Prep says "Something odd happened")',
    );
  });
});

describe("parseFmpDailyPrices on unreadable answers -> bad-response", () => {
  it("the recorded legacy v3 layout is refused, naming the endpoint this provider reads", () => {
    const error = bodyFailure("AAPL", LEGACY_V3.body);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toBe(
      "Financial Modeling Prep sent an unreadable response for AAPL (the legacy v3 layout; this provider reads /stable/historical-price-eod/full)",
    );
    expect(bodyFailure("AAPL", "{}").message).toContain("legacy v3 layout");
  });

  it("an HTML page with HTTP 200", () => {
    const error = bodyFailure("AAPL", "<!DOCTYPE html><html><body>Maintenance</body></html>");
    expect(error.message).toBe(
      "Financial Modeling Prep sent an unreadable response for AAPL (HTTP 200, an HTML page instead of a JSON price list)",
    );
  });

  it("truncated JSON", () => {
    const error = bodyFailure("AAPL", STABLE.body.slice(0, 700));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("incomplete or invalid JSON");
  });

  it.each([
    ["a JSON object that is not a price list", '{"symbol":"AAPL","prices":[]}', "JSON that is not a list"],
    ["a row that is not an object", "[42]", "row 1 is not an object"],
    [
      "a date with a time",
      '[{"date":"2023-01-10 16:00:00","close":1}]',
      'row 1 has date "2023-01-10 16:00:00", expected a YYYY-MM-DD date',
    ],
    ["no date", '[{"close":1}]', "row 1 has date missing, expected a YYYY-MM-DD date"],
  ])("%s", (_label, body, detail) => {
    expect(bodyFailure("AAPL", body).message).toBe(`Financial Modeling Prep sent an unreadable response for AAPL (${detail})`);
  });

  it.each([
    ["close", "n/a"],
    ["open", "130,26"],
    ["volume", "lots"],
    ["high", { value: 1 }],
  ])("a non-numeric %s", (field, value) => {
    const body = editedStable((rows) => (rows[0][field] = value));
    const error = bodyFailure("AAPL", body);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain(`${field} ${JSON.stringify(value)} on 2023-01-10 is not a number`);
  });

  it("an unexpected status with a price list", () => {
    expect(bodyFailure("AAPL", STABLE.body, 206).message).toContain("unexpected HTTP 206");
  });
});
