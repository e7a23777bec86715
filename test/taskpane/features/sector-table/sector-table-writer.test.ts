import type { Basket } from "../../../../src/baskets/basket";
import { Mag7 } from "../../../../src/baskets/presets";
import type { SectorTableRequest } from "../../../../src/workbook";
import type { Progress } from "../../../../src/taskpane/common/workbook";
import { ExcelBasketStorage } from "../../../../src/taskpane/features/baskets/excel/excel-basket-storage";
import { ALL_METRICS } from "../../../../src/taskpane/features/sector-table/sector-metrics";
import { writeSectorTable } from "../../../../src/taskpane/features/sector-table/sector-table-writer";
import { FakeExcel } from "../../../support/fake-excel";

/** No real waiting in tests: each poll "sleeps" at once. */
const instant = { timeoutMs: 1_000, pollMs: 250, sleep: async () => undefined };

const kings: Basket = { name: "MidCapKings", label: "Mid-cap kings", tickers: ["CAT", "DCI", "TTMI"], preset: false };
const request: SectorTableRequest = {
  basket: kings,
  metrics: ["price", "rsi", "return1M", "crossDate", "distance200"],
  benchmark: { kind: "ticker", ticker: "IWM" },
  summaryPeriod: "YTD",
};

function sheetWithSelection(address = "B3"): FakeExcel {
  const excel = FakeExcel.withSheets("Sheet1", "Other");
  excel.select("Sheet1", address);
  return excel;
}

describe("writeSectorTable at the selection", () => {
  it("writes title, table, live formulas per ticker row and the summary below", async () => {
    const excel = sheetWithSelection("B3");
    const result = await writeSectorTable(request, "selection", undefined, excel.run);

    expect(result).toEqual({
      address: "Sheet 'Sheet1' B3:G11",
      tableName: "MidCapKings_Sector",
      outcome: { cells: 3 * 5 + 3, errors: 0, pending: 0, messages: [] },
    });
    expect(excel.table("MidCapKings_Sector")).toEqual({ sheet: "Sheet1", address: "B4:G7" });
    expect(excel.cell("Sheet1", "B3").value).toBe("Mid-cap kings (MidCapKings)");
    expect(excel.values("Sheet1", "B4:G4")).toEqual([["Ticker", "Last", "RSI(14)", "1M", "Cross date", "vs SMA 200"]]);
    expect(excel.formulas("Sheet1", "B5:G5")).toEqual([
      [
        "CAT",
        "=MKT.PRICE([@Ticker])",
        "=MKT.RSI([@Ticker])",
        '=MKT.TOTAL_RETURN([@Ticker],"1M")',
        "=INDEX(MKT.MA_CROSS([@Ticker],50,200),1,2)",
        '=MKT.PRICE([@Ticker],,"adjclose")/MKT.SMA([@Ticker],200)-1',
      ],
    ]);
    expect(excel.formulas("Sheet1", "B6:C7")).toEqual([
      ["DCI", "=MKT.PRICE([@Ticker])"],
      ["TTMI", "=MKT.PRICE([@Ticker])"],
    ]);
    expect(excel.values("Sheet1", "B8:C8")).toEqual([["", ""]]);
    expect(excel.formulas("Sheet1", "B9:C11")).toEqual([
      ["Basket return YTD", '=MKT.TOTAL_RETURN(MidCapKings_Sector[Ticker],"YTD")'],
      ["Spread vs IWM YTD", '=MKT.ROTATION_SPREAD(MidCapKings_Sector[Ticker],"IWM","YTD")'],
      ["Breadth (above SMA 50)", "=MKT.BREADTH(MidCapKings_Sector[Ticker],50)"],
    ]);
  });

  it("formats each column by its kind and keeps tickers as text", async () => {
    const excel = sheetWithSelection("B3");
    await writeSectorTable(request, "selection", undefined, excel.run);
    expect(excel.numberFormats("Sheet1", "B5:G7")).toEqual(
      Array.from({ length: 3 }, () => ["@", "#,##0.00", "0.0", "0.0%", "yyyy-mm-dd", "0.0%"]),
    );
    expect(excel.numberFormats("Sheet1", "C9:C11").flat()).toEqual(["0.0%", "0.0%", "0.0%"]);
    expect(excel.sheet("Sheet1").fonts.get("2,1")).toMatchObject({ bold: true, size: 14 });
  });

  it("adds RSI bands and signed-return highlights on the body of those columns only", async () => {
    const excel = sheetWithSelection("B3");
    await writeSectorTable(request, "selection", undefined, excel.run);
    expect(excel.sheet("Sheet1").conditionalFormats).toEqual([
      {
        address: "D5:D7",
        type: "CellValue",
        fontColor: "#9C0006",
        fillColor: "#FFC7CE",
        rule: { formula1: "=70", operator: "GreaterThan" },
      },
      { address: "D5:D7", type: "CellValue", fontColor: "#006100", fillColor: "#C6EFCE", rule: { formula1: "=30", operator: "LessThan" } },
      { address: "E5:E7", type: "CellValue", fontColor: "#006100", rule: { formula1: "=0", operator: "GreaterThan" } },
      { address: "E5:E7", type: "CellValue", fontColor: "#9C0006", rule: { formula1: "=0", operator: "LessThan" } },
      { address: "G5:G7", type: "CellValue", fontColor: "#006100", rule: { formula1: "=0", operator: "GreaterThan" } },
      { address: "G5:G7", type: "CellValue", fontColor: "#9C0006", rule: { formula1: "=0", operator: "LessThan" } },
    ]);
  });

  it("writes every metric column with one formula per ticker", async () => {
    const excel = sheetWithSelection("A1");
    await writeSectorTable({ ...request, metrics: ALL_METRICS }, "selection", undefined, excel.run);
    const body = excel.formulas("Sheet1", "B3:K5");
    expect(body.flat().every((formula) => typeof formula === "string" && formula.includes("MKT."))).toBe(true);
    expect(body[0]).toEqual(body[2]);
  });

  it("suspends calculation while writing and reports progress to the end", async () => {
    const excel = sheetWithSelection("B3");
    const steps: Progress[] = [];
    await writeSectorTable(request, "selection", (step) => steps.push(step), excel.run);
    expect(excel.state.suspendedCalculation).toBe(1);
    expect(steps[0]).toEqual({ done: 0, total: 3, label: "Checking where the table goes" });
    expect(steps).toContainEqual({ done: 2, total: 3, label: "Calculating the new cells" });
    expect(steps.at(-1)).toEqual({ done: 3, total: 3, label: "Inserted MidCapKings_Sector" });
  });

  it("picks a table name that is not taken", async () => {
    const excel = sheetWithSelection("B3");
    await writeSectorTable(request, "selection", undefined, excel.run);
    excel.select("Sheet1", "J3");
    const second = await writeSectorTable(request, "selection", undefined, excel.run);
    expect(second.tableName).toBe("MidCapKings_Sector2");
    expect(excel.formulas("Sheet1", "K9")).toEqual([['=MKT.TOTAL_RETURN(MidCapKings_Sector2[Ticker],"YTD")']]);
  });
});

