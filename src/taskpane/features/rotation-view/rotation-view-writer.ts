import { dayToIso, serialToDay } from "../../../functions";
import { absoluteCell, areaAddress, columnAbsoluteCell, placeDescription } from "../../common/a1";
import { basketArgument, benchmarkArgument, loadTakenNames } from "../../common/excel/basket-reference";
import { sourcedChartTitle, sourcedTitle } from "../../common/demo-label";
import { CalculationWait, countCalculatedCells } from "../../common/excel/calculated-cells";
import { addHighlight } from "../../common/excel/conditional-formats";
import { newSheetDestination } from "../../common/excel/destination";
import { excelString, mktCall } from "../../common/excel/excel-formula";
import { ExcelRunner, runInExcel } from "../../common/excel/excel-run";
import { column, filled, NUMBER_FORMATS, TEXT_FORMAT } from "../../common/excel/number-formats";
import { uniqueTableName } from "../../common/excel/unique-names";
import { benchmarkLabel, RotationViewRequest } from "../../common/table-requests";
import type { InsertResult, ProgressListener } from "../../common/workbook";
import { niceAxis, percentDecimals } from "./line-chart-geometry";
import { monthStep } from "./month-ticks";
import { seriesStyle } from "./series-style";
import { weeklyDates } from "./weekly-dates";

const CHART_COLUMNS = 8;
const CHART_ROWS = 20;

/** Where each part of the view goes, relative to A1 of its sheet. */
export interface RotationLayout {
  readonly spreadsHeaderRow: number;
  readonly strengthTitleRow: number;
  readonly strengthHeaderRow: number;
  readonly dates: readonly number[];
  readonly width: number;
  readonly height: number;
}

export function rotationLayout(request: RotationViewRequest, dates: readonly number[]): RotationLayout {
  const spreadsHeaderRow = 1;
  const strengthTitleRow = spreadsHeaderRow + 1 + request.baskets.length + 1;
  const strengthHeaderRow = strengthTitleRow + 1;
  return {
    spreadsHeaderRow,
    strengthTitleRow,
    strengthHeaderRow,
    dates,
    width: Math.max(1 + request.periods.length, 1 + request.baskets.length),
    height: strengthHeaderRow + 1 + dates.length,
  };
}

export function spreadFormula(basket: string, benchmark: string, period: string): string {
  return `=${mktCall("ROTATION_SPREAD", [basket, benchmark, excelString(period)])}`;
}

export function strengthFormula(basket: string, benchmark: string, startCell: string, dateCell: string): string {
  return `=${mktCall("RELATIVE_STRENGTH", [basket, benchmark, startCell, dateCell])}`;
}

export interface RotationWriteOptions {
  /** The data comes from the demo provider: titles and the chart say so. */
  readonly demo?: boolean;
  /** How long to wait for the new cells to calculate before counting them. */
  readonly wait?: CalculationWait;
}

/** Labelled dates the chart's axis gets at most (monthly up to a year). */
const MAX_DATE_TICKS = 12;
const DAYS_PER_MONTH = 30.44;

/**
 * Readable at a glance and without colour: Okabe–Ito colours with a dash pattern per series,
 * light value gridlines with percent labels, and a date axis ticked at month starts (every few
 * months for long spans). ExcelApi 1.1 for colours and gridlines, 1.7 for dash styles, weights
 * and time units, 1.8 for axis number formats: all within the manifest's 1.13.
 */
export function styleStrengthChart(chart: Excel.Chart, seriesCount: number, dates: readonly number[]): void {
  for (let i = 0; i < seriesCount; i++) {
    const style = seriesStyle(i);
    const line = chart.series.getItemAt(i).format.line;
    line.color = style.color;
    line.lineStyle = style.excelLineStyle;
    line.weight = 2;
  }
  const value = chart.axes.valueAxis;
  value.majorGridlines.visible = true;
  value.majorGridlines.format.line.color = "#D9D9D9";
  value.numberFormat = "0%";
  const category = chart.axes.categoryAxis;
  category.categoryType = "DateAxis";
  category.baseTimeUnit = "Days";
  category.majorTimeUnitScale = "Months";
  const months = dates.length < 2 ? 1 : (dates[dates.length - 1] - dates[0]) / DAYS_PER_MONTH;
  // Labels every month while they fit, else every few months; a tick mark at every month either way.
  category.majorUnit = monthStep(Math.ceil(months), MAX_DATE_TICKS);
  category.majorTickMark = "Outside";
  category.minorTimeUnitScale = "Months";
  category.minorUnit = 1;
  category.minorTickMark = "Outside";
  category.numberFormat = "mmm yy";
  chart.legend.position = "Bottom";
}

export interface ValueAxisScale {
  readonly minimum: number;
  readonly maximum: number;
  readonly majorUnit: number;
  readonly numberFormat: string;
}

/**
 * The value axis for the calculated relative strengths: whole round steps framing the data and
 * zero, four or so gridlines, labels with the decimals the step needs. Null when no cell holds a
 * number (then Excel's automatic axis stays).
 */
