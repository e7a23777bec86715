import type { FormulaName } from "../../../functions";
import { areaAddress, placeDescription } from "../../common/a1";
import { benchmarkArgument, loadTakenNames } from "../../common/excel/basket-reference";
import { addHighlight } from "../../common/excel/conditional-formats";
import { CalculationWait, countCalculatedCells, CountedRange } from "../../common/excel/calculated-cells";
import { sourcedTitle } from "../../common/demo-label";
import { assertEmpty, Destination, newSheetDestination, selectionDestination } from "../../common/excel/destination";
import { excelString, mktCall } from "../../common/excel/excel-formula";
import { ExcelRunner, runInExcel } from "../../common/excel/excel-run";
import { column, filled, NUMBER_FORMATS, TEXT_FORMAT } from "../../common/excel/number-formats";
import { uniqueTableName } from "../../common/excel/unique-names";
import type { SectorTableRequest } from "../../common/table-requests";
import type { InsertResult, ProgressListener, TablePlace } from "../../common/workbook";
import { cellFormula } from "./cell-formula";
import { BENCHMARK, MEMBERS, SectorTableLayout, sectorTableLayout, SummaryArg } from "./sector-table-layout";

/** Title row, header row, one row per ticker, a blank row, then the summary lines. */
export function sectorBlockSize(layout: SectorTableLayout): { rows: number; columns: number } {
  return { rows: 2 + layout.tickers.length + 1 + layout.summary.length, columns: layout.headers.length };
}

/** The layout's first column holds the tickers; formulas refer to it by its header. */
const tickerHeader = (layout: SectorTableLayout): string => layout.headers[0];

/** A summary line's formula: MEMBERS is the table's ticker column, BENCHMARK the ticker or basket. */
export function summaryFormula(fn: FormulaName, args: readonly SummaryArg[], members: string, benchmark: string): string {
  const text = args.map((arg) => {
    if (arg === MEMBERS) return members;
    if (arg === BENCHMARK) return benchmark;
    if (arg === null) return "";
    return typeof arg === "number" ? String(arg) : excelString(arg);
  });
  return `=${mktCall(fn, text)}`;
}

export interface TableWriteOptions {
  /** The data comes from the demo provider: the title says so. */
  readonly demo?: boolean;
  /** How long to wait for the new cells to calculate before counting them. */
  readonly wait?: CalculationWait;
}

interface QueuedTable {
  readonly address: string;
  /** The cells holding MKT formulas: the body and the summary values. */
  readonly counted: readonly CountedRange[];
}

function queueTable(
  context: Excel.RequestContext,
  at: Destination,
  layout: SectorTableLayout,
  tableName: string,
  benchmark: string,
  demo: boolean,
): QueuedTable {
  const { sheet, row, column: col } = at;
  const count = layout.tickers.length;
  const size = sectorBlockSize(layout);
  context.workbook.application.suspendApiCalculationUntilNextSync();

  const title = sheet.getRangeByIndexes(row, col, 1, 1);
  title.numberFormat = [[TEXT_FORMAT]];
  title.values = [[sourcedTitle(layout.title, demo)]];
  title.format.font.bold = true;
  title.format.font.size = 14;

  const header = sheet.getRangeByIndexes(row + 1, col, 1, layout.headers.length);
  header.values = [[...layout.headers]];
  const tickers = sheet.getRangeByIndexes(row + 2, col, count, 1);
  tickers.numberFormat = filled(count, 1, TEXT_FORMAT);
  tickers.values = column(layout.tickers);
  const table = sheet.tables.add(sheet.getRangeByIndexes(row + 1, col, count + 1, layout.headers.length), true);
  table.name = tableName;

  layout.columns.forEach((metric, i) => {
    const body = sheet.getRangeByIndexes(row + 2, col + 1 + i, count, 1);
    body.numberFormat = filled(count, 1, NUMBER_FORMATS[metric.format]);
    body.formulas = filled(count, 1, cellFormula(metric.value, `[@${tickerHeader(layout)}]`));
    if (metric.highlight !== null) addHighlight(body, metric.highlight);
  });

  const summaryTop = row + 2 + count + 1;
  layout.summary.forEach((line, i) => {
    const labelCell = sheet.getRangeByIndexes(summaryTop + i, col, 1, 1);
    labelCell.numberFormat = [[TEXT_FORMAT]];
    labelCell.values = [[line.label]];
    const valueCell = sheet.getRangeByIndexes(summaryTop + i, col + 1, 1, 1);
    valueCell.numberFormat = [[NUMBER_FORMATS[line.format]]];
    valueCell.formulas = [[summaryFormula(line.fn, line.args, `${tableName}[${tickerHeader(layout)}]`, benchmark)]];
  });

  // From the header down: the long title would widen the ticker column.
  sheet.getRangeByIndexes(row + 1, col, size.rows - 1, size.columns).format.autofitColumns();
  if (at.newSheet) sheet.activate();
  return {
    address: areaAddress(row, col, size.rows, size.columns),
    counted: [
      { range: sheet.getRangeByIndexes(row + 2, col + 1, count, layout.columns.length) },
      { range: sheet.getRangeByIndexes(summaryTop, col + 1, layout.summary.length, 1) },
    ],
  };
}

/**
 * Writes a sector table at the selection (refusing to overwrite anything) or on a new sheet:
 * a title, an Excel table of tickers with one live MKT formula column per metric, number
 * formats and highlights, and summary lines over the table's ticker column. Then waits for the
 * cells to calculate and counts how they came out.
 */
export async function writeSectorTable(
  request: SectorTableRequest,
  place: TablePlace,
  progress: ProgressListener = () => undefined,
  run: ExcelRunner = runInExcel,
  options: TableWriteOptions = {},
): Promise<InsertResult> {
  const layout = sectorTableLayout(request);
  const size = sectorBlockSize(layout);
  const total = 3;
  return run(async (context) => {
    progress({ done: 0, total, label: "Checking where the table goes" });
    const names = loadTakenNames(context);
    await context.sync();
    const known = names();
    const benchmark = benchmarkArgument(request.benchmark, known.names);
    const tableName = uniqueTableName(`${request.basket.name}_Sector`, known.taken);
    const at = place === "selection" ? await selectionDestination(context) : await newSheetDestination(context, request.basket.name);
    await assertEmpty(context, at, size.rows, size.columns);
    progress({ done: 1, total, label: `Writing ${tableName}` });
    const queued = queueTable(context, at, layout, tableName, benchmark, options.demo ?? false);
    await context.sync();
    progress({ done: 2, total, label: "Calculating the new cells" });
    context.workbook.application.calculate("Recalculate");
    const outcome = await countCalculatedCells(context, queued.counted, options.wait, progress);
    progress({ done: total, total, label: `Inserted ${tableName}` });
    return { address: placeDescription(at.sheetName, queued.address), tableName, outcome };
  });
}
