/**
 * The parts of the Excel writers that fit office-addin-mock's model: a fixed tree of objects
 * whose properties must be loaded and synced before they are read, and whose property writes
 * are recorded. Collections (`items/…` loads), null objects, a changing grid and failing syncs
 * are beyond it; those are covered against the stateful fake in test/support/fake-excel.
 */
// The project's stub for office-addin-manifest exports nothing, but OfficeMockObject reads
// OfficeApp from it in its constructor.
jest.mock("office-addin-manifest", () => ({
  OfficeApp: { Excel: "excel", OneNote: "onenote", Outlook: "outlook", PowerPoint: "powerpoint", Project: "project", Word: "word" },
}));

import { OfficeMockObject } from "office-addin-mock";
import { addHighlight } from "../../../../src/taskpane/common/excel/conditional-formats";
import { selectionDestination } from "../../../../src/taskpane/common/excel/destination";
import { countCalculatedCells } from "../../../../src/taskpane/common/excel/calculated-cells";
import { checkRoom } from "../../../../src/taskpane/features/baskets/excel/write-basket-save";
import { styleStrengthChart } from "../../../../src/taskpane/features/rotation-view/rotation-view-writer";

type Mock = OfficeMockObject & Record<string, any>;

const asContext = (mock: Mock): Excel.RequestContext => mock as unknown as Excel.RequestContext;

/** A range whose conditionalFormats.add hands out recording mocks. */
function rangeRecordingFormats(): { range: Excel.Range; added: Mock[]; types: string[] } {
  const added: Mock[] = [];
  const types: string[] = [];
  const range = new OfficeMockObject({
    conditionalFormats: {
      add(type: string) {
        types.push(type);
        const format = new OfficeMockObject({ cellValue: { format: { font: {}, fill: {} } } }) as Mock;
        added.push(format);
        return format;
      },
    },
  }) as Mock;
  return { range: range as unknown as Excel.Range, added, types };
}

describe("conditional formats (office-addin-mock records the writes)", () => {
  it("RSI bands: red fill above 70, green fill below 30", () => {
    const { range, added, types } = rangeRecordingFormats();
    addHighlight(range, "rsi-bands");
    expect(types).toEqual(["CellValue", "CellValue"]);
    expect(added.map((format) => format.cellValue.rule)).toEqual([
      { formula1: "=70", operator: "GreaterThan" },
      { formula1: "=30", operator: "LessThan" },
    ]);
    expect(added.map((format) => [format.cellValue.format.font.color, format.cellValue.format.fill.color])).toEqual([
      ["#9C0006", "#FFC7CE"],
      ["#006100", "#C6EFCE"],
    ]);
  });

  it("signed values: green text above zero, red below, no fill", () => {
    const { range, added } = rangeRecordingFormats();
    addHighlight(range, "sign");
    expect(added.map((format) => [format.cellValue.rule.operator, format.cellValue.format.font.color])).toEqual([
      ["GreaterThan", "#006100"],
      ["LessThan", "#9C0006"],
    ]);
    // Never written: signed values only colour the text.
    expect(added[0].cellValue.format.fill.color).toBeUndefined();
  });
});

describe("reads that must load before sync (office-addin-mock enforces it)", () => {
  function contextWithCells(formulas: unknown[][]): { context: Mock; calls: unknown[][] } {
    const calls: unknown[][] = [];
    const context = new OfficeMockObject({
      workbook: {
        worksheets: {
          sheet: { range: { formulas } },
          getItem(name: string) {
            calls.push(["getItem", name]);
            return this.sheet;
          },
        },
      },
    }) as Mock;
    context.workbook.worksheets.sheet.getRangeByIndexes = function (...args: number[]) {
      calls.push(["getRangeByIndexes", ...args]);
      return this.range;
    };
    return { context, calls };
  }

  it("checkRoom loads the cells below a basket and names the first one in use", async () => {
    const { context, calls } = contextWithCells([[""], ["note"], [""]]);
    await expect(checkRoom(asContext(context), { column: 2, firstRow: 5, rowCount: 3 }, "Tech")).resolves.toBe(
      "Basket Tech cannot grow: cell Baskets!C7 below its table is not empty. Move that cell's content, then save again.",
    );
    expect(calls).toEqual([
      ["getItem", "Baskets"],
      ["getRangeByIndexes", 5, 2, 3, 1],
    ]);
  });

  it("checkRoom passes when the cells are empty", async () => {
    const { context } = contextWithCells([[""], [""]]);
    await expect(checkRoom(asContext(context), { column: 0, firstRow: 4, rowCount: 2 }, "Tech")).resolves.toBeNull();
  });

  it("selectionDestination reads the active sheet's name and the selection's top-left cell", async () => {
    const context = new OfficeMockObject({
      workbook: {
        worksheets: {
          active: { name: "Sectors" },
          getActiveWorksheet() {
            return this.active;
          },
        },
        selection: { rowIndex: 4, columnIndex: 2 },
        getSelectedRange() {
          return this.selection;
        },
      },
    }) as Mock;
    const at = await selectionDestination(asContext(context));
    expect(at).toMatchObject({ sheetName: "Sectors", row: 4, column: 2, newSheet: false });
  });
});

describe("the relative-strength chart's formatting (office-addin-mock records the writes)", () => {
  function chartMock(seriesCount: number): Mock {
    const series = Object.fromEntries(Array.from({ length: seriesCount }, (_, i) => [`s${i}`, { format: { line: {} } }]));
    const chart = new OfficeMockObject({
      series,
      axes: { valueAxis: { majorGridlines: { format: { line: {} } } }, categoryAxis: {} },
      legend: {},
    }) as Mock;
    chart.series.getItemAt = (i: number) => chart.series[`s${i}`];
    return chart;
  }

  it("gives each series an Okabe–Ito colour and its own dash style, and sets gridlines and monthly date ticks", () => {
    const chart = chartMock(3);
    const serial = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569;
    styleStrengthChart(chart as unknown as Excel.Chart, 3, [serial("2025-01-17"), serial("2026-01-16")]);
    const lines = [0, 1, 2].map((i) => chart.series.getItemAt(i).format.line);
    expect(lines.map((line: Mock) => [line.color, line.lineStyle, line.weight])).toEqual([
      ["#0072B2", "Continuous", 2],
      ["#D55E00", "Dash", 2],
      ["#009E73", "RoundDot", 2],
    ]);
    expect(chart.axes.valueAxis.majorGridlines.visible).toBe(true);
    expect(chart.axes.valueAxis.numberFormat).toBe("0%");
    const category = chart.axes.categoryAxis;
    expect([category.categoryType, category.baseTimeUnit, category.majorTimeUnitScale, category.majorUnit, category.numberFormat]).toEqual([
      "DateAxis",
      "Days",
      "Months",
      1,
      "mmm yy",
    ]);
    expect(chart.legend.position).toBe("Bottom");
  });
});

describe("counting calculated cells (office-addin-mock enforces load before read)", () => {
  it("reads values and valueTypes after a sync and counts errors, not other values", async () => {
    const context = new OfficeMockObject({
      workbook: {
        range: {
          values: [
            [1, "#N/A"],
            ["golden", "#VALUE!"],
          ],
          valueTypes: [
            ["Double", "Error"],
            ["String", "Error"],
          ],
        },
      },
    }) as Mock;
    const outcome = await countCalculatedCells(asContext(context), [{ range: context.workbook.range as Excel.Range }]);
    expect(outcome).toEqual({ cells: 4, errors: 2, pending: 0, messages: [] });
  });
});
