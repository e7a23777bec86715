import { parseTwelveDataTimeSeries, TwelveDataResponse } from "../../../../src/market/providers/twelvedata";
import { DailySeries, MarketDataError } from "../../../../src/market/core";
import { fixtureText } from "../../../support/recordings";

const FETCHED_AT = 1_732_400_000_000;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** One symbol's answer from a recorded batch: Twelve Data sends each as a full single-symbol response. */
function recordedAnswer(file: string, symbol: string): any {
  return JSON.parse(fixtureText(`twelvedata/${file}`))[symbol];
}

const AAPL = (): any => recordedAnswer("marekskopal_batch_time_series.json", "AAPL");
const ERROR_401 = fixtureText("twelvedata/transcribed/error_401_apikey_soulgarden_tests.json");
const ERROR_429 = fixtureText("twelvedata/transcribed/error_429_minute_credits_blocksense_pr1276.json");

function parse(symbol: string, body: unknown, status = 200): DailySeries {
  return parseTwelveDataTimeSeries(symbol, { status, body: typeof body === "string" ? body : JSON.stringify(body) }, FETCHED_AT);
}

function failure(symbol: string, response: TwelveDataResponse, since?: number): MarketDataError {
  try {
    parseTwelveDataTimeSeries(symbol, response, FETCHED_AT, since);
  } catch (error) {
    if (error instanceof MarketDataError) return error;
    throw error;
  }
  throw new Error("expected parseTwelveDataTimeSeries to throw");
}

const bodyFailure = (symbol: string, body: unknown, status = 200, since?: number): MarketDataError =>
  failure(symbol, { status, body: typeof body === "string" ? body : JSON.stringify(body) }, since);

/** The recorded AAPL answer with rows added before 2024-11-22, newest first as Twelve Data sends them. */
function aaplWithRows(rows: Record<string, unknown>[]): any {
  const answer = AAPL();
  answer.values = [...answer.values, ...rows];
  return answer;
}

const row = (datetime: string, close: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  datetime,
  open: "225.00000",
  high: "231.00000",
  low: "224.50000",
  close,
  volume: "41000000",
  ...extra,
});

