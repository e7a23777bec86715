import { clearRefusedCells, useHistorySource } from "../../../../src/addin";
import { evaluateFormula } from "../../../../src/functions";
import { stopAddinCells, useAddinCells } from "../../../../src/functions/cell-refusals";
import { MarketDataError } from "../../../../src/market";
import { createExcelWorkbook } from "../../../../src/taskpane/app/excel-workbook";
import type { CalculationWait } from "../../../../src/taskpane/common/excel/calculated-cells";
import { cellPlaceOf, retryRefusedCells } from "../../../../src/taskpane/features/data/retry-refused";
import { FakeExcel } from "../../../support/fake-excel";
import { makeSeries } from "../../../support/series-builder";

/** No real waiting in tests: each poll "sleeps" at once. */
function instantWait(timeoutMs = 1_000): CalculationWait & { slept: number[] } {
  const slept: number[] = [];
  return { timeoutMs, pollMs: 250, sleep: async (ms) => void slept.push(ms), slept };
}

/** A sheet whose RSI cells were refused (B2, B4) and one that computed (B3). */
function workbook(): FakeExcel {
  const excel = FakeExcel.withSheets("Q1 Sectors", "Notes");
  excel.seed("Q1 Sectors", "B2", { formula: "=MKT.RSI(A2)", value: "#N/A" });
  excel.seed("Q1 Sectors", "B3", { formula: "=MKT.RSI(A3)", value: 48 });
  excel.seed("Q1 Sectors", "B4", { formula: '=MKT.TOTAL_RETURN(A4,"YTD")', value: "#N/A" });
  excel.seed("Notes", "A1", "just text");
  return excel;
}

describe("where invocation.address points", () => {
  it.each([
    ["Sheet1!B2", { sheet: "Sheet1", cell: "B2" }],
    ["'Q1 Sectors'!$C$3", { sheet: "Q1 Sectors", cell: "C3" }],
    ["'O''Neil'!a1", { sheet: "O'Neil", cell: "A1" }],
    ["[Book1.xlsx]Sheet1!B2", { sheet: "Sheet1", cell: "B2" }],
    ["B2", null],
    ["Sheet1!B2:C3", null],
    ["!B2", null],
  ])("%s", (address, place) => {
    expect(cellPlaceOf(address)).toEqual(place);
  });
});

describe("Retry now in Excel", () => {
  it("calculates only the refused cells (Range.calculate, ExcelApi 1.6), waits for them and counts them", async () => {
    const excel = workbook();
    excel.state.evaluate = (formula) => (formula.includes("RSI") ? 51.5 : 0.04);
    const steps: string[] = [];
    const result = await retryRefusedCells(["'Q1 Sectors'!B2", "'Q1 Sectors'!B4", "'Q1 Sectors'!B2"], (step) => steps.push(step.label), {
      run: excel.run,
      supports: () => true,
      wait: instantWait(),
    });
    expect(result).toEqual({ formulas: 2, outcome: { cells: 2, errors: 0, pending: 0, messages: [] } });
    expect(excel.batch.log).toEqual(["range.calculate Q1 Sectors!B2", "range.calculate Q1 Sectors!B4"]);
    expect(excel.sheet("Q1 Sectors").cells.get("2,1")?.value).toBe(48); // B3 untouched
    expect(steps[0]).toBe("Recalculating 2 refused cells");
  });

  it("writes the formulas again on hosts without Range.calculate", async () => {
    const excel = workbook();
    excel.state.evaluate = () => 50;
    const result = await retryRefusedCells(["'Q1 Sectors'!B2"], undefined, { run: excel.run, supports: () => false, wait: instantWait() });
    expect(result.outcome).toMatchObject({ cells: 1, errors: 0 });
    expect(excel.batch.log).toEqual(["formulas Q1 Sectors!B2"]);
    expect(excel.sheet("Q1 Sectors").cells.get("1,1")).toMatchObject({ formula: "=MKT.RSI(A2)", value: 50 });
  });

  it("waits for cells still calculating, and counts those refused again as errors", async () => {
    const excel = workbook();
    const wait = instantWait();
    excel.state.evaluate = (formula) => (wait.slept.length < 2 ? "#BUSY!" : formula.includes("RSI") ? 51.5 : "#N/A");
    const result = await retryRefusedCells(["'Q1 Sectors'!B2", "'Q1 Sectors'!B4"], undefined, {
      run: excel.run,
      supports: () => true,
      wait,
    });
    expect(result.outcome).toEqual({ cells: 2, errors: 1, pending: 0, messages: [] });
    expect(wait.slept).toEqual([250, 250]);
  });

  it("forgets cells that no longer hold an MKT formula, or whose sheet is gone, and calculates nothing for them", async () => {
    const excel = workbook();
    excel.seed("Q1 Sectors", "B2", 42); // the formula was replaced by a number
    const forgotten: string[] = [];
    const result = await retryRefusedCells(["'Q1 Sectors'!B2", "Deleted!A1", "nonsense"], undefined, {
      run: excel.run,
      supports: () => true,
      wait: instantWait(),
      forget: (addresses) => forgotten.push(...addresses),
    });
    expect(result).toEqual({ formulas: 0, outcome: { cells: 0, errors: 0, pending: 0, messages: [] } });
    expect(forgotten).toEqual(["'Q1 Sectors'!B2", "Deleted!A1", "nonsense"]);
    expect(excel.batch.log).toEqual([]);
  });
});

