import { evaluateFormula, FORMULAS, FormulaName } from "../../src/functions/catalog";
import { useHistorySource } from "../../src/addin";
import { MarketDataError } from "../../src/market";
import { FixedHistorySource, makeSeries } from "../support/series-builder";
import { quarters, snapshot } from "./support/valuation-source";

const closes = Array.from({ length: 260 }, (_, i) => 100 + 10 * Math.sin(i / 9) + i / 10);

beforeAll(() => {
  const unknown = (symbol: string) =>
    new MarketDataError("unknown-symbol", `Yahoo has no data for ${symbol}: symbol may be delisted`, symbol);
  const histories = new FixedHistorySource(
    { AAA: makeSeries("AAA", closes, "2024-01-02"), BBB: makeSeries("BBB", closes.slice(0, 120), "2024-01-02") },
    unknown,
  );
  const snapshots: Record<string, ReturnType<typeof snapshot>> = { AAA: snapshot("AAA"), BBB: snapshot("BBB") };
  const eps = quarters("AAA", [
    ["2023-09-30", "2023-11-02", 1],
    ["2023-12-31", "2024-02-01", 1],
    ["2024-03-31", "2024-05-02", 1],
    ["2024-06-30", "2024-08-01", 1],
  ]);
  useHistorySource({
    get: (symbol) => histories.get(symbol),
    snapshot: async (symbol) => snapshots[symbol] ?? Promise.reject(unknown(symbol)),
    earnings: async (symbol) => (symbol === "AAA" ? eps : Promise.reject(unknown(symbol))),
  });
});

type Case = [FormulaName, unknown[], "#VALUE!" | "#N/A", RegExp];

const SINGLE_TICKER: FormulaName[] = ["PRICE", "SMA", "EMA", "RSI", "MACD", "GOLDEN_CROSS", "DEATH_CROSS", "MA_CROSS"];
const PERIOD_ARG: Partial<Record<FormulaName, number>> = { SMA: 1, EMA: 1, RSI: 1, BREADTH: 1 };

/** A valid call of each function, which the cases below spoil one argument at a time. */
const VALID: Record<FormulaName, unknown[]> = {
  PRICE: ["AAA", null, null],
  HISTORY: ["AAA", "1M", null, null, null],
  TOTAL_RETURN: ["AAA", "1M", null],
  ROTATION_SPREAD: ["AAA", "BBB", "1M", null],
  RELATIVE_STRENGTH: ["AAA", "BBB", "1M", null],
  SMA: ["AAA", 20, null],
  EMA: ["AAA", 20, null],
  RSI: ["AAA", 14, null],
  MACD: ["AAA", 12, 26, 9, null],
  GOLDEN_CROSS: ["AAA", 20, 50, null],
  DEATH_CROSS: ["AAA", 20, 50, null],
  MA_CROSS: ["AAA", 20, 50, null],
  BREADTH: ["AAA,BBB", 20, null],
  VALUATION: ["AAA", null, null, null],
  VALUATION_GAP: ["AAA", "BBB", null, null, null],
  QUOTE: ["AAA", null],
};

const with_ = (name: FormulaName, index: number, value: unknown) => VALID[name].map((v, i) => (i === index ? value : v));

