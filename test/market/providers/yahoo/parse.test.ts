import fs from "node:fs";
import path from "node:path";
import { parseYahooChart, YahooChartResponse } from "../../../../src/market/providers/yahoo";
import { DailySeries, MarketDataError } from "../../../../src/market/core";
import { fixtureText, yahooRecording } from "../../../support/recordings";
import { REFERENCE_DIR } from "../../../support/fixture-paths";

const TSLA_FILE = "historical-via-chart-dividends-TSLA-no-dividends.json";
const FETCHED_AT = 1_700_000_000_000;

const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

function parseFile(file: string, symbol: string): DailySeries {
  const recording = yahooRecording(file);
  return parseYahooChart(symbol, { status: recording.status, body: recording.body }, FETCHED_AT);
}

function failure(symbol: string, response: YahooChartResponse): MarketDataError {
  try {
    parseYahooChart(symbol, response, FETCHED_AT);
  } catch (error) {
    if (error instanceof MarketDataError) return error;
    throw error;
  }
  throw new Error("expected parseYahooChart to throw");
}

function fileFailure(file: string, symbol: string): MarketDataError {
  const recording = yahooRecording(file);
  return failure(symbol, { status: recording.status, body: recording.body });
}

/** A real 200 body, edited. */
function editedBody(file: string, edit: (result: any) => void): string {
  const body = JSON.parse(yahooRecording(file).body);
  edit(body.chart.result[0]);
  return JSON.stringify(body);
}

