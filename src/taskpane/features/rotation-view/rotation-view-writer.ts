import { dayToIso, serialToDay } from "../../../functions";
import {
  absoluteCell,
  areaAddress,
  columnAbsoluteCell,
  gapChartNote,
  gapChartTitle,
  gapFormula,
  gapTitle,
  Highlight,
  highlightRules,
  NUMBER_FORMATS,
  ROTATION_SHEET_BASE_NAME,
  rotationLayout,
  rotationTitle,
  seriesStyle,
  SPREADS_TABLE_BASE_NAME,
  spreadFormula,
  strengthChartAxes,
  strengthChartTitle,
  strengthFormula,
  strengthTitle,
  SUBTITLE_FONT,
  TEXT_FORMAT,
  TITLE_FONT,
  validateRotationRequest,
  valueAxisScale,
} from "../../../workbook";
import { placeDescription } from "../../../workbook";
import { basketArgument, benchmarkArgument, loadTakenNames } from "../../common/excel/basket-reference";
import { CalculationWait, countCalculatedCells, CountedRange } from "../../common/excel/calculated-cells";
import { newSheetDestination } from "../../common/excel/destination";
import { ExcelRunner, runInExcel } from "../../common/excel/excel-run";
import { column, filled } from "../../common/excel/number-formats";
import { uniqueTableName } from "../../common/excel/unique-names";
import type { RotationViewRequest } from "../../../workbook";
import type { InsertResult, ProgressListener } from "../../common/workbook";
import { weeklyDates } from "../../../functions";

/**
 * The rotation view is described once in src/workbook (rotation-view.ts: geometry, formulas,
 * titles, chart styles and axes), which the .xlsx writer of `mkt report` reads too; this file only
 * turns that description into Office.js calls.
 */
export { rotationLayout, spreadFormula, strengthFormula, valueAxisScale };
export type { RotationLayout, ValueAxisScale } from "../../../workbook";

export interface RotationWriteOptions {
  /** The data comes from the demo provider: titles and the chart say so. */
  readonly demo?: boolean;
  /** How long to wait for the new cells to calculate before counting them. */
  readonly wait?: CalculationWait;
}

/**
 * Readable at a glance and without colour: Okabe–Ito colours with a dash pattern per series,
 * light value gridlines with percent labels, and a date axis ticked at month starts (every few
 * months for long spans). ExcelApi 1.1 for colours and gridlines, 1.7 for dash styles, weights
 * and time units, 1.8 for axis number formats: all within the manifest's 1.13.
 */
export function styleStrengthChart(chart: Excel.Chart, seriesCount: number, dates: readonly number[]): void {
  const axes = strengthChartAxes(dates);
  for (let i = 0; i < seriesCount; i++) {
    const style = seriesStyle(i);
    const line = chart.series.getItemAt(i).format.line;
    line.color = style.color;
    line.lineStyle = style.excelLineStyle;
    line.weight = axes.lineWeightPoints;
  }
  const value = chart.axes.valueAxis;
  value.majorGridlines.visible = true;
  value.majorGridlines.format.line.color = axes.gridlineColor;
  value.numberFormat = axes.valueNumberFormat;
  const category = chart.axes.categoryAxis;
  category.categoryType = "DateAxis";
  category.baseTimeUnit = "Days";
  category.majorTimeUnitScale = "Months";
  // Labels every month while they fit, else every few months; a tick mark at every month either way.
  category.majorUnit = axes.majorMonths;
  category.majorTickMark = "Outside";
  category.minorTimeUnitScale = "Months";
  category.minorUnit = axes.minorMonths;
  category.minorTickMark = "Outside";
  category.numberFormat = axes.dateNumberFormat;
  chart.legend.position = "Bottom";
}

/** The shared highlight rules as conditional formats (signed spreads colour the text). */
function addHighlight(range: Excel.Range, highlight: Highlight): void {
  for (const rule of highlightRules(highlight)) {
    const format = range.conditionalFormats.add("CellValue");
    format.cellValue.format.font.color = rule.font;
    if (rule.fill !== null) format.cellValue.format.fill.color = rule.fill;
    format.cellValue.rule = { formula1: `=${rule.threshold}`, operator: rule.operator };
  }
}

/**
 * Writes the rotation view on a new sheet: a table of spreads (baskets × periods) against the
 * benchmark, a weekly relative-strength block from the chart span to today (dates fixed when
 * inserted), and a line chart over that block. Then waits for the cells to calculate and counts
 * how they came out.
 */
