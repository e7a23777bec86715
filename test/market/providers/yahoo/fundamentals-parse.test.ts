import { MarketDataError } from "../../../../src/market";
import { parseYahooQuotes, parseYahooQuoteSummary, YahooSummary, yahooNumber } from "../../../../src/market/providers/yahoo";
import { rejection } from "../../../support/market-errors";
import { fixtureText, loadWrapper, quotedSymbols, valuationFiles } from "../valuation/recordings";

/**
 * Every recorded Yahoo valuation body through its parser (FORMATS.md §1.2, §1.3): the v7 quote
 * answers and every quoteSummary module answer (plain numbers with formatted=false, `{raw, fmt}`
 * where Yahoo ignores it or without it). The contract test (fundamentals-contract.test.ts) runs the provider
 * itself over the quote answers; these are the module answers it reaches only for an equity whose
 * quote lacks EPS, so each is read here.
 */

const answer = (file: string): { status: number; body: string } => {
  const wrapper = file.includes("yfinance-rs_") ? { status: 200, body: fixtureText(file) } : loadWrapper(file);
  return { status: wrapper.status, body: wrapper.body };
};
const files = valuationFiles("yahoo");
const summaries = files.filter((file) => /quoteSummary|yfinance-rs_analysis/.test(file));
const quotes = files.filter(
  (file) => /quotes\/yahoo\/(2021\/)?(quote|quoteCombine)-.*\.json$/.test(file) || /yfinance-rs_quote_v7/.test(file),
);

const symbolOf = (file: string): string =>
  /-(AAPL|ADH|AMZN|BABA|BFLY|BTC-USD|GOOG|HISU-U\.TO|OCDO\.L|QQQ|MSFT)\.json$/.exec(file)?.[1] ?? "?";

/** What each 2025 ticker's modules say, from FORMATS.md §1.2 (one line per fact worth checking). */
const EXPECTED: Record<string, Partial<YahooSummary>> = {
  "defaultKeyStatistics-AAPL": { epsTrailing: 6.31, epsForward: 8.31, sharesOutstanding: 15022100480, peForward: null },
  "defaultKeyStatistics-BABA": { epsTrailing: 6.87, epsForward: 9.87, peForward: null }, // not its forwardPE 1.955 (USD ÷ CNY)
  "defaultKeyStatistics-BFLY": { epsTrailing: -0.47, epsForward: -0.33 },
  "defaultKeyStatistics-OCDO.L": { epsTrailing: -0.26, epsForward: null, peForward: null }, // not its forwardPE -860 (pence ÷ pounds)
  "defaultKeyStatistics-QQQ": { kind: "fund", epsTrailing: null },
  "defaultKeyStatistics-HISU-U.TO": { kind: "fund" },
  "summaryDetail-AAPL": { currency: "USD", peTrailing: 38.91442, peForward: 29.548735, marketCap: 3688676720640 },
  "summaryDetail-BABA": { peTrailing: 20.924309, peForward: 14.564337 },
  "summaryDetail-BFLY": { peTrailing: null, peForward: -13.030303 },
  "summaryDetail-QQQ": { peTrailing: 34.286358, peForward: null, marketCap: null },
  "summaryDetail-HISU-U.TO": { peTrailing: null, marketCap: null },
  "summaryDetail-OCDO.L": { currency: "GBp", marketCap: 2544151552 },
  "price-OCDO.L": { currency: "GBp", price: 309, kind: "equity", priceTime: 1740388757000 },
  "price-QQQ": { kind: "fund", price: 526.12, marketCap: 206817771520 },
  "price-BTC-USD": { kind: "crypto", marketCap: 1903960915968 },
  "price-ADH": { kind: "fund", price: null },
  "financialData-BABA": { financialCurrency: "CNY" },
  "financialData-OCDO.L": { financialCurrency: "GBP" },
  "earningsTrend-AAPL": { epsNextYear: { value: 8.19607, currency: "USD", endDate: "2026-09-30" } },
  "earningsTrend-BABA": { epsNextYear: { value: 73.52281, currency: "CNY", endDate: "2026-03-31" } },
  "earningsTrend-OCDO.L": { epsNextYear: { value: -0.35922, currency: "GBP", endDate: "2025-11-30" } },
};