describe("parseYahooChart on recorded successes", () => {
  it("reads the full TSLA history: days and adjusted closes match the reference set exactly", () => {
    const reference = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, "talib/yahoo-TSLA-adjclose.json"), "utf8")) as {
      dates: string[];
      close: number[];
    };
    const series = parseFile(TSLA_FILE, "TSLA");
    expect(series.days.length).toBe(3303);
    expect(Array.from(series.days, isoOf)).toEqual(reference.dates);
    expect(Array.from(series.adjClose)).toEqual(reference.close);
    expect(series).toMatchObject({
      symbol: "TSLA",
      provider: "yahoo",
      timeZone: "America/New_York",
      currency: "USD",
      adjusted: true,
      demo: false,
      fetchedAt: FETCHED_AT,
    });
    for (const column of [series.open, series.high, series.low, series.close, series.volume]) {
      expect(column.length).toBe(3303);
      expect(column.every(Number.isFinite)).toBe(true);
    }
  });

  it("parses the 3,303-bar history quickly", () => {
    const body = yahooRecording(TSLA_FILE).body;
    parseYahooChart("TSLA", { status: 200, body }, 0); // warm-up: JIT, formatter creation
    const started = performance.now();
    parseYahooChart("TSLA", { status: 200, body }, 0);
    expect(performance.now() - started).toBeLessThan(250);
  });

  it("keeps raw and dividend-adjusted closes apart (MSFT 2021-02-01: 239.65 vs 231.19)", () => {
    const series = parseFile("historical-via-chart-MSFT-dividends-2021-02-01-to-2022-01-31.csv.json", "MSFT");
    const i = Array.from(series.days, isoOf).indexOf("2021-02-01");
    expect(i).toBe(0);
    expect(series.close[i]).toBeCloseTo(239.65, 2);
    expect(series.adjClose[i]).toBeCloseTo(231.19, 2);
    expect(series.adjusted).toBe(true);
  });

  it("dates European bars in the exchange's zone (WSU.DE, Europe/Berlin)", () => {
    const series = parseFile("chart-WSU.DE-2023-08-04-to-2023-08-09.json", "WSU.DE");
    expect(Array.from(series.days, isoOf)).toEqual(["2023-08-04", "2023-08-07", "2023-08-08"]);
    expect(series.timeZone).toBe("Europe/Berlin");
    expect(series.currency).toBe("EUR");
    expect(series.adjClose[0]).toBeCloseTo(32.6325, 4);
    expect(series.close[0]).toBeCloseTo(34.45, 4);
  });

  it.each([
    ["chart-BTC-USD-2020-01-01-to-2020-01-03.json", "BTC-USD", "UTC"],
    ["chart-EURUSD=X-2020-01-01-to-2020-01-03.json", "EURUSD=X", "Europe/London"],
  ])("dates 00:00Z crypto/FX bars on their own day, holidays included (%s)", (file, symbol, zone) => {
    const series = parseFile(file, symbol);
    expect(Array.from(series.days, isoOf)).toEqual(["2020-01-01", "2020-01-02", "2020-01-03"]);
    expect(series.timeZone).toBe(zone);
  });

  it("reads one-year histories with US DST changes inside (AAPL 2020)", () => {
    const series = parseFile("historicalv8-AAPL-2020-01-01-to-2021-01-04.json", "AAPL");
    const days = Array.from(series.days, isoOf);
    expect(days[0]).toBe("2020-01-02");
    expect(days).toContain("2020-03-09"); // first Monday after the March DST change
    expect(days).toContain("2020-11-02");
    expect(days).not.toContain("2020-07-03"); // market holiday
    expect(days.every((iso) => ![0, 6].includes(new Date(iso).getUTCDay()))).toBe(true);
  });

  it("skips rows whose close or adjusted close is null, keeps partial rows as NaN", () => {
    const file = "historicalv8-AAPL-2020-01-01-to-2021-01-04.json";
    const full = parseFile(file, "AAPL");
    const body = editedBody(file, (result) => {
      result.indicators.quote[0].close[5] = null;
      result.indicators.adjclose[0].adjclose[9] = null;
      for (const key of ["open", "high", "low", "close", "volume"]) result.indicators.quote[0][key][20] = null;
      result.indicators.adjclose[0].adjclose[20] = null;
      result.indicators.quote[0].open[30] = null;
      result.indicators.quote[0].volume[31] = null;
    });
    const series = parseYahooChart("AAPL", { status: 200, body }, FETCHED_AT);
    expect(series.days.length).toBe(full.days.length - 3);
    const days = Array.from(series.days);
    for (const dropped of [5, 9, 20]) expect(days).not.toContain(full.days[dropped]);
    const i30 = days.indexOf(full.days[30]);
    expect(series.open[i30]).toBeNaN();
    expect(series.close[i30]).toBe(full.close[30]);
    expect(series.volume[days.indexOf(full.days[31])]).toBeNaN();
  });

  it("keeps the last bar when two bars fall on the same day (live partial bar)", () => {
    const file = "chart-WSU.DE-2023-08-04-to-2023-08-09.json";
    const body = editedBody(file, (result) => {
      const quote = result.indicators.quote[0];
      result.timestamp.push(result.timestamp[2] + 3 * 3600); // same day, three hours later
      for (const key of ["open", "high", "low", "volume"]) quote[key].push(quote[key][2]);
      quote.close.push(33.5);
      result.indicators.adjclose[0].adjclose.push(31.75);
    });
    const series = parseYahooChart("WSU.DE", { status: 200, body }, FETCHED_AT);
    expect(Array.from(series.days, isoOf)).toEqual(["2023-08-04", "2023-08-07", "2023-08-08"]);
    expect(series.close[2]).toBe(33.5);
    expect(series.adjClose[2]).toBe(31.75);
  });

  it("sorts bars that arrive out of order", () => {
    const file = "chart-WSU.DE-2023-08-04-to-2023-08-09.json";
    const body = editedBody(file, (result) => {
      const swap = (a: unknown[]): void => void ([a[0], a[2]] = [a[2], a[0]]);
      swap(result.timestamp);
      for (const values of Object.values(result.indicators.quote[0])) swap(values as unknown[]);
      swap(result.indicators.adjclose[0].adjclose);
    });
    const series = parseYahooChart("WSU.DE", { status: 200, body }, FETCHED_AT);
    expect(Array.from(series.days, isoOf)).toEqual(["2023-08-04", "2023-08-07", "2023-08-08"]);
    expect(series.close[0]).toBeCloseTo(34.45, 4);
  });

  it("falls back to close with adjusted:false when adjclose is absent", () => {
    const body = editedBody("chart-WSU.DE-2023-08-04-to-2023-08-09.json", (result) => {
      delete result.indicators.adjclose;
    });
    const series = parseYahooChart("WSU.DE", { status: 200, body }, FETCHED_AT);
    expect(series.adjusted).toBe(false);
    expect(Array.from(series.adjClose)).toEqual(Array.from(series.close));
  });
});

