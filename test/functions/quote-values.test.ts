import fc from "fast-check";
import { useQuoteSource } from "../../src/addin";
import type { LiveQuoteStats, QuoteListener, QuoteSource } from "../../src/addin";
import { evaluateFormula } from "../../src/functions";
import { parseQuoteField, QUOTE_FIELDS } from "../../src/functions/args/quote-fields";
import { FormulaError } from "../../src/functions/errors";
import { marketTimeSerial, streamQuote } from "../../src/functions/impl/quote";
import type { LiveQuote, QuoteTickerError, Ticker } from "../../src/market";

/** A source the test drives: it remembers each ticker's listeners and answers one-shot quotes from `quotes`. */
class DrivenSource implements QuoteSource {
  readonly listeners = new Map<string, Set<QuoteListener>>();
  readonly quotes = new Map<string, LiveQuote>();

  watch(ticker: Ticker, listener: QuoteListener): () => void {
    const set = this.listeners.get(ticker) ?? new Set();
    set.add(listener);
    this.listeners.set(ticker, set);
    return () => set.delete(listener);
  }

  async current(ticker: Ticker): Promise<LiveQuote> {
    const quote = this.quotes.get(ticker);
    if (quote === undefined) throw Object.assign(new Error("none"), { name: "MarketDataError" });
    return quote;
  }

  stats(): LiveQuoteStats {
    throw new Error("not used");
  }

  push(ticker: string, event: { quote: LiveQuote } | { error: QuoteTickerError }): void {
    for (const listener of this.listeners.get(ticker) ?? []) listener(event);
  }
}

const quote = (over: Partial<LiveQuote> = {}): LiveQuote => ({
  symbol: "IWM",
  provider: "yahoo",
  currency: "USD",
  price: 210.5,
  change: 2.5,
  changePct: 2.5 / 208,
  prevClose: 208,
  open: 209,
  dayHigh: 211,
  dayLow: 208.5,
  volume: 1_234_567,
  time: Date.parse("2026-07-01T19:59:58Z"),
  delayMinutes: null,
  fetchedAt: Date.parse("2026-07-01T20:00:01Z"),
  demo: false,
  ...over,
});

function cell() {
  const shown: (number | FormulaError)[] = [];
  return { shown, setResult: (value: number) => shown.push(value), fail: (error: FormulaError) => shown.push(error) };
}

let source: DrivenSource;
beforeEach(() => {
  source = new DrivenSource();
  useQuoteSource(source);
});
afterAll(() => useQuoteSource(null));

describe("QUOTE's field argument", () => {
  it("takes every field in any case, with spaces, hyphens or a % sign; price when omitted", () => {
    expect(QUOTE_FIELDS.map((field) => parseQuoteField(field.toUpperCase(), "field"))).toEqual(QUOTE_FIELDS);
    expect(parseQuoteField(null, "field")).toBe("price");
    expect(parseQuoteField("", "field")).toBe("price");
    expect(parseQuoteField(" Change % ", "field")).toBe("change_pct");
    expect(parseQuoteField("day-high", "field")).toBe("day_high");
    expect(parseQuoteField("prev close", "field")).toBe("prev_close");
  });

  it("refuses anything else with #VALUE! naming the fields", () => {
    for (const bad of ["bid", 3, true, [["price"]]]) {
      expect(() => parseQuoteField(bad, "field")).toThrow(
        expect.objectContaining({ code: "#VALUE!", message: expect.stringMatching(/^field: .* price, change, change_pct/) }),
      );
    }
  });
});

describe("QUOTE's time", () => {
  it("is an Excel date-time serial of New York time, in summer and in winter", () => {
    // 46204 is 1 July 2026; 15:59:58 EDT.
    expect(marketTimeSerial(Date.parse("2026-07-01T19:59:58Z"))).toBeCloseTo(46204 + (15 * 3600 + 59 * 60 + 58) / 86_400, 9);
    // 46085 is 4 March 2026; 09:30 EST.
    expect(marketTimeSerial(Date.parse("2026-03-04T14:30:00Z"))).toBeCloseTo(46085 + 9.5 / 24, 9);
  });
});

