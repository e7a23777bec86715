import { dayToIso, serialToDay } from "../../../functions";
import { absoluteCell, areaAddress, columnAbsoluteCell, placeDescription } from "../../common/a1";
import { basketArgument, benchmarkArgument, loadTakenNames } from "../../common/excel/basket-reference";
import { addHighlight } from "../../common/excel/conditional-formats";
import { newSheetDestination } from "../../common/excel/destination";
import { excelString, mktCall } from "../../common/excel/excel-formula";
import { ExcelRunner, runInExcel } from "../../common/excel/excel-run";
import { column, filled, NUMBER_FORMATS, TEXT_FORMAT } from "../../common/excel/number-formats";
import { uniqueTableName } from "../../common/excel/unique-names";
import { benchmarkLabel, RotationViewRequest } from "../../common/table-requests";
import type { InsertResult, ProgressListener } from "../../common/workbook";
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

function validate(request: RotationViewRequest): void {
  if (request.baskets.length === 0) throw new Error("Pick at least one basket for the rotation view.");
  if (request.periods.length === 0) throw new Error("Pick at least one period for the rotation view.");
}

/**
 * Writes the rotation view on a new sheet: a table of spreads (baskets × periods) against the
 * benchmark, a weekly relative-strength block from the chart span to today (dates fixed when
 * inserted), and a line chart over that block.
 */
export async function writeRotationView(
  request: RotationViewRequest,
  progress: ProgressListener = () => undefined,
  run: ExcelRunner = runInExcel,
  now: () => Date = () => new Date(),
): Promise<InsertResult> {
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
    title.values = [[`Rotation vs ${benchmarkLabel(request.benchmark)}`]];
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
    rsTitle.values = [[`Relative strength vs ${benchmarkLabel(request.benchmark)}, weekly from ${dayToIso(serialToDay(dates[0]))}`]];
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
    chart.title.text = `Relative strength vs ${benchmarkLabel(request.benchmark)}`;
    for (let i = 0; i < count; i++) chart.series.getItemAt(i).setXAxisValues(dateCells);
    chart.axes.categoryAxis.categoryType = "DateAxis";
    chart.setPosition(
      sheet.getRangeByIndexes(0, layout.width + 1, 1, 1),
      sheet.getRangeByIndexes(CHART_ROWS - 1, layout.width + CHART_COLUMNS, 1, 1),
    );

    sheet.getRangeByIndexes(top, 0, count + 1, 1 + request.periods.length).format.autofitColumns();
    sheet.getRangeByIndexes(rsTop, 0, dates.length + 1, 1 + count).format.autofitColumns();
    sheet.activate();
    await context.sync();
    progress({ done: total, total, label: `Inserted ${tableName}` });
    return { address: placeDescription(sheetName, areaAddress(0, 0, layout.height, layout.width)), tableName };
  });
}
