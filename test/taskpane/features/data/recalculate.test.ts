import type { Progress } from "../../../../src/taskpane/common/workbook";
import type { CalculationWait } from "../../../../src/taskpane/common/excel/calculated-cells";
import { isMktFormula, isPendingValue } from "../../../../src/taskpane/features/data/mkt-cells";
import { recalculateMktFormulas } from "../../../../src/taskpane/features/data/recalculate";
import { FakeExcel } from "../../../support/fake-excel";

/** No real waiting in tests: each poll "sleeps" at once, and the time adds up. */
function instantWait(timeoutMs = 1_000): CalculationWait & { slept: number[] } {
  const slept: number[] = [];
  return { timeoutMs, pollMs: 250, sleep: async (ms) => void slept.push(ms), slept };
}
const ALL_OK = { cells: 3, errors: 0, pending: 0, messages: [] };

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
      instantWait(),
    );

    expect(result).toEqual({ formulas: 3, outcome: ALL_OK });
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
      instantWait(),
    );
    expect(result).toEqual({ formulas: 3, outcome: ALL_OK });
    expect(excel.state.calculations).toEqual(["Full"]);
    expect(excel.state.sheets.every((sheet) => sheet.calculations === 0)).toBe(true);
    expect(steps.at(-1)).toEqual({ done: 4, total: 4, label: "Recalculated 3 MKT formulas" });
  });

  it("calculates nothing in a workbook without MKT formulas", async () => {
    const excel = FakeExcel.withSheets("Empty", "Text");
    excel.seed("Text", "A1", "hello");
    await expect(recalculateMktFormulas(undefined, excel.run, () => false, instantWait())).resolves.toEqual({
      formulas: 0,
      outcome: { cells: 0, errors: 0, pending: 0, messages: [] },
    });
    expect(excel.batch.log).toEqual([]);
  });

  it("counts the recalculated MKT cells that show errors, and ignores errors of other formulas", async () => {
    const excel = workbook();
    excel.seed("Sectors", "B3", { formula: "=MKT.RSI(A3)", value: "#N/A" });
    excel.seed("Sectors", "E2", { formula: "=1/0", value: "#DIV/0!" });
    excel.seed("Notes", "B1", "#N/A");
    const result = await recalculateMktFormulas(undefined, excel.run, () => true, instantWait());
    expect(result).toEqual({ formulas: 4, outcome: { cells: 4, errors: 1, pending: 0, messages: [] } });
  });

  it("waits for cells still calculating and counts them once they settle", async () => {
    const excel = workbook();
    const wait = instantWait();
    // An async function still fetching: busy until the pane has waited twice, then an error.
    excel.state.evaluate = () => (wait.slept.length < 2 ? "#BUSY!" : "#N/A");
    excel.sheet("Sectors").cells.get("1,1")!.value = "#BUSY!";
    excel.sheet("Sectors").cells.get("1,1")!.calculating = true;
    const steps: Progress[] = [];
    const result = await recalculateMktFormulas(
      (step) => steps.push(step),
      excel.run,
      () => true,
      wait,
    );
    expect(result.outcome).toEqual({ cells: 3, errors: 1, pending: 0, messages: [] });
    expect(wait.slept).toEqual([250, 250]);
    expect(steps).toContainEqual({ done: 2, total: 3, label: "Waiting for 1 cell to calculate" });
  });

  it("stops waiting after the time limit and counts what is still busy as pending", async () => {
    const excel = workbook();
    excel.state.evaluate = () => "#BUSY!";
    excel.sheet("Rotation").cells.get("39,25")!.value = "#BUSY!";
    excel.sheet("Rotation").cells.get("39,25")!.calculating = true;
    const wait = instantWait(1_000);
    const result = await recalculateMktFormulas(undefined, excel.run, () => true, wait);
    expect(result.outcome).toEqual({ cells: 3, errors: 0, pending: 1, messages: [] });
    expect(wait.slept.reduce((sum, ms) => sum + ms, 0)).toBe(1_000);
  });
});