describe("writeSectorTable tells how the cells came out", () => {
  it("asks Excel to calculate, then counts the cells that show errors (valueTypes Error)", async () => {
    const excel = sheetWithSelection("B3");
    // Offline: every MKT cell is #N/A except the RSI column, which Excel computed.
    excel.state.evaluate = (formula) => (formula.startsWith("=MKT.RSI(") ? 55 : "#N/A");
    const result = await writeSectorTable(request, "selection", undefined, excel.run, { wait: instant });
    expect(result.outcome).toEqual({ cells: 18, errors: 15, pending: 0, messages: [] });
    expect(excel.state.calculations).toEqual(["Recalculate"]);
  });

  it("waits while the asynchronous cells are busy and counts them once they settle", async () => {
    const excel = sheetWithSelection("B3");
    let naps = 0;
    excel.state.evaluate = () => (naps < 3 ? "#BUSY!" : 1);
    const wait = { timeoutMs: 5_000, pollMs: 100, sleep: async () => void naps++ };
    const steps: Progress[] = [];
    const result = await writeSectorTable(request, "selection", (step) => steps.push(step), excel.run, { wait });
    expect(naps).toBe(3);
    expect(result.outcome).toEqual({ cells: 18, errors: 0, pending: 0, messages: [] });
    expect(steps).toContainEqual({ done: 0, total: 18, label: "Waiting for 18 cells to calculate" });
  });

  it("says what is still calculating when the wait runs out", async () => {
    const excel = sheetWithSelection("B3");
    excel.state.evaluate = (formula) => (formula.includes("BREADTH") ? "#BUSY!" : 1);
    const result = await writeSectorTable(request, "selection", undefined, excel.run, { wait: instant });
    expect(result.outcome).toEqual({ cells: 18, errors: 0, pending: 1, messages: [] });
  });

  it("labels a table computed from demo data in its title", async () => {
    const excel = sheetWithSelection("B3");
    await writeSectorTable(request, "selection", undefined, excel.run, { demo: true, wait: instant });
    expect(excel.cell("Sheet1", "B3").value).toBe("Mid-cap kings (MidCapKings) — demo data, not market prices");
  });
});

