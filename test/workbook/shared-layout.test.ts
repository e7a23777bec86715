import type { Basket } from "../../src/baskets";
import { FORMULAS } from "../../src/functions/catalog";
import * as paneBasketSheet from "../../src/workbook";
import { ExcelBasketStorage } from "../../src/taskpane/features/baskets/excel/excel-basket-storage";
import { writeRotationView } from "../../src/taskpane/features/rotation-view/rotation-view-writer";
import { weeklyDates } from "../../src/functions";
import { writeSectorTable } from "../../src/taskpane/features/sector-table/sector-table-writer";
import * as workbook from "../../src/workbook";
import { areaAddress, cellAddress, METRIC_COLUMNS, RotationViewRequest, SectorTableRequest } from "../../src/workbook";
import { BookSheet, COLUMNS } from "../../cli/workbook/report/book";
import { composeReport } from "../../cli/workbook/report/compose";
import { storedFormula } from "../../cli/workbook/report/stored-formula";
import { walk } from "../../cli/workbook/formula/ast";
import { parseFormula } from "../../cli/workbook/formula/parser";
import { FakeExcel } from "../support/fake-excel";

/**
 * One description of the layout (src/workbook) serves the task pane's Excel writer and the .xlsx
 * writer of `mkt report`: the same cells hold the same formulas, labels, number formats and
 * highlights, the same tables and chart, whichever writer wrote them.
 */

const kings: Basket = { name: "MidCapKings", label: "Mid-cap kings", tickers: ["CAT", "DCI", "TTMI"], preset: false };
const chips: Basket = { name: "Chips", label: "Chips", tickers: ["NVDA", "AMD"], preset: false };
const instant = { timeoutMs: 1_000, pollMs: 250, sleep: async () => undefined };
const now = new Date(2026, 0, 16, 10, 30);

async function paneWith(...baskets: Basket[]): Promise<FakeExcel> {
  const excel = FakeExcel.withSheets("Sheet1");
  for (const basket of baskets) await new ExcelBasketStorage(excel.run).save(basket);
  return excel;
}

function reportCell(sheet: BookSheet, row: number, column: number): { formula: string | null; value: unknown; format: string } | undefined {
  const cell = sheet.cells.get(row * COLUMNS + column);
  return cell === undefined ? undefined : { formula: cell.formula, value: cell.value, format: cell.style.numberFormat };
}

/** Every cell of an area: the pane's formula or constant (stored form) against the report's. */
function compareCells(
  excel: FakeExcel,
  paneSheet: string,
  sheet: BookSheet,
  rows: number,
  columns: number,
  tableFor: (row: number) => string | null,
): number {
  let formulas = 0;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const address = cellAddress(row, column);
      const pane = excel.cell(paneSheet, address);
      const report = reportCell(sheet, row, column);
      const where = `${paneSheet}!${address}`;
      if (pane.formula !== "") {
        expect({ where, formula: report?.formula }).toEqual({ where, formula: storedFormula(pane.formula, tableFor(row)) });
        formulas++;
      } else {
        expect({ where, value: report?.value ?? "" }).toEqual({ where, value: pane.value });
      }
      if (pane.formula !== "" || pane.value !== "")
        expect({ where, format: report?.format }).toEqual({ where, format: pane.numberFormat === "" ? "General" : pane.numberFormat });
    }
  }
  return formulas;
}