describe("parseYahooChart on errors", () => {
  it.each([
    ["historicalv8-MDLY-2020-01-01-to-2021-01-04.json", "MDLY"],
    ["historical-via-chart-SI-2020-01-01-to-2020-01-03.json", "SI"],
  ])("404 %s -> unknown-symbol naming the symbol", (file, symbol) => {
    const error = fileFailure(file, symbol);
    expect(error.kind).toBe("unknown-symbol");
    expect(error.symbol).toBe(symbol);
    expect(error.message).toBe(`Yahoo has no data for ${symbol}: the ticker is unknown or delisted`);
  });

  it("400 Data doesn't exist (BEKE) -> no-data", () => {
    const error = fileFailure("chart-BEKE-2020-01-01-to-2020-01-03.json", "BEKE");
    expect(error.kind).toBe("no-data");
    expect(error.message).toBe("Yahoo has no daily prices for BEKE");
  });

  it("an empty result (no timestamp, quote:[{}]) -> no-data", () => {
    const error = fileFailure("chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json", "AAPL");
    expect(error.kind).toBe("no-data");
    expect(error.message).toContain("AAPL");
  });

  it("a result whose rows are all null -> no-data", () => {
    const body = editedBody("chart-WSU.DE-2023-08-04-to-2023-08-09.json", (result) => {
      result.indicators.quote[0].close = [null, null, null];
    });
    expect(failure("WSU.DE", { status: 200, body }).kind).toBe("no-data");
  });

  it("429 with the transcribed plain-text body -> rate-limited, with Retry-After when given", () => {
    const body = fixtureText("yahoo/transcribed/http429_body_Edge_Too_Many_Requests.txt");
    expect(body).toBe("Edge: Too Many Requests");
    const plain = failure("IWM", { status: 429, body });
    expect(plain.kind).toBe("rate-limited");
    expect(plain.retryAfterSeconds).toBeNull();
    expect(plain.message).toContain("IWM");
    const told = failure("IWM", { status: 429, body, retryAfterSeconds: 42 });
    expect(told.retryAfterSeconds).toBe(42);
    expect(told.message).toContain("42 s");
  });

  it.each([500, 502, 503, 504])("HTTP %i -> unavailable", (status) => {
    const error = failure("QQQ", { status, body: "<html><body>Service Unavailable</body></html>" });
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain(`HTTP ${status}`);
    expect(error.message).toContain("QQQ");
  });

  it("an HTML page with status 200 -> bad-response", () => {
    const error = failure("QQQ", { status: 200, body: "<!DOCTYPE html><html><head><title>Yahoo</title></head></html>" });
    expect(error.kind).toBe("bad-response");
    expect(error.message).toBe("Yahoo sent an unreadable response for QQQ (HTTP 200, an HTML page instead of chart JSON)");
  });

  it("truncated JSON -> bad-response", () => {
    const body = yahooRecording(TSLA_FILE).body;
    const error = failure("TSLA", { status: 200, body: body.slice(0, body.length / 2) });
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("incomplete or invalid JSON");
  });

  it.each([
    ["an empty body", ""],
    ["plain text", "Edge: Something"],
    ["JSON without chart", '{"finance":{"error":{"code":"x"}}}'],
    ["a JSON array", "[1,2]"],
    ["result that is not an object", '{"chart":{"result":[42],"error":null}}'],
    ["meta missing", '{"chart":{"result":[{"timestamp":[1],"indicators":{"quote":[{"close":[1]}]}}],"error":null}}'],
  ])("%s -> bad-response", (_label, body) => {
    const error = failure("IWM", { status: 200, body });
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("IWM");
  });

  it.each([
    ["arrays of unequal length", (r: any) => r.indicators.quote[0].close.pop()],
    ["a string in a price column", (r: any) => (r.indicators.quote[0].high[1] = "34.8")],
    ["a string timestamp", (r: any) => (r.timestamp[0] = "1691132400")],
    ["no close column", (r: any) => delete r.indicators.quote[0].close],
    ["adjclose of the wrong length", (r: any) => r.indicators.adjclose[0].adjclose.push(1)],
    ["an unknown time zone", (r: any) => (r.meta.exchangeTimezoneName = "Mars/Olympus")],
    ["no time zone", (r: any) => delete r.meta.exchangeTimezoneName],
    ["intraday bars", (r: any) => (r.meta.dataGranularity = "30m")],
  ])("validates the shape: %s -> bad-response", (_label, edit) => {
    const body = editedBody("chart-WSU.DE-2023-08-04-to-2023-08-09.json", edit);
    const error = failure("WSU.DE", { status: 200, body });
    expect(error.kind).toBe("bad-response");
    expect(error.message).toMatch(/^Yahoo sent an unreadable response for WSU\.DE \(.+\)$/);
  });

  it("the recorded 30-minute chart is refused, not misread as daily bars", () => {
    expect(fileFailure("chart-TSLA-2021-11-22-to-2021-11-23-interval-30m.json", "TSLA").kind).toBe("bad-response");
  });

  it("another 400 (not 'Data doesn't exist') -> bad-response quoting Yahoo", () => {
    const body = '{"chart":{"result":null,"error":{"code":"Bad Request","description":"Invalid input - interval=1x is not supported"}}}';
    const error = failure("IWM", { status: 400, body });
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("interval=1x is not supported");
  });

  it("upstream text in messages is flattened and bounded", () => {
    const description = `evil\u0000\n${"x".repeat(1000)}`;
    const body = JSON.stringify({ chart: { result: null, error: { code: "Bad Request", description } } });
    const error = failure("IWM", { status: 400, body });
    // eslint-disable-next-line no-control-regex
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    expect(error.message.length).toBeLessThan(300);
  });
});