describe("parseTwelveDataTimeSeries on recorded successes", () => {
  it("reads the recorded AAPL bar: string prices to numbers, close as adjClose, not adjusted", () => {
    const series = parse("AAPL", AAPL());
    expect(Array.from(series.days, isoOf)).toEqual(["2024-11-22"]);
    expect(Array.from(series.open)).toEqual([228.84]);
    expect(Array.from(series.high)).toEqual([230.5]);
    expect(Array.from(series.low)).toEqual([227.25]);
    expect(Array.from(series.close)).toEqual([229.87]);
    expect(Array.from(series.volume)).toEqual([35462000]);
    expect(Array.from(series.adjClose)).toEqual([229.87]);
    expect(series.adjClose).not.toBe(series.close);
    expect(series).toMatchObject({
      symbol: "AAPL",
      provider: "twelvedata",
      timeZone: "America/New_York",
      currency: "USD",
      adjusted: false,
      demo: false,
      fetchedAt: FETCHED_AT,
    });
  });

  it("reads the recorded MSFT bar", () => {
    const series = parse("MSFT", recordedAnswer("marekskopal_batch_time_series.json", "MSFT"));
    expect(Array.from(series.close)).toEqual([414.17]);
    expect(Array.from(series.open)).toEqual([412.18]);
    expect(Array.from(series.volume)).toEqual([18934500]);
  });

  it("the successful half of the recorded batch error parses like the batch success", () => {
    const fromErrorBatch = parse("AAPL", recordedAnswer("marekskopal_batch_error.json", "AAPL"));
    expect(fromErrorBatch).toEqual(parse("AAPL", AAPL()));
  });

  it("sorts newest-first rows ascending", () => {
    const body = aaplWithRows([row("2024-11-21", "228.52000"), row("2024-11-20", "229.00000"), row("2024-11-19", "228.28000")]);
    const series = parse("AAPL", body);
    expect(Array.from(series.days, isoOf)).toEqual(["2024-11-19", "2024-11-20", "2024-11-21", "2024-11-22"]);
    expect(Array.from(series.close)).toEqual([228.28, 229, 228.52, 229.87]);
    expect(Array.from(series.days)).toEqual([dayOf("2024-11-19"), dayOf("2024-11-20"), dayOf("2024-11-21"), dayOf("2024-11-22")]);
  });

  it("accepts rows already in ascending order (order=asc)", () => {
    const body = aaplWithRows([row("2024-11-21", "228.52000")]);
    body.values.reverse();
    expect(Array.from(parse("AAPL", body).days, isoOf)).toEqual(["2024-11-21", "2024-11-22"]);
  });

  it("uses meta.exchange_timezone, America/New_York when it is absent", () => {
    const berlin = AAPL();
    berlin.meta.exchange_timezone = "Europe/Berlin";
    berlin.meta.currency = "EUR";
    expect(parse("AAPL", berlin)).toMatchObject({ timeZone: "Europe/Berlin", currency: "EUR" });
    const bare = AAPL();
    delete bare.meta.exchange_timezone;
    delete bare.meta.currency;
    expect(parse("AAPL", bare)).toMatchObject({ timeZone: "America/New_York", currency: null });
    const noMeta = AAPL();
    delete noMeta.meta;
    expect(parse("AAPL", noMeta).timeZone).toBe("America/New_York");
  });

  it("a row without volume (indices, FX) keeps NaN volume; a row with a null close is skipped", () => {
    const body = aaplWithRows([row("2024-11-21", "228.52000", { volume: undefined }), row("2024-11-20", null as never)]);
    const series = parse("AAPL", body);
    expect(Array.from(series.days, isoOf)).toEqual(["2024-11-21", "2024-11-22"]);
    expect(series.volume[0]).toBeNaN();
    expect(series.volume[1]).toBe(35462000);
  });

  it("accepts exponent notation and integer strings", () => {
    const series = parse("AAPL", aaplWithRows([row("2024-11-21", "228", { volume: "1.12e+08" })]));
    expect(series.close[0]).toBe(228);
    expect(series.volume[0]).toBe(112_000_000);
  });

  it("a day listed twice with identical values is kept once", () => {
    const answer = AAPL();
    answer.values.push({ ...answer.values[0] });
    expect(parse("AAPL", answer).days.length).toBe(1);
  });
});

