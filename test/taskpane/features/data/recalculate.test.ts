import type { Progress } from "../../../../src/taskpane/common/workbook";
import { isMktFormula, isPendingValue } from "../../../../src/taskpane/features/data/mkt-cells";
import { recalculateMktFormulas } from "../../../../src/taskpane/features/data/recalculate";
import { FakeExcel } from "../../../support/fake-excel";

function workbook(): FakeExcel {
  const excel = FakeExcel.withSheets("Sectors", "Notes", "Rotation");
  excel.seed("Sectors", "B2", { formula: "=MKT.RSI(A2)", value: 50 });
  excel.seed("Sectors", "C2", { formula: '=MKT.TOTAL_RETURN(A2,"YTD")', value: 0.1 });
  excel.seed("Sectors", "D2", { formula: "=SUM(B2:C2)", value: 50.1 });
  excel.seed("Notes", "A1", "just text");
  excel.seed("Rotation", "Z40", { formula: '=1+MKT.ROTATION_SPREAD(Mag_7,"SPY","1M")', value: 1 });
  return excel;
}

describe("isMktFormula", () => {
  it.each([
    ["=MKT.RSI(A2)", true],
    ["=INDEX(MKT.MA_CROSS([@Ticker],50,200),1,2)", true],
    ['=-mkt.return(A1,"YTD")', true],
    ["=SUM(A1)", false],
    ["=XMKT.RSI(A1)", false],
    ["MKT.RSI(A1)", false],
    [42, false],
  ])("%j → %s", (formula, expected) => {
    expect(isMktFormula(formula)).toBe(expected);
  });

  it("knows the values of a cell still calculating", () => {
    expect(isPendingValue("#BUSY!")).toBe(true);
    expect(isPendingValue("#GETTING_DATA")).toBe(true);
    expect(isPendingValue("#N/A")).toBe(false);
  });
});

describe("recalculateMktFormulas", () => {
  it("counts MKT formulas per sheet and recalculates only the sheets that have some", async () => {
    const excel = workbook();
    const steps: Progress[] = [];
    const result = await recalculateMktFormulas(
      (step) => steps.push(step),
      excel.run,
      () => true,
    );

    expect(result).toEqual({ formulas: 3 });
    expect(excel.state.sheets.map((sheet) => [sheet.name, sheet.calculations])).toEqual([
      ["Sectors", 1],
      ["Notes", 0],
      ["Rotation", 1],
    ]);
    expect(excel.batch.log).toEqual(["sheet.calculate Sectors true", "sheet.calculate Rotation true"]);
    expect(steps).toEqual([
      { done: 1, total: 3, label: "Sectors: 2 MKT formulas" },
      { done: 2, total: 3, label: "Notes: 0 MKT formulas" },
      { done: 3, total: 3, label: "Rotation: 1 MKT formula" },
    ]);
  });

  it("falls back to one full calculation where sheets cannot be calculated one by one", async () => {
    const excel = workbook();
    const steps: Progress[] = [];
    const result = await recalculateMktFormulas(
      (step) => steps.push(step),
      excel.run,
      () => false,
    );
    expect(result).toEqual({ formulas: 3 });
    expect(excel.state.calculations).toEqual(["Full"]);
    expect(excel.state.sheets.every((sheet) => sheet.calculations === 0)).toBe(true);
    expect(steps.at(-1)).toEqual({ done: 4, total: 4, label: "Recalculated 3 MKT formulas" });
  });

  it("calculates nothing in a workbook without MKT formulas", async () => {
    const excel = FakeExcel.withSheets("Empty", "Text");
    excel.seed("Text", "A1", "hello");
    await expect(recalculateMktFormulas(undefined, excel.run, () => false)).resolves.toEqual({ formulas: 0 });
    expect(excel.batch.log).toEqual([]);
  });
});
