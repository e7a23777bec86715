import {
  isFinalQuoteError,
  liveQuoteFromJson,
  MarketDataError,
  quoteChanged,
  quoteStreamPath,
  quoteSubscriptionsPath,
  quoteTickerErrorFromJson,
  RateCounter,
} from "../../../src/market";
import type { LiveQuote } from "../../../src/market";

const QUOTE: LiveQuote = {
  symbol: "IWM",
  provider: "yahoo",
  currency: "USD",
  price: 230.5,
  change: 1.5,
  changePct: 0.00655,
  prevClose: 229,
  open: 229.5,
  dayHigh: 231,
  dayLow: 228.9,
  volume: 1_000_000,
  time: 1_796_223_600_000,
  delayMinutes: 15,
  fetchedAt: 1_796_223_601_000,
  demo: false,
};

describe("the stream's paths", () => {
  it("escape the provider and the stream id", () => {
    expect(quoteStreamPath("yahoo")).toBe("/api/quotes/yahoo/stream");
    expect(quoteSubscriptionsPath("yahoo", "a/b")).toBe("/api/quotes/yahoo/subscriptions/a%2Fb");
  });
});

describe("isFinalQuoteError", () => {
  it.each([
    ["unknown-symbol", null, true],
    ["invalid-symbol", null, true],
    ["no-data", null, true],
    ["invalid-key", null, true],
    ["plan-limit", null, true],
    ["plan-limit", 60, false],
    ["rate-limited", 60, false],
    ["unavailable", null, false],
    ["bad-response", null, false],
  ] as const)("%s (retry after %s) is final: %s", (kind, retryAfterSeconds, final) => {
    expect(isFinalQuoteError({ kind, retryAfterSeconds })).toBe(final);
  });
});

describe("liveQuoteFromJson", () => {
  it("reads back a quote sent as JSON", () => {
    expect(liveQuoteFromJson(JSON.parse(JSON.stringify(QUOTE)))).toEqual(QUOTE);
  });

  it("reads missing numbers as null, never as NaN or undefined", () => {
    const quote = liveQuoteFromJson({ symbol: "IWM", provider: "yahoo", currency: null, fetchedAt: 1 });
    expect(Object.values(quote).every((value) => value !== undefined && !Number.isNaN(value))).toBe(true);
    expect(quote.price).toBeNull();
  });

  it.each([
    ["no symbol", { ...QUOTE, symbol: "" }],
    ["a price as text", { ...QUOTE, price: "230.5" }],
    ["an infinite change", { ...QUOTE, change: Infinity }],
    ["no fetch time", { ...QUOTE, fetchedAt: undefined }],
    ["not an object", [QUOTE]],
  ])("refuses a quote with %s (bad-response)", (_what, value) => {
    expect(() => liveQuoteFromJson(value)).toThrow(MarketDataError);
  });
});

describe("quoteTickerErrorFromJson", () => {
  it("keeps a retry time only when it is a number", () => {
    expect(quoteTickerErrorFromJson({ symbol: "X", error: "rate-limited", message: "m", final: false, retryAfterSeconds: 5 })).toEqual({
      symbol: "X",
      error: "rate-limited",
      message: "m",
      final: false,
      retryAfterSeconds: 5,
    });
    expect(
      quoteTickerErrorFromJson({ symbol: "X", error: "unknown-symbol", message: "m", final: true, retryAfterSeconds: "soon" }),
    ).toEqual({
      symbol: "X",
      error: "unknown-symbol",
      message: "m",
      final: true,
    });
    expect(() => quoteTickerErrorFromJson({ symbol: "X", error: "oops", message: "m" })).toThrow(MarketDataError);
  });
});

describe("quoteChanged", () => {
  it("ignores only when the quote was fetched", () => {
    expect(quoteChanged(undefined, QUOTE)).toBe(true);
    expect(quoteChanged(QUOTE, { ...QUOTE, fetchedAt: QUOTE.fetchedAt + 15_000 })).toBe(false);
    expect(quoteChanged(QUOTE, { ...QUOTE, price: 230.51 })).toBe(true);
    expect(quoteChanged(QUOTE, { ...QUOTE, time: QUOTE.time! + 1 })).toBe(true);
    expect(quoteChanged(QUOTE, { ...QUOTE, volume: null })).toBe(true);
  });
});

describe("RateCounter", () => {
  it("counts the last minute in seconds of the caller's clock", () => {
    const counter = new RateCounter();
    counter.add(0, 3);
    counter.add(30_000);
    counter.add(59_999, 2);
    expect(counter.perMinute(59_999)).toBe(6);
    expect(counter.perMinute(60_000)).toBe(3);
    expect(counter.perMinute(120_000)).toBe(0);
    expect(counter.count).toBe(6);
  });
});