describe("Yahoo quoteSummary: every recorded module answer", () => {
  it("has module answers to read (2025, 2021 and formatted)", () => {
    expect(summaries.length).toBeGreaterThanOrEqual(60);
  });

  it.each(summaries)("%s", async (file) => {
    const { status, body } = answer(file);
    const symbol = symbolOf(file);
    if (status === 404) {
      const error = await rejection(Promise.resolve().then(() => parseYahooQuoteSummary(symbol, { status, body })));
      expect(error).toMatchObject({ kind: "no-data", symbol });
      expect(error.message).toMatch(/No fundamentals data found/);
      return;
    }
    const summary = parseYahooQuoteSummary(symbol, { status, body });
    for (const [field, value] of Object.entries(summary)) {
      if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
      else if (field !== "epsNextYear") expect(value === null || typeof value === "string").toBe(true);
    }
    const key = /quoteSummary-(\w+-[A-Z.-]+)\.json$/.exec(file)?.[1];
    const expected = file.includes("/2021/") || key === undefined ? undefined : EXPECTED[key];
    if (expected !== undefined) expect(summary).toMatchObject(expected);
  });

  it("reads {raw, fmt} numbers where Yahoo formats them (yfinance-rs, no formatted=false)", () => {
    const trend = parseYahooQuoteSummary("AAPL", answer("fundamentals/yahoo/formatted/yfinance-rs_analysis_api_earningsTrend_AAPL.json"));
    expect(trend.epsNextYear).toMatchObject({ currency: "USD" });
    expect(trend.epsNextYear?.value).toBeGreaterThan(0);
    const financial = parseYahooQuoteSummary(
      "MSFT",
      answer("fundamentals/yahoo/formatted/yfinance-rs_analysis_api_financialData_MSFT.json"),
    );
    expect(financial.financialCurrency).toBe("USD");
  });

  it("treats Yahoo's placeholders as missing: {} and {raw: 0, fmt: null}; a real 0 stays 0", () => {
    expect(yahooNumber({})).toBeNull();
    expect(yahooNumber({ raw: 0, fmt: null, longFmt: "0" })).toBeNull();
    expect(yahooNumber({ raw: 0, fmt: "0" })).toBe(0);
    expect(yahooNumber({ raw: 541.55, fmt: "541.55" })).toBe(541.55);
    expect(yahooNumber(Number.NaN)).toBeNull();
    // OCDO.L's "0q" estimate: avg 0 with no end date, no analysts, no currency. Not an estimate.
    const ocado = parseYahooQuoteSummary("OCDO.L", answer("fundamentals/yahoo/quoteSummary-earningsTrend-OCDO.L.json"));
    expect(ocado.epsNextYear?.value).toBe(-0.35922);
  });
});

describe("Yahoo v7 quote: every recorded answer", () => {
  it.each(quotes)("%s", (file) => {
    const parsed = parseYahooQuotes("X", answer(file));
    const asked = file.includes("yfinance-rs_") ? null : quotedSymbols(file);
    if (asked !== null) {
      // One object per known symbol, in request order; unknown ones are simply absent.
      const known = asked.filter((symbol) => symbol !== "NONEXIST");
      expect(parsed.map((quote) => quote.symbol)).toEqual(known);
    }
    for (const quote of parsed) {
      for (const value of Object.values(quote.valuation)) {
        if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
      }
    }
  });

  it("reads kinds, the delisted ADH as empty, and what an equity's quote lacks", () => {
    const read = (file: string) => parseYahooQuotes("X", answer(file))[0];
    expect(read("quotes/yahoo/quote-QQQ.json").valuation.kind).toBe("fund");
    expect(read("quotes/yahoo/quote-BTC-USD.json").valuation.kind).toBe("crypto");
    expect(read("quotes/yahoo/quote-EURUSD=X.json").valuation.kind).toBe("currency");
    expect(read("quotes/yahoo/quote-ADH.json")).toMatchObject({ empty: true });
    expect(read("quotes/yahoo/quote-OCDO.L.json").lacks).toEqual({ epsTrailing: false, epsForward: true });
    expect(read("quotes/yahoo/quote-AAPL.json").lacks).toEqual({ epsTrailing: false, epsForward: false });
    expect(read("quotes/yahoo/quote-BABA.json")).toMatchObject({
      financialCurrency: "CNY",
      valuation: { epsTrailing: 4.81, epsForward: 9.87 },
    });
  });

  it("a 401 'Invalid Crumb' is the crumb refused (renewed by the provider); a 429 is rate-limited; HTML is bad-response", async () => {
    const crumb = fixtureText("quotes/yahoo/transcribed/http401_invalid_crumb_iprak-yahoofinance-94.json");
    expect(() => parseYahooQuotes("AAPL", { status: 401, body: crumb })).toThrow(/Invalid Crumb/);
    const limited = await rejection(
      Promise.resolve().then(() => parseYahooQuotes("AAPL", { status: 429, body: "Too Many Requests", retryAfterSeconds: 9 })),
    );
    expect(limited).toMatchObject({ kind: "rate-limited", retryAfterSeconds: 9 });
    const html = await rejection(Promise.resolve().then(() => parseYahooQuotes("AAPL", { status: 200, body: "<html></html>" })));
    expect(html).toBeInstanceOf(MarketDataError);
    expect(html.kind).toBe("bad-response");
  });
});
