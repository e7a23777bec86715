import type { Basket } from "../../../src/baskets/basket";
import { createExcelWorkbook } from "../../../src/taskpane/app/excel-workbook";
import { FakeExcel } from "../../support/fake-excel";

const kings: Basket = { name: "MidCapKings", label: "Mid-cap kings", tickers: ["CAT", "DCI"], preset: false };

describe("createExcelWorkbook", () => {
  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
  });

  it("goes through the global Excel.run when no runner is given", async () => {
    const excel = FakeExcel.withSheets("Sheet1");
    let runs = 0;
    (globalThis as { Excel?: unknown }).Excel = { run: (batch: never) => (runs++, excel.run(batch)) };
    const workbook = createExcelWorkbook();
    expect(workbook.kind).toBe("excel");
    await workbook.baskets.save(kings);
    expect(await workbook.baskets.list()).toEqual([kings]);
    expect(runs).toBe(2);
  });

  it("wires tables, rotation view, recalculation and freeze to the same workbook", async () => {
    const excel = FakeExcel.withSheets("Sheet1");
    const workbook = createExcelWorkbook({
      run: excel.run,
      supports: () => true,
      now: () => new Date(2026, 0, 16),
      demo: () => true,
      wait: { timeoutMs: 0, pollMs: 1, sleep: async () => undefined },
    });
    await workbook.baskets.save(kings);
    const table = await workbook.insertSectorTable(
      { basket: kings, metrics: ["rsi"], benchmark: { kind: "ticker", ticker: "IWM" }, summaryPeriod: "YTD" },
      "new-sheet",
    );
    expect(table.address).toBe("Sheet 'MidCapKings' A1:B8");
    expect(table.outcome).toEqual({ cells: 2 + 3, errors: 0, pending: 0, messages: [] });
    expect(excel.cell("MidCapKings", "A1").value).toMatch(/demo data, not market prices$/);
    const view = await workbook.insertRotationView({
      baskets: [kings],
      benchmark: { kind: "ticker", ticker: "SPY" },
      periods: ["1M"],
      chartSpan: "1M",
    });
    expect(view.tableName).toBe("Rotation_Spreads");
    // Sector table: 2 RSI cells + 3 summary lines; rotation view: 1 spread + 5 weekly relative strengths.
    expect(await workbook.recalculate()).toEqual({
      formulas: 2 + 3 + 1 + 5,
      outcome: { cells: 2 + 3 + 1 + 5, errors: 0, pending: 0, messages: [] },
    });
    excel.select("MidCapKings", "A1:B8");
    const frozen = await workbook.freeze("selection", { provider: "Demo data", asOf: new Date(0) });
    expect(frozen).toEqual({ address: "Sheet 'MidCapKings' A1:B8", frozenCells: 5, errorCells: 0 });
  });
});
