import {
  parsePolygonAggsPage,
  POLYGON_TIME_ZONE,
  PolygonResponse,
  polygonSeries,
  refusesDataTimeframe,
} from "../../../../src/market/providers/polygon";
import { DailySeries, MarketDataError } from "../../../../src/market/core";
import { thrownBy } from "../../../support/market-errors";
import { fixtureText } from "../../../support/recordings";
import { loadVcrInteraction } from "../../../support/vcr-cassettes";

const FETCHED_AT = 1_700_000_000_000;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

const OPENBB_AAPL = loadVcrInteraction("polygon/test_polygon_equity_historical_fetcher_urllib3_v2.yaml");
const CLIENT_AAPL_2005 = fixtureText("polygon/client-python_v2_aggs_ticker_AAPL_range_1_day_2005-04-01_2005-04-04.json");
const TIMEFRAME_313 = fixtureText("polygon/transcribed/not_authorized_plan_timeframe_issue313.json");
const TIMEFRAME_4747 = fixtureText("polygon/transcribed/not_authorized_plan_timeframe_openbb4747.json");
const KEY_NOT_PROVIDED = fixtureText("polygon/transcribed/error_api_key_not_provided_issue219.json");

const text = (body: unknown): string => (typeof body === "string" ? body : JSON.stringify(body));

/** One response as a whole series, the way the provider reads a single page. */
function parse(symbol: string, body: unknown, status = 200, since?: number): DailySeries {
  const page = parsePolygonAggsPage(symbol, { status, body: text(body) });
  return polygonSeries(symbol, page.bars, FETCHED_AT, since);
}

const failure = (symbol: string, response: PolygonResponse): MarketDataError => thrownBy(() => parsePolygonAggsPage(symbol, response));
const bodyFailure = (symbol: string, body: unknown, status = 200): MarketDataError => failure(symbol, { status, body: text(body) });

/** The recorded OpenBB answer with its results edited. */
function editedResults(edit: (results: Record<string, unknown>[]) => void): unknown {
  const root = JSON.parse(OPENBB_AAPL.body);
  edit(root.results);
  return root;
}

describe("parsePolygonAggsPage + polygonSeries on recorded answers", () => {
  it("reads the OpenBB AAPL cassette: millisecond timestamps to New York dates, exponent volumes", () => {
    const series = parse("AAPL", OPENBB_AAPL.body);
    expect(Array.from(series.days, isoOf)).toEqual(["2023-01-03", "2023-01-04", "2023-01-05", "2023-01-06", "2023-01-09", "2023-01-10"]);
    expect(Array.from(series.open)).toEqual([130.28, 126.89, 127.13, 126.01, 130.465, 130.26]);
    expect(Array.from(series.high)).toEqual([130.9, 128.6557, 127.77, 130.29, 133.41, 131.2636]);
    expect(Array.from(series.low)).toEqual([124.17, 125.08, 124.76, 124.89, 129.89, 128.12]);
    expect(Array.from(series.close)).toEqual([125.07, 126.36, 125.02, 129.62, 130.15, 130.73]);
    expect(Array.from(series.volume)).toEqual([112117471, 89100633, 80716808, 87754715, 70790813, 63896155]);
    expect(Array.from(series.adjClose)).toEqual(Array.from(series.close));
    expect(series).toMatchObject({
      symbol: "AAPL",
      provider: "polygon",
      timeZone: POLYGON_TIME_ZONE,
      currency: null,
      adjusted: false,
      demo: false,
      fetchedAt: FETCHED_AT,
    });
  });

  it("reads the client-python 2005 range across the switch to daylight saving time (05:00Z, then 04:00Z)", () => {
    const series = parse("AAPL", CLIENT_AAPL_2005);
    expect(Array.from(series.days, isoOf)).toEqual(["2005-04-01", "2005-04-04"]);
    expect(Array.from(series.close)).toEqual([1.4604, 1.4675]);
    expect(Array.from(series.volume)).toEqual([642646396, 578172308]);
  });

  it("sorts a newest-first (sort=desc) answer ascending", () => {
    const series = parse(
      "AAPL",
      editedResults((results) => results.reverse()),
    );
    expect(Array.from(series.days, isoOf)).toEqual(["2023-01-03", "2023-01-04", "2023-01-05", "2023-01-06", "2023-01-09", "2023-01-10"]);
    expect(series.close[0]).toBe(125.07);
  });

  it("keeps a day sent twice with the same values once, and refuses two different bars for one day", () => {
    expect(
      parse(
        "AAPL",
        editedResults((results) => results.push({ ...results[5] })),
      ).days.length,
    ).toBe(6);
    const error = thrownBy(() =>
      parse(
        "AAPL",
        editedResults((results) => results.push({ ...results[5], c: 1 })),
      ),
    );
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("two different bars for 2023-01-10");
  });

  it("returns next_url when Polygon has more bars than one response holds", () => {
    const body = JSON.parse(OPENBB_AAPL.body);
    body.next_url = "https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/day/1673326800000/2023-01-10?cursor=abc";
    const page = parsePolygonAggsPage("AAPL", { status: 200, body: JSON.stringify(body) });
    expect(page.nextUrl).toBe(body.next_url);
    expect(page.bars).toHaveLength(6);
    expect(parsePolygonAggsPage("AAPL", { status: 200, body: OPENBB_AAPL.body }).nextUrl).toBeNull();
  });
});