describe("a streaming QUOTE cell", () => {
  it("shows each new value of its field, once per change", () => {
    const shown = cell();
    streamQuote("iwm", "change_pct", shown);
    source.push("IWM", { quote: quote() });
    source.push("IWM", { quote: quote({ price: 210.6 }) });
    source.push("IWM", { quote: quote({ changePct: 0.02 }) });
    expect(shown.shown).toEqual([2.5 / 208, 0.02]);
  });

  it("keeps its value through a passing problem, and shows one while it has none", () => {
    const first = cell();
    streamQuote("IWM", null, first);
    const limited: QuoteTickerError = { symbol: "IWM", error: "rate-limited", message: "The plan allows 5 a minute", final: false };
    source.push("IWM", { error: limited });
    source.push("IWM", { quote: quote() });
    source.push("IWM", { error: limited });
    expect(first.shown).toEqual([expect.objectContaining({ code: "#N/A", message: "The plan allows 5 a minute" }), 210.5]);
  });

  it("shows an unknown ticker's #N/A with the reason, and a malformed one #VALUE!", () => {
    const unknown = cell();
    const malformed = cell();
    streamQuote("ZZZZ", null, unknown);
    streamQuote("AB", null, malformed);
    source.push("ZZZZ", { error: { symbol: "ZZZZ", error: "unknown-symbol", message: "Yahoo has no ZZZZ", final: true } });
    source.push("AB", { error: { symbol: "AB", error: "invalid-symbol", message: "AB is not a ticker", final: true } });
    expect(unknown.shown).toEqual([expect.objectContaining({ code: "#N/A", message: "Yahoo has no ZZZZ" })]);
    expect(malformed.shown).toEqual([expect.objectContaining({ code: "#VALUE!" })]);
  });

  it("fails bad arguments at once, without subscribing", () => {
    const shown = cell();
    const cancel = streamQuote("IWM, QQQ", null, shown);
    expect(shown.shown).toEqual([
      expect.objectContaining({ code: "#VALUE!", message: expect.stringMatching(/^ticker: expects one ticker/) }),
    ]);
    expect(source.listeners.size).toBe(0);
    cancel();
  });

  it("stops hearing quotes when cancelled", () => {
    const shown = cell();
    const cancel = streamQuote("IWM", null, shown);
    cancel();
    source.push("IWM", { quote: quote() });
    expect(shown.shown).toEqual([]);
  });

  const maybe = (arbitrary: fc.Arbitrary<number>) => fc.oneof(fc.constant(null), fc.constant(Number.NaN), fc.constant(Infinity), arbitrary);
  const quoteArb = fc.record({
    price: maybe(fc.double({ min: -1e6, max: 1e6, noNaN: true })),
    change: maybe(fc.double({ noNaN: true })),
    changePct: maybe(fc.double({ noNaN: true })),
    prevClose: maybe(fc.double({ noNaN: true })),
    volume: maybe(fc.integer({ min: 0 })),
    time: maybe(fc.integer({ min: Date.parse("2000-01-01"), max: Date.parse("2040-01-01") })),
    delayMinutes: maybe(fc.integer({ min: 0, max: 60 })),
  });

  it("never shows NaN, Infinity, null or undefined, whatever the quotes hold", () => {
    fc.assert(
      fc.property(fc.constantFrom(...QUOTE_FIELDS), fc.array(quoteArb, { minLength: 1, maxLength: 6 }), (field, quotes) => {
        const shown = cell();
        const cancel = streamQuote("IWM", field, shown);
        for (const values of quotes) source.push("IWM", { quote: quote(values as Partial<LiveQuote>) });
        cancel();
        for (const value of shown.shown) {
          if (value instanceof FormulaError) expect(value.message.trim()).not.toBe("");
          else expect(Number.isFinite(value)).toBe(true);
        }
      }),
    );
  });
});

describe("QUOTE evaluated once", () => {
  it("gives the current quote's field, and #N/A naming the field the provider does not give", async () => {
    source.quotes.set("IWM", quote());
    expect(await evaluateFormula("QUOTE", ["IWM", "volume"])).toMatchObject({ ok: true, value: 1_234_567 });
    expect(await evaluateFormula("QUOTE", ["IWM", "delay"])).toMatchObject({
      ok: false,
      error: { code: "#N/A", message: "IWM: yahoo does not say how much its quote lags" },
    });
    expect(await evaluateFormula("QUOTE", ["IWM", "bogus"])).toMatchObject({ ok: false, error: { code: "#VALUE!" } });
  });
});