export function valueAxisScale(values: readonly (readonly unknown[])[]): ValueAxisScale | null {
  const numbers = values.flat().filter((value): value is number => typeof value === "number" && Number.isFinite(value));
  if (numbers.length === 0) return null;
  let low = Math.min(0, ...numbers);
  let high = Math.max(0, ...numbers);
  if (high === low) {
    high += 0.01;
    low -= 0.01;
  }
  const axis = niceAxis(low, high);
  const decimals = percentDecimals(axis.ticks[1] - axis.ticks[0]);
  return {
    minimum: axis.min,
    maximum: axis.max,
    majorUnit: Number((axis.ticks[1] - axis.ticks[0]).toPrecision(12)),
    numberFormat: decimals === 0 ? "0%" : `0.${"0".repeat(decimals)}%`,
  };
}

function validate(request: RotationViewRequest): void {
  if (request.baskets.length === 0) throw new Error("Pick at least one basket for the rotation view.");
  if (request.periods.length === 0) throw new Error("Pick at least one period for the rotation view.");
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
  validate(request);
  const layout = rotationLayout(request, weeklyDates(request.chartSpan, now()));
  const total = 3;
  return run(async (context) => {
    progress({ done: 0, total, label: "Preparing the rotation view" });
    const names = loadTakenNames(context);
    await context.sync();
    const known = names();
    const benchmark = benchmarkArgument(request.benchmark, known.names);
    const baskets = request.baskets.map((basket) => basketArgument(basket, known.names));
    const tableName = uniqueTableName("Rotation_Spreads", known.taken);
    const { sheet, sheetName } = await newSheetDestination(context, "Rotation");
    progress({ done: 1, total, label: `Writing ${tableName}` });
    context.workbook.application.suspendApiCalculationUntilNextSync();

    const title = sheet.getRangeByIndexes(0, 0, 1, 1);
    title.numberFormat = [[TEXT_FORMAT]];
    title.values = [[sourcedTitle(`Rotation vs ${benchmarkLabel(request.benchmark)}`, demo)]];
    title.format.font.bold = true;
    title.format.font.size = 14;

    const { spreadsHeaderRow: top, strengthHeaderRow: rsTop, dates } = layout;
    const count = request.baskets.length;
    sheet.getRangeByIndexes(top, 0, 1, 1 + request.periods.length).values = [["Basket", ...request.periods]];
    const basketCells = sheet.getRangeByIndexes(top + 1, 0, count, 1);
    basketCells.numberFormat = filled(count, 1, TEXT_FORMAT);
    basketCells.values = column(request.baskets.map((basket) => basket.name));
    const spreads = sheet.getRangeByIndexes(top + 1, 1, count, request.periods.length);
    spreads.numberFormat = filled(count, request.periods.length, NUMBER_FORMATS.percent);
    spreads.formulas = baskets.map((basket) => request.periods.map((period) => spreadFormula(basket, benchmark, period)));
    addHighlight(spreads, "sign");
    sheet.tables.add(sheet.getRangeByIndexes(top, 0, count + 1, 1 + request.periods.length), true).name = tableName;

    const rsTitle = sheet.getRangeByIndexes(layout.strengthTitleRow, 0, 1, 1);
    rsTitle.numberFormat = [[TEXT_FORMAT]];
    rsTitle.values = [
      [sourcedTitle(`Relative strength vs ${benchmarkLabel(request.benchmark)}, weekly from ${dayToIso(serialToDay(dates[0]))}`, demo)],
    ];
    rsTitle.format.font.bold = true;
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
    chart.title.text = sourcedChartTitle(`Relative strength vs ${benchmarkLabel(request.benchmark)}`, demo);
    for (let i = 0; i < count; i++) chart.series.getItemAt(i).setXAxisValues(dateCells);
    styleStrengthChart(chart, count, dates);
    chart.setPosition(
      sheet.getRangeByIndexes(0, layout.width + 1, 1, 1),
      sheet.getRangeByIndexes(CHART_ROWS - 1, layout.width + CHART_COLUMNS, 1, 1),
    );

    sheet.getRangeByIndexes(top, 0, count + 1, 1 + request.periods.length).format.autofitColumns();
    sheet.getRangeByIndexes(rsTop, 0, dates.length + 1, 1 + count).format.autofitColumns();
    sheet.activate();
    await context.sync();
    progress({ done: 2, total, label: "Calculating the new cells" });
    context.workbook.application.calculate("Recalculate");
    const outcome = await countCalculatedCells(context, [{ range: spreads }, { range: strength }], options.wait, progress);
    // Now that the values are in, a few round gridlines that frame them (Excel's own choice can repeat labels on narrow ranges).
    strength.load("values");
    await context.sync();
    const scale = valueAxisScale(strength.values);
    if (scale !== null) {
      const axis = chart.axes.valueAxis;
      axis.minimum = scale.minimum;
      axis.maximum = scale.maximum;
      axis.majorUnit = scale.majorUnit;
      axis.numberFormat = scale.numberFormat;
      await context.sync();
    }
    progress({ done: total, total, label: `Inserted ${tableName}` });
    return { address: placeDescription(sheetName, areaAddress(0, 0, layout.height, layout.width)), tableName, outcome };
  });
}