describe("empty answers", () => {
  const EMPTY = { ticker: "ZZZZ", queryCount: 0, resultsCount: 0, adjusted: true, status: "OK", request_id: "x" };

  it("a whole history without a single bar: unknown-symbol (Polygon answers an unknown ticker with an empty range)", () => {
    const error = thrownBy(() => parse("ZZZZ", EMPTY));
    expect(error.kind).toBe("unknown-symbol");
    expect(error.message).toBe("Polygon.io does not know the symbol ZZZZ: the ticker is unknown or delisted");
  });

  it("a range from `since` without bars: no-data naming the start date", () => {
    const error = thrownBy(() => parse("AAPL", { ...EMPTY, results: [] }, 200, dayOf("2023-01-11")));
    expect(error.kind).toBe("no-data");
    expect(error.message).toBe("Polygon.io has no daily prices for AAPL on or after 2023-01-11");
  });
});

describe("values that cannot be read", () => {
  it.each([
    ["a non-numeric close", (r: Record<string, unknown>[]) => (r[2].c = "n/a"), 'field c "n/a" of result 3 is not a number'],
    ["a missing timestamp", (r: Record<string, unknown>[]) => delete r[0].t, "result 1 has timestamp missing, expected Unix milliseconds"],
    ["a timestamp as text", (r: Record<string, unknown>[]) => (r[1].t = "2023-01-04"), 'result 2 has timestamp "2023-01-04"'],
    ["a result that is not an object", (r: unknown[]) => (r[0] = 42), "result 1 is not an object"],
  ])("%s: bad-response saying which", (_label, edit, detail) => {
    const error = bodyFailure("AAPL", editedResults(edit as (r: Record<string, unknown>[]) => void));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain(detail);
    expect(error.message).toMatch(/^Polygon\.io sent an unreadable response for AAPL/);
  });

  it("numbers sent as decimal text are read (volume in exponent form too)", () => {
    const series = parse(
      "AAPL",
      editedResults((r) => ((r[0].c = "125.07"), (r[0].v = "1.12117471e+08"))),
    );
    expect(series.close[0]).toBe(125.07);
    expect(series.volume[0]).toBe(112117471);
  });

  it("a bar without a close is skipped; other missing fields are NaN", () => {
    const series = parse(
      "AAPL",
      editedResults((r) => (delete r[0].c, delete r[1].v)),
    );
    expect(series.days.length).toBe(5);
    expect(Number.isNaN(series.volume[0])).toBe(true);
  });

  it('"results" that is not a list: bad-response', () => {
    expect(bodyFailure("AAPL", { status: "OK", results: {} }).message).toContain('"results" is not a list');
  });
});

