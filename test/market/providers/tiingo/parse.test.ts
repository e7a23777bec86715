import { parseTiingoDailyPrices, TIINGO_TIME_ZONE, TiingoResponse } from "../../../../src/market/providers/tiingo";
import { DailySeries, MarketDataError } from "../../../../src/market/core";
import { thrownBy } from "../../../support/market-errors";
import { fixtureText } from "../../../support/recordings";
import { loadVcrInteraction } from "../../../support/vcr-cassettes";

const FETCHED_AT = 1_700_000_000_000;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

const fixture = (file: string): string => fixtureText(`tiingo/${file}`);
const AAPL_YEAR = fixture("riingo_tiingo_daily_AAPL_prices-4eb987.json");
const GOOGL_2015 = loadVcrInteraction("tiingo/ticker_price_with_date.yaml");

const text = (body: unknown): string => (typeof body === "string" ? body : JSON.stringify(body));
const parse = (symbol: string, body: unknown, since?: number): DailySeries =>
  parseTiingoDailyPrices(symbol, { status: 200, body: text(body) }, FETCHED_AT, since);
const failure = (symbol: string, response: TiingoResponse, since?: number): MarketDataError =>
  thrownBy(() => parseTiingoDailyPrices(symbol, response, FETCHED_AT, since));
const bodyFailure = (symbol: string, body: unknown, status = 200): MarketDataError => failure(symbol, { status, body: text(body) });

/** The recorded GOOGL rows, edited. */
function editedGoogl(edit: (rows: Record<string, unknown>[]) => void): unknown {
  const rows = JSON.parse(GOOGL_2015.body);
  edit(rows);
  return rows;
}

describe("parseTiingoDailyPrices on recorded answers", () => {
  it("reads a year of AAPL: midnight-UTC labels as dates, raw prices, and split+dividend adjusted closes", () => {
    const series = parse("AAPL", AAPL_YEAR);
    expect(series.days.length).toBe(251);
    expect(isoOf(series.days[0])).toBe("2019-07-22");
    expect(isoOf(series.days[250])).toBe("2020-07-17");
    expect(series.days.every((day, i) => i === 0 || day > series.days[i - 1])).toBe(true);
    expect([series.open[0], series.high[0], series.low[0], series.close[0], series.volume[0]]).toEqual([
      203.65, 207.23, 203.61, 207.22, 22277932,
    ]);
    expect(series.adjClose[0]).toBe(204.782812658);
    // The 2019-08-09 ex-dividend day: raw close 200.99, adjusted for the dividends paid since.
    const exDividend = Array.from(series.days, isoOf).indexOf("2019-08-09");
    expect(series.close[exDividend]).toBe(200.99);
    expect(series.adjClose[exDividend]).toBe(199.3870296394);
    expect(series.adjClose[250]).toBe(series.close[250]);
    expect(series).toMatchObject({
      symbol: "AAPL",
      provider: "tiingo",
      timeZone: TIINGO_TIME_ZONE,
      currency: null,
      adjusted: true,
      demo: false,
      fetchedAt: FETCHED_AT,
    });
  });

  it("reads the MSFT year with the same dates", () => {
    const msft = parse("MSFT", fixture("riingo_tiingo_daily_MSFT_prices-4eb987.json"));
    expect(Array.from(msft.days)).toEqual(Array.from(parse("AAPL", AAPL_YEAR).days));
  });

  it("reads the tiingo-python GOOGL cassette", () => {
    const series = parse("GOOGL", GOOGL_2015.body);
    expect(Array.from(series.days, isoOf)).toEqual(["2015-01-02", "2015-01-05"]);
    expect(Array.from(series.close)).toEqual([529.55, 519.46]);
    expect(Array.from(series.high)).toEqual([535.8, 527.9899]);
    expect(Array.from(series.volume)).toEqual([1327870, 2059119]);
  });

  it('reads the latest-price form of the date ("2020-07-17T00:00:00+00:00")', () => {
    const series = parse("AAPL", fixture("riingo_tiingo_daily_AAPL_prices.json"));
    expect(Array.from(series.days, isoOf)).toEqual(["2020-07-17"]);
    expect(series.adjusted).toBe(true);
  });

  it("sorts rows that come out of order", () => {
    const series = parse(
      "GOOGL",
      editedGoogl((rows) => rows.reverse()),
    );
    expect(Array.from(series.days, isoOf)).toEqual(["2015-01-02", "2015-01-05"]);
    expect(series.adjClose[0]).toBe(529.55);
  });

  it("without adjClose on any row: raw closes, adjusted = false", () => {
    const series = parse(
      "GOOGL",
      editedGoogl((rows) => rows.forEach((row) => delete row.adjClose)),
    );
    expect(series.adjusted).toBe(false);
    expect(Array.from(series.adjClose)).toEqual(Array.from(series.close));
  });
});