describe("writeSectorTable never overwrites", () => {
  it("refuses when a cell in the block holds a value, naming it, and writes nothing", async () => {
    const excel = sheetWithSelection("B3");
    excel.seed("Sheet1", "D6", 42);
    excel.seed("Sheet1", "G11", { formula: "=1+1", value: 2 });
    await expect(writeSectorTable(request, "selection", undefined, excel.run)).rejects.toThrow(
      "Cannot insert at Sheet1!B3:G11 (9 rows × 6 columns): Sheet1!D6 and 1 other cell are not empty. " +
        "Select an empty area or insert on a new sheet; nothing was changed.",
    );
    expect(excel.batch.log).toEqual([]);
    expect(excel.cell("Sheet1", "D6").value).toBe(42);
  });

  it("refuses when the block would cut into a table", async () => {
    const excel = sheetWithSelection("B3");
    await writeSectorTable(request, "selection", undefined, excel.run);
    excel.select("Sheet1", "A1");
    const written = excel.batch.log.length;
    await expect(writeSectorTable(request, "selection", undefined, excel.run)).rejects.toThrow(
      "Cannot insert at Sheet1!A1:F9: it overlaps table MidCapKings_Sector.",
    );
    expect(excel.batch.log.length).toBe(written);
  });
});

describe("writeSectorTable on a new sheet", () => {
  it("adds a sheet named after the basket, unique, writes from A1 and shows it", async () => {
    const excel = FakeExcel.withSheets("Sheet1", "MidCapKings");
    excel.seed("Sheet1", "A1", "busy");
    const result = await writeSectorTable(request, "new-sheet", undefined, excel.run);
    expect(result.address).toBe("Sheet 'MidCapKings (2)' A1:F9");
    expect(excel.state.activeSheet).toBe("MidCapKings (2)");
    expect(excel.table("MidCapKings_Sector")).toEqual({ sheet: "MidCapKings (2)", address: "A2:F5" });
    expect(excel.cell("Sheet1", "A1").value).toBe("busy");
  });
});

describe("writeSectorTable benchmark argument", () => {
  const summarySpread = (excel: FakeExcel): unknown => excel.formulas("Sheet1", "C10")[0][0];

  it("uses a saved basket's workbook name", async () => {
    const excel = sheetWithSelection("B3");
    const smallCaps: Basket = { name: "Small_Caps", label: "Small caps", tickers: ["IWM"], preset: false };
    await new ExcelBasketStorage(excel.run).save(smallCaps);
    excel.select("Sheet1", "B3");
    await writeSectorTable({ ...request, benchmark: { kind: "basket", basket: smallCaps } }, "selection", undefined, excel.run);
    expect(summarySpread(excel)).toBe('=MKT.ROTATION_SPREAD(MidCapKings_Sector[Ticker],Small_Caps,"YTD")');
  });

  it("spells out an unsaved preset's tickers", async () => {
    const excel = sheetWithSelection("B3");
    await writeSectorTable({ ...request, benchmark: { kind: "basket", basket: Mag7 } }, "selection", undefined, excel.run);
    expect(summarySpread(excel)).toBe('=MKT.ROTATION_SPREAD(MidCapKings_Sector[Ticker],"AAPL,MSFT,NVDA,AMZN,GOOGL,META,TSLA","YTD")');
  });

  it("refuses a basket benchmark that is not saved in the workbook", async () => {
    const excel = sheetWithSelection("B3");
    const ghost: Basket = { name: "Ghost", label: "Ghost", tickers: ["IWM"], preset: false };
    await expect(
      writeSectorTable({ ...request, benchmark: { kind: "basket", basket: ghost } }, "selection", undefined, excel.run),
    ).rejects.toThrow("Basket Ghost is not saved in this workbook");
    expect(excel.batch.log).toEqual([]);
  });
});