const cases: Case[] = [];
for (const name of Object.keys(FORMULAS) as FormulaName[]) {
  const tickerName = ["TOTAL_RETURN", "BREADTH", "VALUATION"].includes(name)
    ? "tickers"
    : name === "ROTATION_SPREAD" || name === "VALUATION_GAP"
      ? "basketA"
      : name === "RELATIVE_STRENGTH"
        ? "a"
        : "ticker";
  cases.push(
    [name, with_(name, 0, ""), "#VALUE!", new RegExp(`^${tickerName}: no ticker given`)],
    [name, with_(name, 0, null), "#VALUE!", new RegExp(`^${tickerName}: no ticker given`)],
    [name, with_(name, 0, [[""], [""]]), "#VALUE!", new RegExp(`^${tickerName}: no ticker given`)],
    [name, with_(name, 0, "../etc/passwd"), "#VALUE!", new RegExp(`^${tickerName}: .*etc`)],
    [name, with_(name, 0, true), "#VALUE!", new RegExp(`^${tickerName}: expects ticker text`)],
    [name, with_(name, 0, "NOPE"), "#N/A", /NOPE/],
    [name, [...VALID[name], "extra"], "#VALUE!", new RegExp(`^${name}: takes at most`)],
  );
}
/** PRICE's date is its second argument; every other single-ticker function takes the date last. */
const dateIndex = (name: FormulaName) => (name === "PRICE" ? 1 : VALID[name].length - 1);
for (const name of SINGLE_TICKER) {
  cases.push(
    [name, with_(name, 0, "AAA, BBB"), "#VALUE!", /^ticker: expects one ticker, got 2/],
    [name, with_(name, dateIndex(name), "yesterday"), "#VALUE!", /^date: "yesterday" is not a date/],
    [name, with_(name, dateIndex(name), "2020-01-01"), "#N/A", /AAA has no close on or before 2020-01-01; its history starts 2024-01-02/],
    [name, with_(name, dateIndex(name), -3), "#VALUE!", /^date: -3 is not a valid Excel date/],
  );
}
for (const [name, index] of Object.entries(PERIOD_ARG) as [FormulaName, number][]) {
  for (const bad of ["abc", -5, 2.5, 0, 1e9, true]) {
    cases.push([name, with_(name, index, bad), "#VALUE!", /^period: must be a whole number/]);
  }
}
for (const name of ["MACD", "GOLDEN_CROSS", "DEATH_CROSS", "MA_CROSS"] as FormulaName[]) {
  cases.push(
    [name, with_(name, 2, 10), "#VALUE!", /^fast: \(\d+\) must be shorter than slow \(10\)/],
    [name, with_(name, 1, "x"), "#VALUE!", /^fast: must be a whole number/],
    [name, with_(name, 2, -1), "#VALUE!", /^slow: must be a whole number from 1/],
  );
}
cases.push(
  ["SMA", ["AAA", null, null], "#VALUE!", /^period: is required/],
  ["MACD", ["AAA", 12, 26, 0, null], "#VALUE!", /^signal: must be a whole number from 1/],
  ["SMA", ["AAA", 500, null], "#N/A", /^SMA\(500\) needs 500 closes; AAA has 260/],
  ["PRICE", ["AAA", null, "bid"], "#VALUE!", /^field: "bid" is not a field; use one of open, high, low, close, adjclose, volume/],
  ["HISTORY", ["AAA", null, null, null, null], "#VALUE!", /^start: is required/],
  ["HISTORY", ["AAA", "2024-06-01", "2024-03-01", null, null], "#VALUE!", /^start: 2024-06-01 is after end 2024-03-01/],
  ["HISTORY", ["AAA", "1M", null, "date,price", null], "#VALUE!", /^fields: "price" is not a field/],
  ["HISTORY", ["AAA", "1M", null, null, 7], "#VALUE!", /^headers: 7 must be 0/],
  ["TOTAL_RETURN", ["AAA", null, null], "#VALUE!", /^start: is required/],
  ["TOTAL_RETURN", ["AAA", "soon", null], "#VALUE!", /^start: "soon" is not a date/],
  ["TOTAL_RETURN", ["AAA", "2024-06-01", "2024-03-01"], "#VALUE!", /^start: 2024-06-01 is after end 2024-03-01/],
  ["TOTAL_RETURN", ["AAA", "2020-01-01", null], "#N/A", /AAA has no close on or before 2020-01-01/],
  ["TOTAL_RETURN", ["AAA,NOPE", "1M", null], "#N/A", /NOPE/],
  ["ROTATION_SPREAD", ["AAA", "", "1M", null], "#VALUE!", /^basketB: no ticker given/],
  ["ROTATION_SPREAD", ["AAA", [[""]], "1M", null], "#VALUE!", /^basketB: no ticker given/],
  ["RELATIVE_STRENGTH", ["AAA", "NOPE", "1M", null], "#N/A", /NOPE/],
  ["BREADTH", [[["AAA"], ["BBB"]], 200, null], "#N/A", /^SMA\(200\) needs 200 closes; BBB has 120/],
  ["VALUATION", ["AAA", "pe", null, null], "#VALUE!", /^measure: "pe" is not a measure; use one of trailing_pe, forward_pe/],
  ["VALUATION", ["AAA", 3, null, null], "#VALUE!", /^measure: 3 is not a measure/],
  ["VALUATION", ["AAA", "coverage:coverage", null, null], "#VALUE!", /^measure: "coverage:coverage" is not a measure/],
  ["VALUATION", ["AAA", "trailing_pe:x", null, null], "#VALUE!", /^measure: "trailing_pe:x" is not a measure/],
  ["VALUATION", ["AAA", null, "mean", null], "#VALUE!", /^method: "mean" is not a method; use aggregate, harmonic or median/],
  ["VALUATION", ["AAA", null, 2, null], "#VALUE!", /^method: 2 is not a method/],
  [
    "VALUATION",
    ["AAA", "market_cap", "harmonic", null],
    "#VALUE!",
    /^method: harmonic applies to trailing_pe, forward_pe and earnings_yield/,
  ],
  ["VALUATION", ["AAA", "earnings_growth", "harmonic", null], "#VALUE!", /^method: harmonic applies to/],
  [
    "VALUATION",
    ["AAA", "forward_pe", null, "2024-06-03"],
    "#VALUE!",
    /^date: forward_pe rests on forward \(consensus\) EPS, which is current only/,
  ],
  ["VALUATION", ["AAA", null, null, "2024-06-03"], "#VALUE!", /^date: forward_pe rests on forward/],
  ["VALUATION", ["AAA", "eps_forward", null, "1Y"], "#VALUE!", /^date: eps_forward rests on forward/],
  ["VALUATION", ["AAA", "market_cap", null, "2024-06-03"], "#VALUE!", /^date: market_cap is current only/],
  ["VALUATION", ["AAA", "trailing_pe", null, "yesterday"], "#VALUE!", /^date: "yesterday" is not a date/],
  ["VALUATION", ["AAA", "trailing_pe", null, -3], "#VALUE!", /^date: -3 is not a valid Excel date/],
  [
    "VALUATION",
    ["AAA,BBB", "eps_ttm", null, null],
    "#VALUE!",
    /^measure: eps_ttm is per share, so a basket has none \(tickers holds 2 tickers\)/,
  ],
  [
    "VALUATION",
    ["AAA", "trailing_pe", null, "2020-01-01"],
    "#N/A",
    /^AAA has no close on or before 2020-01-01; its history starts 2024-01-02/,
  ],
  ["VALUATION", ["AAA", "trailing_pe", null, "2024-03-01"], "#N/A", /^AAA has only 2 quarterly EPS reported on or before 2024-03-01/],
  ["VALUATION", ["BBB", "trailing_pe", null, "2024-03-01"], "#N/A", /BBB.*Alpha Vantage \(EARNINGS\), FMP \(earnings\) and Polygon/],
  ["VALUATION", ["AAA,NOPE", null, null, null], "#N/A", /NOPE/],
  ["VALUATION_GAP", ["AAA", "", null, null, null], "#VALUE!", /^basketB: no ticker given/],
  ["VALUATION_GAP", ["AAA", [[""]], null, null, null], "#VALUE!", /^basketB: no ticker given/],
  ["VALUATION_GAP", ["AAA", "BBB", "coverage:nope", null, null], "#VALUE!", /^measure: "coverage:nope" is not a measure/],
  ["VALUATION_GAP", ["AAA", "BBB", null, "avg", null], "#VALUE!", /^method: "avg" is not a method/],
  ["VALUATION_GAP", ["AAA", "BBB", null, null, "2024-06-03"], "#VALUE!", /^date: forward_pe rests on forward/],
  ["VALUATION_GAP", ["AAA,BBB", "BBB", "eps_forward", null, null], "#VALUE!", /^measure: eps_forward is per share.*basketA holds 2/],
  ["VALUATION_GAP", ["AAA", "AAA,BBB", "eps_ttm", null, null], "#VALUE!", /^measure: eps_ttm is per share.*basketB holds 2/],
  ["VALUATION_GAP", ["AAA", "NOPE", null, null, null], "#N/A", /NOPE/],
);

const PENDING = Symbol("pending");

describe("every function turns bad input into an Excel error with a message", () => {
  it.each(cases)("%s(%j) → %s %p", async (name, args, code, message) => {
    const timeout = new Promise((resolve) => setTimeout(resolve, 2000, PENDING));
    const outcome = await Promise.race([evaluateFormula(name, args), timeout]);
    expect(outcome).not.toBe(PENDING);
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    const { error } = outcome as { error: Error };
    expect(error.message).toMatch(message);
  });

  it("covers every function", () => {
    const covered = new Set(cases.map(([name]) => name));
    expect([...covered].sort()).toEqual(Object.keys(FORMULAS).sort());
    expect(cases.length).toBeGreaterThan(150);
  });

  it("reports a failure below the functions layer as #N/A, never as an exception", async () => {
    useHistorySource({ get: () => Promise.reject(new TypeError("boom")) });
    const outcome = await evaluateFormula("RSI", ["AAA"]);
    expect(outcome).toMatchObject({ ok: false, error: { code: "#N/A", message: "Unexpected failure: boom" } });
  });
});