describe("the shared layouts", () => {
  it("call only functions the catalog has", () => {
    const used = new Set<string>();
    const collect = (formula: string): void => {
      for (const node of walk(parseFormula(formula))) if (node.kind === "call" && node.mkt) used.add(node.name);
    };
    for (const column of Object.values(METRIC_COLUMNS)) collect(workbook.cellFormula(column.value, "A1"));
    for (const line of workbook.valuationSummary({ kind: "ticker", ticker: "SPY" })) used.add(line.fn);
    const valued = { baskets: [kings], benchmark: { kind: "ticker", ticker: "SPY" }, periods: ["1M"], chartSpan: "1Y" } as const;
    for (const column of workbook.rotationValuationColumns({
      ...valued,
      valuation: { measure: "trailing_pe", gapChart: true, noChartReason: null },
    }))
      collect(column.formula("A", "B"));
    collect(workbook.gapFormula("A", "B", "$A2"));
    collect(workbook.spreadFormula("A", "B", "YTD"));
    collect(workbook.strengthFormula("A", "B", "$A$1", "$A2"));
    for (const line of workbook.sectorTableLayout({
      basket: kings,
      metrics: workbook.ALL_METRICS,
      benchmark: { kind: "ticker", ticker: "SPY" },
      summaryPeriod: "YTD",
    }).summary)
      used.add(line.fn);
    for (const name of used) expect(Object.keys(FORMULAS)).toContain(name);
  });

  it("store baskets as the task pane's basket storage does", () => {
    for (const key of [
      "BASKET_SHEET",
      "TABLE_PREFIX",
      "TICKER_HEADER",
      "LABEL_ROW",
      "HEADER_ROW",
      "GAP_COLUMNS",
      "BASKET_COMMENT",
    ] as const) {
      expect(workbook[key]).toBe(paneBasketSheet[key]);
    }
    expect(workbook.basketNameFormula("Basket_X")).toBe(paneBasketSheet.basketNameFormula("Basket_X"));
  });

  it("give the same sector table from the pane's writer and from mkt report", async () => {
    const request: SectorTableRequest = {
      basket: kings,
      metrics: workbook.ALL_METRICS,
      benchmark: { kind: "ticker", ticker: "IWM" },
      summaryPeriod: "YTD",
    };
    const excel = await paneWith(kings);
    const inserted = await writeSectorTable(request, "new-sheet", undefined, excel.run, { wait: instant });
    const book = composeReport({ sectorTables: [request], rotation: null, rotationDates: [], demo: false });
    const sheet = book.sheets[0];
    const layout = workbook.sectorTableLayout(request);
    const block = workbook.sectorBlock(layout);
    expect(sheet.name).toBe("MidCapKings");
    expect(inserted.tableName).toBe(sheet.tables[0].name);
    expect(excel.table(inserted.tableName)).toEqual({
      sheet: "MidCapKings",
      address: areaAddress(sheet.tables[0].area.top, sheet.tables[0].area.left, block.bodyRows + 1, block.columns),
    });
    expect(
      compareCells(excel, "MidCapKings", sheet, block.rows, block.columns, (row) =>
        row >= block.firstBodyRow && row < block.summaryRow - 1 ? inserted.tableName : null,
      ),
    ).toBe(3 * 10 + 3);
    const paneHighlights = excel
      .sheet("MidCapKings")
      .conditionalFormats.map((format) => [
        format.address,
        format.rule?.operator,
        Number(format.rule?.formula1.slice(1)),
        format.fontColor,
        format.fillColor ?? null,
      ]);
    const reportHighlights = sheet.conditionalFormats.flatMap((format) =>
      format.rules.map((rule) => [
        areaAddress(format.area.top, format.area.left, format.area.bottom - format.area.top + 1, 1),
        rule.operator,
        rule.threshold,
        rule.font,
        rule.fill,
      ]),
    );
    expect(reportHighlights).toEqual(paneHighlights);
    expect(excel.sheet("MidCapKings").fonts.get("0,0")).toMatchObject({ bold: true, size: 14 });
    expect(sheet.cells.get(0)!.style).toMatchObject({ bold: true, size: 14 });
  });

  it("give the same sector table with valuation and Live columns and the valuation summary", async () => {
    const request: SectorTableRequest = {
      basket: kings,
      metrics: ["price", ...workbook.VALUATION_METRICS, ...workbook.LIVE_METRICS],
      benchmark: { kind: "ticker", ticker: "IWM" },
      summaryPeriod: "YTD",
    };
    const excel = await paneWith(kings);
    const inserted = await writeSectorTable(request, "new-sheet", undefined, excel.run, { wait: instant });
    const book = composeReport({ sectorTables: [request], rotation: null, rotationDates: [], demo: false });
    const sheet = book.sheets[0];
    const block = workbook.sectorBlock(workbook.sectorTableLayout(request));
    // 3 tickers × 7 columns, and 5 summary lines (return, spread, breadth, forward P/E, its gap).
    expect(
      compareCells(excel, "MidCapKings", sheet, block.rows, block.columns, (row) =>
        row >= block.firstBodyRow && row < block.summaryRow - 1 ? inserted.tableName : null,
      ),
    ).toBe(3 * 7 + 5);
    expect(excel.numberFormats("MidCapKings", "C3:F3")).toEqual([['0.0"×"', '0.0"×"', "0.0%", '$#,##0.0,,,"bn"']]);
  });

  it("give the same rotation view, chart included, from the pane's writer and from mkt report", async () => {
    const request: RotationViewRequest = {
      baskets: [kings, chips],
      benchmark: { kind: "ticker", ticker: "SPY" },
      periods: ["1M", "3M", "YTD", "1Y"],
      chartSpan: "3M",
    };
    const excel = await paneWith(kings, chips);
    await writeRotationView(request, undefined, excel.run, () => now, { wait: instant });
    const dates = weeklyDates("3M", now);
    const book = composeReport({ sectorTables: [], rotation: request, rotationDates: dates, demo: false });
    const sheet = book.sheets.find((s) => s.name === "Rotation")!;
    const layout = workbook.rotationLayout(request, dates);
    expect(compareCells(excel, "Rotation", sheet, layout.height, layout.width, () => null)).toBe(2 * 4 + 2 * dates.length);
    const [paneChart] = excel.sheet("Rotation").charts;
    const chart = sheet.chart!;
    expect(paneChart.position).toEqual({
      start: cellAddress(chart.from.row, chart.from.column),
      end: cellAddress(chart.to.row, chart.to.column),
    });
    expect(paneChart.title).toBe(chart.title);
    expect(paneChart.source).toBe(areaAddress(layout.strengthHeaderRow, 1, dates.length + 1, request.baskets.length));
    expect(paneChart.series.map((s) => [s.xAxisValues, s.line?.color, s.line?.lineStyle])).toEqual(
      chart.series.map((s, i) => [areaAddress(s.categories.top, 0, dates.length, 1), s.color, workbook.seriesStyle(i).excelLineStyle]),
    );
    expect(paneChart.axes.category).toMatchObject({
      majorUnit: chart.majorMonths,
      minorUnit: chart.minorMonths,
      numberFormat: chart.categoryFormat,
    });
    expect(paneChart.axes.value).toMatchObject({ majorGridlines: { visible: true, line: { color: chart.gridlineColor } } });
  });
});
