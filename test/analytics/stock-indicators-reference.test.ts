import { rsi, sma } from "../../src/analytics";
import { compare, readStockIndicatorsCloses, readStockIndicatorsResult } from "./reference-data";

/**
 * Stock.Indicators' standard tests use RSI(14) and SMA(20) on its 502-bar default series;
 * the first non-null index (14 and 19) confirms the periods. The expected values are
 * printed with 10 to 17 significant decimals (full double precision), so 1e-9 absolute
 * is well above their rounding and far below any real difference.
 */
const TOLERANCE = 1e-9;
const closes = Float64Array.from(readStockIndicatorsCloses("default.csv"));

describe("Stock.Indicators reference (default.csv closes)", () => {
  it("has 502 closes", () => {
    expect(closes.length).toBe(502);
  });

  it("RSI(14) matches rsi.standard.json", () => {
    const expected = readStockIndicatorsResult("rsi.standard.json", "rsi");
    expect(expected.findIndex((v) => v !== null)).toBe(14);
    const result = compare(rsi(closes, 14), expected);
    expect(result.warmUpMismatches).toEqual([]);
    expect(result.compared).toBe(488);
    expect(result.maxError).toBeLessThanOrEqual(TOLERANCE);
  });

  it("SMA(20) matches sma.standard.json", () => {
    const expected = readStockIndicatorsResult("sma.standard.json", "sma");
    expect(expected.findIndex((v) => v !== null)).toBe(19);
    const result = compare(sma(closes, 20), expected);
    expect(result.warmUpMismatches).toEqual([]);
    expect(result.compared).toBe(483);
    expect(result.maxError).toBeLessThanOrEqual(TOLERANCE);
  });
});