describe("Polygon's error answers", () => {
  it.each([
    ["issue 313", TIMEFRAME_313],
    ["OpenBB 4747", TIMEFRAME_4747],
  ])("recorded NOT_AUTHORIZED data-timeframe (%s), HTTP 403 -> plan-limit quoting Polygon", (_label, body) => {
    const error = bodyFailure("AAPL", body, 403);
    expect(error.kind).toBe("plan-limit");
    expect(error.message).toBe(
      "Polygon.io refused AAPL: the API key's plan does not cover the requested dates (the free plan covers about two years): " +
        '"Your plan doesn\'t include this data timeframe. Please upgrade your plan at https://polygon.io/pricing"',
    );
    expect(refusesDataTimeframe({ status: 403, body })).toBe(true);
  });

  it("recorded 'API Key was not provided' -> invalid-key, whether sent as 401 or 400", () => {
    for (const status of [401, 400]) {
      const error = bodyFailure("AAPL", KEY_NOT_PROVIDED, status);
      expect(error.kind).toBe("invalid-key");
      expect(error.message).toBe('Polygon.io rejected the API key (asked for AAPL): "API Key was not provided"');
    }
  });

  // Wordings quoted by client projects and issues (FORMATS.md: "reported"); no recording exists.
  it.each([
    ["Unknown API Key", 401, "invalid-key", { status: "ERROR", request_id: "r", error: "Unknown API Key" }],
    [
      "not entitled",
      403,
      "plan-limit",
      {
        status: "NOT_AUTHORIZED",
        request_id: "r",
        message: "You are not entitled to this data. Please upgrade your plan at https://polygon.io/pricing",
      },
    ],
    [
      "today's data before end of day",
      403,
      "plan-limit",
      {
        status: "NOT_AUTHORIZED",
        request_id: "r",
        message: "Attempted to request today's data before end of day. Please upgrade your plan at https://polygon.io/pricing",
      },
    ],
    [
      "per-minute limit",
      429,
      "rate-limited",
      {
        status: "ERROR",
        request_id: "r",
        error:
          "You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue. https://polygon.io/pricing",
      },
    ],
    [
      "an ERROR body sent with HTTP 200",
      200,
      "bad-response",
      { status: "ERROR", request_id: "r", error: "Could not parse the time parameter: 'from'." },
    ],
  ])("reported %s (HTTP %i) -> %s", (_label, status, kind, body) => {
    const error = bodyFailure("AAPL", body, status);
    expect(error.kind).toBe(kind);
    expect(error.symbol).toBe("AAPL");
    expect(error.message).toContain("Polygon.io");
    expect(refusesDataTimeframe({ status, body: JSON.stringify(body) })).toBe(false);
  });

  it("429 with an empty body -> rate-limited, with Retry-After when sent", () => {
    const withWait = failure("AAPL", { status: 429, body: "", retryAfterSeconds: 12 });
    expect(withWait.kind).toBe("rate-limited");
    expect(withWait.retryAfterSeconds).toBe(12);
    expect(withWait.message).toContain("Polygon.io asks to wait 12 s");
    expect(failure("AAPL", { status: 429, body: "" }).retryAfterSeconds).toBeNull();
  });

  it.each([500, 502, 504])("HTTP %i -> unavailable", (status) => {
    expect(failure("AAPL", { status, body: '{"status":"ERROR","error":"internal"}' }).kind).toBe("unavailable");
  });

  it.each([
    ["an HTML page", 200, "<html><body>Gateway</body></html>", "an HTML page"],
    ["truncated JSON", 200, OPENBB_AAPL.body.slice(0, 250), "incomplete or invalid JSON"],
    ["an HTML 404 (wrong base URL?)", 404, "<h1>Not Found</h1>", "HTTP 404, an HTML page"],
  ])("%s -> bad-response", (_label, status, body, detail) => {
    const error = failure("AAPL", { status, body });
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain(detail);
  });

  it("a success-shaped body with an unexpected status -> bad-response", () => {
    expect(failure("AAPL", { status: 404, body: OPENBB_AAPL.body }).message).toContain("unexpected HTTP 404");
  });

  it("refusesDataTimeframe is false for successes and unreadable bodies", () => {
    expect(refusesDataTimeframe({ status: 200, body: OPENBB_AAPL.body })).toBe(false);
    expect(refusesDataTimeframe({ status: 403, body: "<html>" })).toBe(false);
  });
});
