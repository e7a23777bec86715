import { ALPHAVANTAGE_TIME_ZONE, AlphaVantageResponse, parseAlphaVantageDaily } from "../../../../src/market/providers/alphavantage";
import { DailySeries, MarketDataError } from "../../../../src/market/core";
import { thrownBy } from "../../../support/market-errors";
import { fixtureText } from "../../../support/recordings";

const FETCHED_AT = 1_700_000_000_000;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

const fixture = (file: string): string => fixtureText(`alphavantage/${file}`);
const RAW_MSFT = fixture("kirlut_daily-not-adjusted.json");
const ADJUSTED_MSFT = fixture("kirlut_daily-adjusted.json");

function parse(symbol: string, body: unknown, status = 200): DailySeries {
  return parseAlphaVantageDaily(symbol, { status, body: typeof body === "string" ? body : JSON.stringify(body) }, FETCHED_AT);
}

function failure(symbol: string, response: AlphaVantageResponse): MarketDataError {
  return thrownBy(() => parseAlphaVantageDaily(symbol, response, FETCHED_AT));
}

const bodyFailure = (symbol: string, body: unknown, status = 200): MarketDataError =>
  failure(symbol, { status, body: typeof body === "string" ? body : JSON.stringify(body) });

/** The recorded raw MSFT answer, edited. */
function editedRaw(edit: (series: Record<string, Record<string, string>>) => void): unknown {
  const root = JSON.parse(RAW_MSFT);
  edit(root["Time Series (Daily)"]);
  return root;
}

describe("parseAlphaVantageDaily on recorded TIME_SERIES_DAILY answers", () => {
  it("reads the newest-first MSFT days in ascending order, string prices as numbers, as-traded closes", () => {
    const series = parse("MSFT", RAW_MSFT);
    expect(Array.from(series.days, isoOf)).toEqual(["2018-05-08", "2018-05-09", "2018-05-10"]);
    expect(Array.from(series.open)).toEqual([95.8456, 96.01, 97.46]);
    expect(Array.from(series.high)).toEqual([96.16, 96.97, 97.87]);
    expect(Array.from(series.low)).toEqual([95.0631, 95.05, 97.05]);
    expect(Array.from(series.close)).toEqual([95.81, 96.94, 97.48]);
    expect(Array.from(series.volume)).toEqual([23484589, 27278881, 12229563]);
    expect(Array.from(series.adjClose)).toEqual(Array.from(series.close));
    expect(series.adjClose).not.toBe(series.close);
    expect(series).toMatchObject({
      symbol: "MSFT",
      provider: "alphavantage",
      timeZone: ALPHAVANTAGE_TIME_ZONE,
      currency: null,
      adjusted: false,
      demo: false,
      fetchedAt: FETCHED_AT,
    });
  });

  it("reads the IBM answer (a second library's recording)", () => {
    const series = parse("IBM", fixture("crazzyghost_timeseries_daily.json"));
    expect(Array.from(series.days, isoOf)).toEqual(["2020-05-07", "2020-05-08"]);
    expect(Array.from(series.close)).toEqual([121.23, 121.79]);
    expect(Array.from(series.volume)).toEqual([4412047, 2538547]);
    expect(series.adjusted).toBe(false);
  });

  it("sorts rows by date whatever the key order", () => {
    const body = JSON.parse(RAW_MSFT);
    const entries = Object.entries(body["Time Series (Daily)"]);
    body["Time Series (Daily)"] = Object.fromEntries([entries[1], entries[2], entries[0]]);
    expect(Array.from(parse("MSFT", body).days, isoOf)).toEqual(["2018-05-08", "2018-05-09", "2018-05-10"]);
  });
});