describe("parseTiingoDailyPrices refuses what is not a daily series", () => {
  it("intraday bars (IEX 30-minute cassette): bad-response naming the date", () => {
    const error = bodyFailure("GOOGL", loadVcrInteraction("tiingo/intraday_price.yaml").body);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toBe(
      'Tiingo sent an unreadable response for GOOGL (row 1 has date "2018-01-02T14:30:00.000Z", expected a daily bar\'s date at midnight UTC)',
    );
  });

  it("a CSV body (format=csv cassette): bad-response", () => {
    const error = bodyFailure("GOOGL", loadVcrInteraction("tiingo/ticker_price_with_date_csv.yaml").body);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain('text "date,close,high');
  });

  it("metadata instead of prices: bad-response", () => {
    expect(bodyFailure("GOOGL", loadVcrInteraction("tiingo/ticker_metadata.yaml").body).message).toContain("not a list of daily prices");
  });

  it.each([
    [
      "a non-numeric close",
      (rows: Record<string, unknown>[]) => (rows[1].close = "519.46x"),
      'close "519.46x" on 2015-01-05 is not a number',
    ],
    [
      "a non-numeric adjClose",
      (rows: Record<string, unknown>[]) => (rows[0].adjClose = "NaN"),
      'adjusted close "NaN" on 2015-01-02 is not a number',
    ],
    [
      "adjClose on only some rows",
      (rows: Record<string, unknown>[]) => delete rows[1].adjClose,
      "adjusted closes are missing on 1 of 2 days",
    ],
    [
      "an impossible date",
      (rows: Record<string, unknown>[]) => (rows[0].date = "2015-02-30T00:00:00.000Z"),
      'row 1 has date "2015-02-30T00:00:00.000Z"',
    ],
    ["a row that is not an object", (rows: unknown[]) => (rows[1] = null), "row 2 is not an object"],
    [
      "two different bars for one day",
      (rows: Record<string, unknown>[]) => rows.push({ ...rows[1], close: 1 }),
      "two different bars for 2015-01-05",
    ],
  ])("%s: bad-response saying which", (_label, edit, detail) => {
    const error = bodyFailure("GOOGL", editedGoogl(edit as (rows: Record<string, unknown>[]) => void));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain(detail);
  });

  it("an empty list: no-data, naming the start date of a tail request", () => {
    expect(bodyFailure("GOOGL", []).message).toBe("Tiingo has no daily prices for GOOGL");
    const tail = failure("GOOGL", { status: 200, body: "[]" }, dayOf("2015-01-06"));
    expect(tail.kind).toBe("no-data");
    expect(tail.message).toBe("Tiingo has no daily prices for GOOGL on or after 2015-01-06");
  });

  it.each([
    ["an HTML page", "<!doctype html><title>Maintenance</title>", "an HTML page"],
    ["truncated JSON", AAPL_YEAR.slice(0, 5000), "incomplete or invalid JSON"],
    ["an empty body", "", "an empty body"],
  ])("%s with HTTP 200: bad-response", (_label, body, detail) => {
    const error = bodyFailure("AAPL", body);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain(detail);
  });
});

describe("Tiingo's error answers", () => {
  it("recorded 404 for an unknown ticker -> unknown-symbol naming it and quoting Tiingo", () => {
    const error = bodyFailure("BADTICKER", fixture("riingo_tiingo_daily_badticker_prices.404.json"), 404);
    expect(error.kind).toBe("unknown-symbol");
    expect(error.symbol).toBe("BADTICKER");
    expect(error.message).toBe(`Tiingo does not know the symbol BADTICKER: "Error: Ticker 'BADTICKER' not found"`);
  });

  it('recorded 404 "Not found." -> unknown-symbol', () => {
    expect(bodyFailure("BADTICKER", fixture("riingo_tiingo_daily_badticker.404.json"), 404).kind).toBe("unknown-symbol");
  });

  // Not recorded: Django REST framework wordings, and Tiingo's allowance texts as quoted by client projects.
  it.each([
    ["invalid token", 401, "invalid-key", "Invalid token."],
    ["no credentials", 403, "invalid-key", "Authentication credentials were not provided."],
    [
      "hourly allocation",
      429,
      "rate-limited",
      "Error: You have run over your hourly request allocation. Please upgrade at https://api.tiingo.com/pricing to have your limits increased.",
    ],
    [
      "monthly symbols",
      429,
      "plan-limit",
      "Error: You have run over your 500 symbol look up for this month. Please upgrade at https://api.tiingo.com/pricing to have your limits increased.",
    ],
    ["unfamiliar 429", 429, "rate-limited", "Slow down."],
    ["unfamiliar 400", 400, "bad-response", "Error: startDate is malformed."],
  ])("%s (HTTP %i) -> %s", (_label, status, kind, detail) => {
    const error = bodyFailure("AAPL", { detail }, status);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain("Tiingo");
    expect(error.message).toContain("AAPL");
  });

  it("a throttle text's wait is used when no Retry-After was sent; the header wins when it was", () => {
    const body = JSON.stringify({ detail: "Request was throttled. Expected available in 1800 seconds." });
    expect(failure("AAPL", { status: 429, body }).retryAfterSeconds).toBe(1800);
    expect(failure("AAPL", { status: 429, body, retryAfterSeconds: 60 }).retryAfterSeconds).toBe(60);
  });

  it("429 as plain text -> rate-limited, with or without Retry-After", () => {
    const withWait = failure("AAPL", { status: 429, body: "Too Many Requests", retryAfterSeconds: 3600 });
    expect(withWait.kind).toBe("rate-limited");
    expect(withWait.message).toContain("Tiingo asks to wait 3600 s");
    expect(failure("AAPL", { status: 429, body: "Too Many Requests" }).retryAfterSeconds).toBeNull();
  });

  it.each([500, 503])("HTTP %i -> unavailable", (status) => {
    expect(failure("AAPL", { status, body: "<html>oops</html>" }).kind).toBe("unavailable");
  });

  it("an HTML 404 (wrong base URL?) is bad-response, not unknown-symbol", () => {
    const error = failure("AAPL", { status: 404, body: "<h1>Not Found</h1>" });
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("HTTP 404");
  });
});
