import { evaluateFormula, FormulaName } from "../../src/functions/catalog";
import { isDateCell, DateCells } from "../../src/functions/date-cells";
import { useHistorySource } from "../../src/addin";
import { FixedHistorySource, makeSeries } from "../support/series-builder";

beforeAll(() =>
  useHistorySource(
    new FixedHistorySource({
      // SMA(2) crosses above SMA(3) on 2025-01-09 and below on 2025-01-15.
      CRS: makeSeries("CRS", [10, 9, 8, 7, 8, 9, 10, 11, 9, 8, 7]),
    }),
  ),
);

async function datesOf(name: FormulaName, ...args: unknown[]): Promise<DateCells> {
  const outcome = await evaluateFormula(name, args);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.dates;
}

describe("which result cells are dates", () => {
  it("the cross functions' single value is a date; MA_CROSS's second column is", async () => {
    expect(await datesOf("GOLDEN_CROSS", "CRS", 2, 3)).toEqual({ kind: "value" });
    expect(await datesOf("DEATH_CROSS", "CRS", 2, 3)).toEqual({ kind: "value" });
    const maCross = await datesOf("MA_CROSS", "CRS", 2, 3);
    expect([0, 1, 2].map((column) => isDateCell(maCross, 0, column))).toEqual([false, true, false]);
  });

  it("HISTORY's date columns, below its header rows", async () => {
    expect(await datesOf("HISTORY", "CRS", "2025-01-02")).toEqual({ kind: "columns", columns: [0], fromRow: 1 });
    expect(await datesOf("HISTORY", "CRS", "2025-01-02", null, "close,volume,date", 2)).toEqual({
      kind: "columns",
      columns: [2],
      fromRow: 2,
    });
    expect(await datesOf("HISTORY", "CRS", "2025-01-02", null, [[1, 5]], 0)).toEqual({ kind: "columns", columns: [], fromRow: 0 });
    const table = await datesOf("HISTORY", "CRS", "2025-01-02", null, "date,close", 1);
    expect(isDateCell(table, 0, 0)).toBe(false); // the "Date" header
    expect(isDateCell(table, 1, 0)).toBe(true);
    expect(isDateCell(table, 1, 1)).toBe(false);
  });

  it("no other function returns dates", async () => {
    expect(await datesOf("PRICE", "CRS")).toEqual({ kind: "none" });
    expect(await datesOf("SMA", "CRS", 2)).toEqual({ kind: "none" });
    expect(await datesOf("MACD", "CRS", 2, 3, 2)).toEqual({ kind: "none" });
  });
});