describe("parseAlphaVantageDaily on recorded TIME_SERIES_DAILY_ADJUSTED answers (premium endpoint)", () => {
  it("uses '5. adjusted close' as adjClose and '6. volume' as volume", () => {
    const series = parse("MSFT", ADJUSTED_MSFT);
    expect(Array.from(series.days, isoOf)).toEqual(["2018-05-08", "2018-05-09", "2018-05-10"]);
    expect(Array.from(series.adjClose)).toEqual([95.81, 96.94, 97.57]);
    expect(Array.from(series.volume)).toEqual([23484589, 27278881, 8798622]);
    expect(series.adjusted).toBe(true);
  });

  it.each([
    ["crazzyghost_timeseries_dailyadjusted.json", "IBM", ["2020-05-07", "2020-05-08"], [4412047, 2542577]],
    ["zackurben_adjusted.json", "MSFT", ["2017-08-11"], [21121250]],
  ])("reads %s", (file, symbol, days, volumes) => {
    const series = parse(symbol, fixture(file));
    expect(Array.from(series.days, isoOf)).toEqual(days);
    expect(Array.from(series.volume)).toEqual(volumes);
    expect(series.adjusted).toBe(true);
  });

  it("refuses a mix of adjusted and raw rows", () => {
    const body = JSON.parse(ADJUSTED_MSFT);
    const row = body["Time Series (Daily)"]["2018-05-09"];
    delete row["5. adjusted close"];
    row["5. volume"] = row["6. volume"];
    const error = bodyFailure("MSFT", body);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("adjusted closes are missing on 1 of 3 days");
  });
});

describe("parseAlphaVantageDaily refuses what is not a daily series", () => {
  it("a non-numeric price: bad-response naming the field, value and date", () => {
    const error = bodyFailure(
      "MSFT",
      editedRaw((s) => (s["2018-05-09"]["4. close"] = "n/a")),
    );
    expect(error.kind).toBe("bad-response");
    expect(error.message).toBe('Alpha Vantage sent an unreadable response for MSFT (close "n/a" on 2018-05-09 is not a number)');
  });

  it("a date key that is not a calendar date: bad-response", () => {
    const error = bodyFailure(
      "MSFT",
      editedRaw((s) => (s["2018-02-30"] = s["2018-05-09"])),
    );
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain('"2018-02-30"');
  });

  it.each([
    ["an intraday series", "RomelTorres_mock_time_series.json", '"Time Series (1min)"'],
    ["a GLOBAL_QUOTE answer", "RomelTorres_global_quote.json", '"Global Quote"'],
  ])("%s: bad-response naming the keys it got", (_label, file, key) => {
    const error = bodyFailure("MSFT", fixture(file));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain('no "Time Series (Daily)" object');
    expect(error.message).toContain(key);
  });

  it("an empty object: bad-response", () => {
    expect(bodyFailure("MSFT", {}).message).toContain("got an empty object");
  });

  it("an empty daily series: no-data", () => {
    const error = bodyFailure(
      "MSFT",
      editedRaw((s) => Object.keys(s).forEach((k) => delete s[k])),
    );
    expect(error.kind).toBe("no-data");
    expect(error.message).toBe("Alpha Vantage has no daily prices for MSFT");
  });

  it.each([
    ["an HTML page", "<!DOCTYPE html><html><body>Service</body></html>", "an HTML page"],
    ["truncated JSON", RAW_MSFT.slice(0, 300), "incomplete or invalid JSON"],
    ["an empty body", "", "an empty body"],
  ])("%s with HTTP 200: bad-response", (_label, body, described) => {
    const error = bodyFailure("MSFT", body);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain(described);
    expect(error.message).toContain("MSFT");
  });

  it("a JSON array: bad-response", () => {
    expect(bodyFailure("MSFT", []).kind).toBe("bad-response");
  });
});