describe("Retry now, from the functions' record to the cells", () => {
  const NOW = Date.UTC(2026, 11, 1, 14, 30, 40);
  let serving = false;
  beforeAll(() =>
    useHistorySource({
      get: async (ticker) => {
        if (!serving)
          throw new MarketDataError(
            "rate-limited",
            "Tiingo allows 50 requests an hour on the free plan; try again in 61 min",
            ticker,
            3_660,
          );
        return {
          ...makeSeries(
            ticker,
            Array.from({ length: 30 }, (_, i) => 100 + i),
          ),
          provider: "tiingo",
        };
      },
    }),
  );
  beforeEach(() => {
    clearRefusedCells();
    useAddinCells({ now: () => NOW, locale: "en-GB", timeZone: "Europe/London" });
  });
  afterEach(() => stopAddinCells());

  /** Excel calculating a cell: the MKT function runs with the cell's address, "#BUSY!" until it settles. */
  function excelRunningFunctions(cells: Record<string, string>): FakeExcel {
    const excel = FakeExcel.withSheets("Sectors");
    const settled = new Map<string, string | number>();
    const addressOf = new Map(Object.entries(cells).map(([cell, formula]) => [formula, `Sectors!${cell}`]));
    excel.state.evaluate = (formula) => {
      const known = settled.get(formula);
      if (known !== undefined) {
        settled.delete(formula);
        return known;
      }
      const ticker = /MKT\.PRICE\("(\w+)"\)/.exec(formula)![1];
      void evaluateFormula("PRICE", [ticker], { address: addressOf.get(formula) }).then((outcome) =>
        settled.set(formula, outcome.ok ? (outcome.value as number) : "#N/A"),
      );
      return "#BUSY!";
    };
    for (const [cell, formula] of Object.entries(cells)) excel.seed("Sectors", cell, { formula, value: "#BUSY!" });
    return excel;
  }

  it("the refused cells are queued with their retry time, and leave the queue as Retry now computes them", async () => {
    const excel = excelRunningFunctions({ B2: '=MKT.PRICE("IWM")', B3: '=MKT.PRICE("QQQ")' });
    const wait: CalculationWait = { timeoutMs: 2_000, pollMs: 10, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };
    const workbook = createExcelWorkbook({ run: excel.run, supports: () => true, wait });
    // Excel calculates both cells when they are entered; the limits refuse them.
    await Promise.all(["IWM", "QQQ"].map((ticker, i) => evaluateFormula("PRICE", [ticker], { address: `Sectors!B${i + 2}` })));
    expect(workbook.refused()).toEqual({
      cells: 2,
      firstRetryAt: NOW + 3_660_000,
      lastRetryAt: NOW + 3_660_000,
      message: "Tiingo allows 50 requests an hour on the free plan; recalculate after 15:32 (in 61 min)",
    });

    serving = true;
    const result = await workbook.retryRefused();
    expect(result).toEqual({ formulas: 2, outcome: { cells: 2, errors: 0, pending: 0, messages: [] } });
    expect(excel.batch.log).toEqual(["range.calculate Sectors!B2", "range.calculate Sectors!B3"]);
    expect(workbook.refused().cells).toBe(0);
  });
});
