import { MarketDataError, parseTicker } from "../../../../src/market";
import { buildLiveQuote, changeFraction, inBatches, QuoteDraft, quoteTime } from "../../../../src/market/providers/shared";

describe("quoteTime: every timestamp format providers send, in milliseconds", () => {
  const instant = Date.parse("2025-02-14T21:00:00Z");
  it.each([
    ["Unix seconds (Yahoo, FMP, Twelve Data)", 1739566800, instant],
    ["Unix seconds as text", "1739566800", instant],
    ["milliseconds", 1739566800123, instant + 123],
    ["microseconds", 1739566800123456, instant + 123],
    ["nanoseconds beyond 2^53, as JSON rounds them (Polygon)", JSON.parse("1651251948294080343") as number, 1651251948294],
    ["nanoseconds as text, exactly", "1651251948294080343", 1651251948294],
    ["ISO with offset and nine fractional digits (Tiingo)", "2020-07-20T11:05:47.516724714-04:00", Date.parse("2020-07-20T15:05:47.516Z")],
    ["ISO with an offset without colon (FMP)", "2024-01-31T10:59:00.000+0000", Date.parse("2024-01-31T10:59:00Z")],
    ["ISO in UTC", "2025-02-14T21:00:00Z", instant],
    ["ISO without seconds", "2025-02-14T16:00-05:00", instant],
  ])("%s", (_what, value, expected) => {
    expect(quoteTime(value)).toBe(expected);
  });

  it.each([
    ["a date without a time (Alpha Vantage's trading day)", "2020-05-08"],
    ["a time without an offset (Alpha Vantage's bulk quotes)", "2024-10-18 19:59:55.291"],
    ["zero", 0],
    ["negative", -5],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["null", null],
    ["text", "yesterday"],
    ["an impossible date", "2025-02-30T10:00:00Z"],
  ])("%s is not an instant: null", (_what, value) => {
    expect(quoteTime(value)).toBeNull();
  });
});

describe("changeFraction: percent, fraction, and text with or without %", () => {
  it.each([
    ["percent number (Yahoo v7, FMP, Polygon)", 1.2710667, "percent", 0.012710667],
    ["fraction number (Yahoo quoteSummary)", -0.0011389935, "fraction", -0.0011389935],
    ["text with % (Alpha Vantage)", "0.4207%", "percent", 0.004207],
    ["negative text with %", "-0.5852%", "percent", -0.005852],
    ["text with % even where fractions are expected", "2%", "fraction", 0.02],
    ["text without % in percent (Twelve Data)", "0.59074", "percent", 0.0059074],
    ["text with a space before %", "1.5 %", "percent", 0.015],
  ])("%s", (_what, value, unit, expected) => {
    expect(changeFraction(value, unit as "percent" | "fraction")).toBeCloseTo(expected, 12);
  });

  it.each([["None"], ["-"], [""], ["%"], [null], [Number.NaN], [{}]])("%p is missing: null", (value) => {
    expect(changeFraction(value, "percent")).toBeNull();
  });
});

describe("buildLiveQuote", () => {
  const draft = (fields: Partial<QuoteDraft>): QuoteDraft => ({
    symbol: parseTicker("AAPL"),
    provider: "test",
    fetchedAt: 1,
    currency: "USD",
    price: 100,
    change: null,
    changePct: null,
    prevClose: null,
    open: null,
    dayHigh: null,
    dayLow: null,
    volume: null,
    time: null,
    delayMinutes: null,
    ...fields,
  });

  it("computes the change and its fraction from the previous close when the provider sends neither (Tiingo)", () => {
    const quote = buildLiveQuote(draft({ price: 244.6, prevClose: 241.53 }), "Test");
    expect(quote.change).toBe(3.07);
    expect(quote.changePct).toBeCloseTo(3.07 / 241.53, 12);
  });

  it("keeps the provider's change and fraction when it sends them", () => {
    const quote = buildLiveQuote(draft({ price: 244.6, prevClose: 241.53, change: 3.0700073, changePct: 0.012710667 }), "Test");
    expect([quote.change, quote.changePct]).toEqual([3.0700073, 0.012710667]);
  });

  it("converts a quote in pence to pounds, every price and the change", () => {
    const quote = buildLiveQuote(
      draft({ currency: "GBp", price: 308.8, prevClose: 315.2, change: -6.4, open: 308.2, dayHigh: 315.4, dayLow: 308.2 }),
      "Test",
    );
    expect(quote).toMatchObject({
      currency: "GBP",
      price: 3.088,
      prevClose: 3.152,
      change: -0.064,
      open: 3.082,
      dayHigh: 3.154,
      dayLow: 3.082,
    });
  });

  it("drops prices that are not positive and values that are not finite, never passing NaN on", () => {
    const quote = buildLiveQuote(
      draft({
        open: 0,
        dayHigh: -1,
        dayLow: Number.NaN,
        volume: -3,
        change: Number.POSITIVE_INFINITY,
        delayMinutes: -15,
        time: Number.NaN,
      }),
      "Test",
    );
    expect(quote).toMatchObject({
      open: null,
      dayHigh: null,
      dayLow: null,
      volume: null,
      change: null,
      changePct: null,
      delayMinutes: null,
      time: null,
    });
  });

  it("is no-data without a price, naming the ticker", () => {
    expect(() => buildLiveQuote(draft({ price: null }), "Test")).toThrow(MarketDataError);
    expect(() => buildLiveQuote(draft({ price: 0 }), "Test")).toThrow(/Test has no current price for AAPL/);
  });
});

describe("inBatches", () => {
  it.each([
    [0, 50, 0],
    [1, 50, 1],
    [50, 50, 1],
    [51, 50, 2],
    [120, 8, 15],
    [7, 1, 7],
  ])("%i items in batches of %i: %i batches", (count, size, batches) => {
    const items = Array.from({ length: count }, (_, i) => i);
    const made = inBatches(items, size);
    expect(made).toHaveLength(batches);
    expect(made.flat()).toEqual(items);
    expect(made.every((batch) => batch.length <= size)).toBe(true);
  });
});