describe("parseAlphaVantageDaily maps Alpha Vantage's HTTP-200 notices", () => {
  it("recorded 'Invalid API call' -> unknown-symbol naming the symbol and quoting Alpha Vantage", () => {
    const error = bodyFailure("NOPE", fixture("transcribed/error_message_invalid_api_call_FX_DAILY_2021.json"));
    expect(error.kind).toBe("unknown-symbol");
    expect(error.symbol).toBe("NOPE");
    expect(error.message).toMatch(/^Alpha Vantage does not know the symbol NOPE: "Invalid API call\. Please retry/);
  });

  it("recorded premium-endpoint Information -> plan-limit", () => {
    const error = bodyFailure("IBM", fixture("transcribed/information_premium_endpoint_TIME_SERIES_DAILY_ADJUSTED_2024.json"));
    expect(error.kind).toBe("plan-limit");
    expect(error.message).toMatch(/^Alpha Vantage refused IBM: the API key's plan does not include this request: "Thank you/);
  });

  it("recorded per-minute Note -> rate-limited, quoting the note", () => {
    const error = bodyFailure("IBM", fixture("transcribed/note_rate_limit_5_per_minute_2018.json"));
    expect(error.kind).toBe("rate-limited");
    expect(error.retryAfterSeconds).toBeNull();
    expect(error.message).toContain("Alpha Vantage is rate-limiting requests");
    expect(error.message).toContain("5 calls per minute");
  });

  // Wordings quoted by client projects (FORMATS.md: "reported"); no recording exists.
  it.each([
    [
      "daily quota (2024+)",
      "plan-limit",
      {
        Information:
          "Thank you for using Alpha Vantage! Our standard API rate limit is 25 requests per day. Please subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly remove all daily rate limits.",
      },
    ],
    [
      "burst limit (2025)",
      "rate-limited",
      {
        Information:
          "Thank you for using Alpha Vantage! Please consider spreading out your free API requests more sparingly (1 request per second). You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to lift the free key rate limit (25 requests per day) and instantly unlock all premium endpoints",
      },
    ],
    [
      "outputsize=full as a premium feature",
      "plan-limit",
      {
        Information:
          "Thank you for using Alpha Vantage! The **outputsize=full** parameter value is a premium feature for the TIME_SERIES_DAILY endpoint. You may subscribe to any of the premium plans at https://www.alphavantage.co/premium/ to instantly unlock all premium features",
      },
    ],
    [
      "missing or invalid key",
      "invalid-key",
      {
        "Error Message":
          "the parameter apikey is invalid or missing. Please claim your free API key on (https://www.alphavantage.co/support/#api-key). It should take less than 20 seconds.",
      },
    ],
  ])("reported %s -> %s", (_label, kind, body) => {
    const error = bodyFailure("IBM", body);
    expect(error.kind).toBe(kind);
    expect(error.symbol).toBe("IBM");
    expect(error.message).toContain("IBM");
  });

  it("quotes upstream text without markdown bold, on one bounded line", () => {
    const error = bodyFailure("IBM", { Information: `The **outputsize=full** value is a premium feature.\n\n${"x".repeat(400)}` });
    expect(error.message).toContain('"The outputsize=full value is a premium feature. xxx');
    expect(error.message).not.toContain("\n");
    expect(error.message.length).toBeLessThan(260);
  });

  it("an unfamiliar Information text -> bad-response quoting it", () => {
    const error = bodyFailure("IBM", { Information: "The API is being upgraded." });
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain('Alpha Vantage says "The API is being upgraded."');
  });

  it("a notice wins over a series sent beside it", () => {
    const body = JSON.parse(RAW_MSFT);
    body.Note = "Our standard API call frequency is 5 calls per minute.";
    expect(bodyFailure("MSFT", body).kind).toBe("rate-limited");
  });
});

describe("parseAlphaVantageDaily on HTTP failures", () => {
  it("429 as plain text -> rate-limited, with Retry-After when sent", () => {
    const withWait = failure("IBM", { status: 429, body: "Too Many Requests", retryAfterSeconds: 60 });
    expect(withWait.kind).toBe("rate-limited");
    expect(withWait.retryAfterSeconds).toBe(60);
    expect(withWait.message).toContain("Alpha Vantage asks to wait 60 s");
    const without = failure("IBM", { status: 429, body: "Too Many Requests" });
    expect(without.retryAfterSeconds).toBeNull();
    expect(without.message).toContain("try again in a minute");
  });

  it.each([500, 502, 503])("HTTP %i -> unavailable", (status) => {
    const error = failure("IBM", { status, body: "<html>Bad gateway</html>" });
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe(`Alpha Vantage is unavailable (HTTP ${status}) for IBM: try again later`);
  });

  it("an unexpected status with a series-shaped body -> bad-response", () => {
    expect(failure("MSFT", { status: 404, body: RAW_MSFT }).message).toContain("unexpected HTTP 404");
  });
});