export async function writeRotationView(
  request: RotationViewRequest,
  progress: ProgressListener = () => undefined,
  run: ExcelRunner = runInExcel,
  now: () => Date = () => new Date(),
  options: RotationWriteOptions = {},
): Promise<InsertResult> {
  const demo = options.demo ?? false;
  validateRotationRequest(request);
  const layout = rotationLayout(request, weeklyDates(request.chartSpan, now()));
  const total = 3;
  return run(async (context) => {
    progress({ done: 0, total, label: "Preparing the rotation view" });
    const names = loadTakenNames(context);
    await context.sync();
    const known = names();
    const benchmark = benchmarkArgument(request.benchmark, known.names);
    const baskets = request.baskets.map((basket) => basketArgument(basket, known.names));
    const tableName = uniqueTableName(SPREADS_TABLE_BASE_NAME, known.taken);
    const { sheet, sheetName } = await newSheetDestination(context, ROTATION_SHEET_BASE_NAME);
    progress({ done: 1, total, label: `Writing ${tableName}` });
    context.workbook.application.suspendApiCalculationUntilNextSync();

    const title = sheet.getRangeByIndexes(0, 0, 1, 1);
    title.numberFormat = [[TEXT_FORMAT]];
    title.values = [[rotationTitle(request, demo)]];
    title.format.font.bold = TITLE_FONT.bold;
    title.format.font.size = TITLE_FONT.size;

    const { spreadsHeaderRow: top, strengthHeaderRow: rsTop, dates, valuationColumns } = layout;
    const count = request.baskets.length;
    const tableColumns = 1 + request.periods.length + valuationColumns.length;
    sheet.getRangeByIndexes(top, 0, 1, tableColumns).values = [["Basket", ...request.periods, ...valuationColumns.map((c) => c.header)]];
    const basketCells = sheet.getRangeByIndexes(top + 1, 0, count, 1);
    basketCells.numberFormat = filled(count, 1, TEXT_FORMAT);
    basketCells.values = column(request.baskets.map((basket) => basket.name));
    const spreads = sheet.getRangeByIndexes(top + 1, 1, count, request.periods.length);
    spreads.numberFormat = filled(count, request.periods.length, NUMBER_FORMATS.percent);
    spreads.formulas = baskets.map((basket) => request.periods.map((period) => spreadFormula(basket, benchmark, period)));
    addHighlight(spreads, "sign");
    const counted: CountedRange[] = [{ range: spreads }];
    valuationColumns.forEach((valuation, i) => {
      const cells = sheet.getRangeByIndexes(top + 1, 1 + request.periods.length + i, count, 1);
      cells.numberFormat = filled(count, 1, NUMBER_FORMATS[valuation.format]);
      cells.formulas = baskets.map((basket) => [valuation.formula(basket, benchmark)]);
      counted.push({ range: cells });
    });
    sheet.tables.add(sheet.getRangeByIndexes(top, 0, count + 1, tableColumns), true).name = tableName;

    const rsTitle = sheet.getRangeByIndexes(layout.strengthTitleRow, 0, 1, 1);
    rsTitle.numberFormat = [[TEXT_FORMAT]];
    rsTitle.values = [[strengthTitle(request, dayToIso(serialToDay(dates[0])), demo)]];
    rsTitle.format.font.bold = SUBTITLE_FONT.bold;
    sheet.getRangeByIndexes(rsTop, 0, 1, 1 + count).values = [["Date", ...request.baskets.map((basket) => basket.name)]];
    const dateCells = sheet.getRangeByIndexes(rsTop + 1, 0, dates.length, 1);
    dateCells.numberFormat = filled(dates.length, 1, NUMBER_FORMATS.date);
    dateCells.values = column(dates);
    const start = absoluteCell(rsTop + 1, 0);
    const strength = sheet.getRangeByIndexes(rsTop + 1, 1, dates.length, count);
    strength.numberFormat = filled(dates.length, count, NUMBER_FORMATS.percent);
    strength.formulas = dates.map((_, i) =>
      baskets.map((basket) => strengthFormula(basket, benchmark, start, columnAbsoluteCell(rsTop + 1 + i, 0))),
    );

    const chart = sheet.charts.add("Line", sheet.getRangeByIndexes(rsTop, 1, dates.length + 1, count), "Columns");
    chart.title.text = strengthChartTitle(request, demo);
    for (let i = 0; i < count; i++) chart.series.getItemAt(i).setXAxisValues(dateCells);
    styleStrengthChart(chart, count, dates);
    chart.setPosition(
      sheet.getRangeByIndexes(layout.chart.fromRow, layout.chart.fromColumn, 1, 1),
      sheet.getRangeByIndexes(layout.chart.toRow, layout.chart.toColumn, 1, 1),
    );

    counted.push({ range: strength });
    const charts: { chart: Excel.Chart; values: Excel.Range }[] = [{ chart, values: strength }];

    const gap = layout.gap;
    if (gap !== null) {
      const gapHeading = sheet.getRangeByIndexes(gap.titleRow, 0, 1, 1);
      gapHeading.numberFormat = [[TEXT_FORMAT]];
      gapHeading.values = [[gapTitle(request, dayToIso(serialToDay(gap.dates[0])), demo)]];
      gapHeading.format.font.bold = SUBTITLE_FONT.bold;
      sheet.getRangeByIndexes(gap.headerRow, 0, 1, 1 + count).values = [["Date", ...request.baskets.map((basket) => basket.name)]];
      const gapDateCells = sheet.getRangeByIndexes(gap.headerRow + 1, 0, gap.dates.length, 1);
      gapDateCells.numberFormat = filled(gap.dates.length, 1, NUMBER_FORMATS.date);
      gapDateCells.values = column(gap.dates);
      const gaps = sheet.getRangeByIndexes(gap.headerRow + 1, 1, gap.dates.length, count);
      gaps.numberFormat = filled(gap.dates.length, count, NUMBER_FORMATS.percent);
      gaps.formulas = gap.dates.map((_, i) =>
        baskets.map((basket) => gapFormula(basket, benchmark, columnAbsoluteCell(gap.headerRow + 1 + i, 0))),
      );
      counted.push({ range: gaps });
      const gapChart = sheet.charts.add("Line", sheet.getRangeByIndexes(gap.headerRow, 1, gap.dates.length + 1, count), "Columns");
      gapChart.title.text = gapChartTitle(request, demo);
      for (let i = 0; i < count; i++) gapChart.series.getItemAt(i).setXAxisValues(gapDateCells);
      styleStrengthChart(gapChart, count, gap.dates);
      gapChart.setPosition(
        sheet.getRangeByIndexes(gap.chart.fromRow, gap.chart.fromColumn, 1, 1),
        sheet.getRangeByIndexes(gap.chart.toRow, gap.chart.toColumn, 1, 1),
      );
      sheet.getRangeByIndexes(gap.headerRow, 0, gap.dates.length + 1, 1 + count).format.autofitColumns();
      charts.push({ chart: gapChart, values: gaps });
    }
    if (layout.gapNoteRow !== null) {
      const note = sheet.getRangeByIndexes(layout.gapNoteRow, 0, 1, 1);
      note.numberFormat = [[TEXT_FORMAT]];
      note.values = [[gapChartNote(request.valuation?.noChartReason ?? "the data source has no quarterly EPS with report dates")]];
    }

    sheet.getRangeByIndexes(top, 0, count + 1, tableColumns).format.autofitColumns();
    sheet.getRangeByIndexes(rsTop, 0, dates.length + 1, 1 + count).format.autofitColumns();
    sheet.activate();
    await context.sync();
    progress({ done: 2, total, label: "Calculating the new cells" });
    context.workbook.application.calculate("Recalculate");
    const outcome = await countCalculatedCells(context, counted, options.wait, progress);
    // Now that the values are in, a few round gridlines that frame them (Excel's own choice can repeat labels on narrow ranges).
    for (const drawn of charts) drawn.values.load("values");
    await context.sync();
    for (const drawn of charts) {
      const scale = valueAxisScale(drawn.values.values);
      if (scale === null) continue;
      const axis = drawn.chart.axes.valueAxis;
      axis.minimum = scale.minimum;
      axis.maximum = scale.maximum;
      axis.majorUnit = scale.majorUnit;
      axis.numberFormat = scale.numberFormat;
    }
    await context.sync();
    progress({ done: total, total, label: `Inserted ${tableName}` });
    return { address: placeDescription(sheetName, areaAddress(0, 0, layout.height, layout.width)), tableName, outcome };
  });
}