describe("parseTwelveDataTimeSeries on error bodies (HTTP 200 and the matching status)", () => {
  const unknown = recordedAnswer("marekskopal_batch_error.json", "INVALID");

  it.each([200, 400])("recorded 'symbol not found' with HTTP %i -> unknown-symbol naming the symbol", (status) => {
    const error = bodyFailure("INVALID", unknown, status);
    expect(error.kind).toBe("unknown-symbol");
    expect(error.symbol).toBe("INVALID");
    expect(error.message).toBe(
      'Twelve Data does not know the symbol INVALID: "symbol not found: INVALID. Please specify it correctly according to API Documentation."',
    );
  });

  it("the newer 404 'symbol or figi … missing or invalid' -> unknown-symbol", () => {
    const body = {
      code: 404,
      message:
        "**symbol** or **figi** parameter is missing or invalid. Please provide a valid symbol according to API documentation: https://twelvedata.com/docs#reference-data",
      status: "error",
    };
    expect(bodyFailure("ZZZZ", body).kind).toBe("unknown-symbol");
    expect(bodyFailure("ZZZZ", body, 404).message).toContain("ZZZZ");
  });

  it.each([200, 401])("transcribed 401 apikey body with HTTP %i -> invalid-key", (status) => {
    const error = bodyFailure("AAPL", ERROR_401, status);
    expect(error.kind).toBe("invalid-key");
    expect(error.message).toMatch(
      /^Twelve Data rejected the API key \(asked for AAPL\): "apikey parameter is incorrect or not specified\./,
    );
  });

  it.each([200, 429])("transcribed per-minute credits body with HTTP %i -> rate-limited", (status) => {
    const error = bodyFailure("AAPL", ERROR_429, status);
    expect(error.kind).toBe("rate-limited");
    expect(error.retryAfterSeconds).toBeNull();
    expect(error.message).toContain("AAPL");
    expect(error.message).toContain("try again in a minute");
    expect(error.message).toContain("12 API credits were used, with the current limit being 8");
  });

  it("a per-minute credits body with Retry-After carries the wait", () => {
    const error = failure("AAPL", { status: 429, body: ERROR_429, retryAfterSeconds: 37 });
    expect(error.kind).toBe("rate-limited");
    expect(error.retryAfterSeconds).toBe(37);
    expect(error.message).toContain("Twelve Data asks to wait 37 s");
  });

  it("the daily credits body (wording from client tests) -> plan-limit, not a one-minute wait", () => {
    const body = {
      code: 429,
      message:
        "You have run out of API credits for the day. 800 API credits were used, with the current limit being 800. Wait for the next day or consider switching to a higher tier plan at https://twelvedata.com/pricing",
      status: "error",
    };
    const error = bodyFailure("AAPL", body);
    expect(error.kind).toBe("plan-limit");
    expect(error.message).toMatch(/^Twelve Data's daily API credits are used up \(needed for AAPL\)/);
  });

  it.each([
    [404, "**symbol** WSU is not available with your plan. You may select the appropriate plan at https://twelvedata.com/pricing"],
    [403, "WSU is available starting with the Pro plan. Consider upgrading your API key."],
    [403, "Forbidden"],
  ])("a plan-gated symbol (code %i) -> plan-limit", (code, message) => {
    const error = bodyFailure("WSU", { code, message, status: "error" });
    expect(error.kind).toBe("plan-limit");
    expect(error.message).toMatch(/^Twelve Data's plan for this API key does not cover WSU: "/);
  });

  it("'No data is available on the specified dates' -> no-data, naming the start day of a tail request", () => {
    const body = {
      code: 400,
      message: "No data is available on the specified dates. Try setting different start/end dates.",
      status: "error",
    };
    const error = bodyFailure("AAPL", body, 200, dayOf("2024-11-25"));
    expect(error.kind).toBe("no-data");
    expect(error.message).toBe("Twelve Data has no daily prices for AAPL on or after 2024-11-25");
  });

  it("status ok with no values -> no-data", () => {
    const answer = AAPL();
    answer.values = [];
    const error = bodyFailure("AAPL", answer);
    expect(error.kind).toBe("no-data");
    expect(error.message).toBe("Twelve Data has no daily prices for AAPL");
  });

  it("values where every close is null -> no-data", () => {
    const answer = AAPL();
    answer.values[0].close = null;
    expect(bodyFailure("AAPL", answer).kind).toBe("no-data");
  });

  it("an error code it does not know -> bad-response quoting Twelve Data", () => {
    const error = bodyFailure("AAPL", { code: 414, message: "**symbol** parameter is too long", status: "error" });
    expect(error.kind).toBe("bad-response");
    expect(error.message).toBe(
      'Twelve Data sent an unreadable response for AAPL (code 414, Twelve Data says "symbol parameter is too long")',
    );
  });

  it.each([
    ["HTTP 503 with an HTML page", 503, "<html><body>Service Unavailable</body></html>"],
    ["HTTP 502 with an error body", 502, JSON.stringify({ code: 502, message: "Bad gateway", status: "error" })],
    ["HTTP 200 with a code 500 body", 200, JSON.stringify({ code: 500, message: "Internal error", status: "error" })],
  ])("%s -> unavailable", (_label, status, body) => {
    const error = failure("QQQ", { status, body });
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/^Twelve Data is unavailable \((HTTP|code) 50\d\) for QQQ: try again later$/);
  });

  it("a plain-text 429 -> rate-limited with the Retry-After it came with", () => {
    const error = failure("IWM", { status: 429, body: "Too Many Requests", retryAfterSeconds: 12 });
    expect(error.kind).toBe("rate-limited");
    expect(error.retryAfterSeconds).toBe(12);
    expect(error.message).toBe(
      'Twelve Data is rate-limiting requests (HTTP 429) for IWM: Twelve Data asks to wait 12 s (text "Too Many Requests")',
    );
  });

  it("upstream text in messages is flattened and bounded", () => {
    const error = bodyFailure("AAPL", { code: 400, message: `symbol evil\u0000\n${"x".repeat(1000)} not found`, status: "error" });
    expect(error.kind).toBe("unknown-symbol");
    // eslint-disable-next-line no-control-regex
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    expect(error.message.length).toBeLessThan(300);
  });
});

describe("parseTwelveDataTimeSeries on unreadable answers -> bad-response", () => {
  it("an HTML page with HTTP 200", () => {
    const error = bodyFailure("QQQ", "<!DOCTYPE html><html><title>Twelve Data</title></html>");
    expect(error.kind).toBe("bad-response");
    expect(error.message).toBe("Twelve Data sent an unreadable response for QQQ (HTTP 200, an HTML page instead of time-series JSON)");
  });

  it("truncated JSON", () => {
    const body = JSON.stringify(AAPL());
    const error = bodyFailure("AAPL", body.slice(0, body.length / 2));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("incomplete or invalid JSON");
  });

  it("an unexpected status with a JSON body that is not an error", () => {
    const error = bodyFailure("AAPL", AAPL(), 302);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("unexpected HTTP 302");
  });

  it.each([
    ["an empty body", ""],
    ["a JSON array", "[1,2]"],
    ["the quote endpoint's shape", JSON.stringify(recordedAnswer("marekskopal_batch_quote.json", "AAPL"))],
    ["values that are not a list", JSON.stringify({ ...AAPL(), values: { "2024-11-22": {} } })],
  ])("%s", (_label, body) => {
    const error = bodyFailure("AAPL", body);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toMatch(/^Twelve Data sent an unreadable response for AAPL \(.+\)$/);
  });

  it.each([
    ["a word", "abc", 'close "abc" on 2024-11-22 is not a number'],
    ["an empty string", "", 'close "" on 2024-11-22 is not a number'],
    ["a thousands separator", "1,229.87", 'close "1,229.87" on 2024-11-22 is not a number'],
    ["NaN", "NaN", 'close "NaN" on 2024-11-22 is not a number'],
    ["an overflowing exponent", "1e999", 'close "1e999" on 2024-11-22 is not a number'],
    ["a boolean", true, "close true on 2024-11-22 is not a number"],
  ])("a close that is %s", (_label, close, detail) => {
    const answer = AAPL();
    answer.values[0].close = close;
    expect(bodyFailure("AAPL", answer).message).toBe(`Twelve Data sent an unreadable response for AAPL (${detail})`);
  });

  it("a non-numeric volume, even with a good close", () => {
    const answer = AAPL();
    answer.values[0].volume = "n/a";
    expect(bodyFailure("AAPL", answer).message).toContain('volume "n/a" on 2024-11-22 is not a number');
  });

  it.each([
    ["an intraday datetime", "2024-11-22 15:30:00"],
    ["an impossible date", "2024-02-30"],
    ["a non-padded date", "2024-1-5"],
    ["no datetime", undefined],
  ])("%s", (_label, datetime) => {
    const answer = AAPL();
    answer.values[0].datetime = datetime;
    const error = bodyFailure("AAPL", answer);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("expected a YYYY-MM-DD date");
  });

  it("intraday bars (meta.interval 1h) are refused, not read as days", () => {
    const answer = AAPL();
    answer.meta.interval = "1h";
    expect(bodyFailure("AAPL", answer).message).toContain('expected daily bars, got interval "1h"');
  });

  it("an unknown exchange time zone", () => {
    const answer = AAPL();
    answer.meta.exchange_timezone = "Mars/Olympus";
    expect(bodyFailure("AAPL", answer).message).toContain('unknown exchange time zone "Mars/Olympus"');
  });

  it("a day listed twice with different values", () => {
    const answer = aaplWithRows([row("2024-11-22", "100.00000")]);
    expect(bodyFailure("AAPL", answer).message).toContain("two different bars for 2024-11-22");
  });

  it("a row that is not an object", () => {
    const answer = aaplWithRows([]);
    answer.values.push("2024-11-21");
    expect(bodyFailure("AAPL", answer).message).toContain("row 2 is not an object");
  });
});
