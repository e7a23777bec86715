import {
  areaAddress,
  cellFormula,
  Highlight,
  highlightRules,
  membersReference,
  NUMBER_FORMATS,
  sectorBlock,
  sectorTableBaseName,
  SectorTableLayout,
  sectorTableLayout,
  sourcedTitle,
  summaryFormula,
  TEXT_FORMAT,
  tickerHeader,
  TITLE_FONT,
} from "../../../workbook";
import { placeDescription } from "../../../workbook";
import { benchmarkArgument, loadTakenNames } from "../../common/excel/basket-reference";
import { CalculationWait, countCalculatedCells, CountedRange } from "../../common/excel/calculated-cells";
import { assertEmpty, Destination, newSheetDestination, selectionDestination } from "../../common/excel/destination";
import { ExcelRunner, runInExcel } from "../../common/excel/excel-run";
import { column, filled } from "../../common/excel/number-formats";
import { uniqueTableName } from "../../common/excel/unique-names";
import type { SectorTableRequest } from "../../../workbook";
import type { InsertResult, ProgressListener, TablePlace } from "../../common/workbook";

/**
 * The sector table is described once in src/workbook (sector-table.ts: columns, formulas, block
 * geometry, formats and highlights), which the .xlsx writer of `mkt report` reads too; this file
 * only turns that description into Office.js calls.
 */
export { summaryFormula };

/** Title row, header row, one row per ticker, a blank row, then the summary lines. */
export function sectorBlockSize(layout: SectorTableLayout): { rows: number; columns: number } {
  const block = sectorBlock(layout);
  return { rows: block.rows, columns: block.columns };
}

/** The shared highlight rules (RSI bands fill the cell; signed values colour the text) as conditional formats. */
function addHighlight(range: Excel.Range, highlight: Highlight): void {
  for (const rule of highlightRules(highlight)) {
    const format = range.conditionalFormats.add("CellValue");
    format.cellValue.format.font.color = rule.font;
    if (rule.fill !== null) format.cellValue.format.fill.color = rule.fill;
    format.cellValue.rule = { formula1: `=${rule.threshold}`, operator: rule.operator };
  }
}

export interface TableWriteOptions {
  /** The data comes from the demo provider: the title says so. */
  readonly demo?: boolean;
  /** How long to wait for the new cells to calculate before counting them. */
  readonly wait?: CalculationWait;
}

export interface QueuedTable {
  readonly address: string;
  /** The cells holding MKT formulas: the body and the summary values. */
  readonly counted: readonly CountedRange[];
}

/** Queues the table's writes (no sync): title, header, tickers, the metric columns' formulas and formats, the summary. */
export function queueSectorTable(
  context: Excel.RequestContext,
  at: Destination,
  layout: SectorTableLayout,
  tableName: string,
  benchmark: string,
  demo: boolean,
): QueuedTable {
  const { sheet, row, column: col } = at;
  const count = layout.tickers.length;
  const block = sectorBlock(layout);
  context.workbook.application.suspendApiCalculationUntilNextSync();

  const title = sheet.getRangeByIndexes(row, col, 1, 1);
  title.numberFormat = [[TEXT_FORMAT]];
  title.values = [[sourcedTitle(layout.title, demo)]];
  title.format.font.bold = TITLE_FONT.bold;
  title.format.font.size = TITLE_FONT.size;

  const header = sheet.getRangeByIndexes(row + block.headerRow, col, 1, layout.headers.length);
  header.values = [[...layout.headers]];
  const tickers = sheet.getRangeByIndexes(row + block.firstBodyRow, col, count, 1);
  tickers.numberFormat = filled(count, 1, TEXT_FORMAT);
  tickers.values = column(layout.tickers);
  const table = sheet.tables.add(sheet.getRangeByIndexes(row + block.headerRow, col, count + 1, layout.headers.length), true);
  table.name = tableName;

  layout.columns.forEach((metric, i) => {
    const body = sheet.getRangeByIndexes(row + block.firstBodyRow, col + 1 + i, count, 1);
    body.numberFormat = filled(count, 1, NUMBER_FORMATS[metric.format]);
    body.formulas = filled(count, 1, cellFormula(metric.value, `[@${tickerHeader(layout)}]`));
    if (metric.highlight !== null) addHighlight(body, metric.highlight);
  });

  const summaryTop = row + block.summaryRow;
  layout.summary.forEach((line, i) => {
    const labelCell = sheet.getRangeByIndexes(summaryTop + i, col, 1, 1);
    labelCell.numberFormat = [[TEXT_FORMAT]];
    labelCell.values = [[line.label]];
    const valueCell = sheet.getRangeByIndexes(summaryTop + i, col + 1, 1, 1);
    valueCell.numberFormat = [[NUMBER_FORMATS[line.format]]];
    valueCell.formulas = [[summaryFormula(line.fn, line.args, membersReference(tableName, layout), benchmark)]];
  });

  // From the header down: the long title would widen the ticker column.
  sheet.getRangeByIndexes(row + block.headerRow, col, block.rows - 1, block.columns).format.autofitColumns();
  if (at.newSheet) sheet.activate();
  return {
    address: areaAddress(row, col, block.rows, block.columns),
    counted: [
      { range: sheet.getRangeByIndexes(row + block.firstBodyRow, col + 1, count, layout.columns.length) },
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
    const tableName = uniqueTableName(sectorTableBaseName(request.basket.name), known.taken);
    const at = place === "selection" ? await selectionDestination(context) : await newSheetDestination(context, request.basket.name);
    await assertEmpty(context, at, size.rows, size.columns);
    progress({ done: 1, total, label: `Writing ${tableName}` });
    const queued = queueSectorTable(context, at, layout, tableName, benchmark, options.demo ?? false);
    await context.sync();
    progress({ done: 2, total, label: "Calculating the new cells" });
    context.workbook.application.calculate("Recalculate");
    const outcome = await countCalculatedCells(context, queued.counted, options.wait, progress);
    progress({ done: total, total, label: `Inserted ${tableName}` });
    return { address: placeDescription(at.sheetName, queued.address), tableName, outcome };
  });
}
