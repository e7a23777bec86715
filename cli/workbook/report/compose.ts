import type { Basket } from "../../../src/baskets";
import {
  absoluteCell,
  basketNameFormula,
  basketSheetLayout,
  BASKET_COMMENT,
  BASKET_SHEET,
  Benchmark,
  cellFormula,
  columnAbsoluteCell,
  excelString,
  HEADER_ROW,
  highlightRules,
  LABEL_ROW,
  membersReference,
  NUMBER_FORMATS,
  ROTATION_SHEET_BASE_NAME,
  rotationLayout,
  RotationViewRequest,
  rotationTitle,
  sectorBlock,
  sectorTableBaseName,
  sectorTableLayout,
  SectorTableRequest,
  seriesStyle,
  sourcedTitle,
  SPREADS_TABLE_BASE_NAME,
  spreadFormula,
  strengthChartAxes,
  strengthChartTitle,
  strengthFormula,
  strengthTitle,
  SUBTITLE_FONT,
  summaryFormula,
  TEXT_FORMAT,
  TICKER_HEADER,
  tickerHeader,
  TITLE_FONT,
  validateRotationRequest,
} from "../../../src/workbook";
import { Book, BookSheet, CellStyle, newSheet, setCell } from "./book";
import { storedFormula } from "./stored-formula";

/**
 * The report's workbook, composed from the same layouts the task pane writes with (src/workbook):
 * one sheet per sector table, the rotation view with its chart, and the Baskets sheet with a table
 * and a workbook name per basket, so every formula names its baskets as in the pane.
 */

export interface ReportRequest {
  readonly sectorTables: readonly SectorTableRequest[];
  readonly rotation: RotationViewRequest | null;
  /** Excel serials of the rotation view's weekly dates (the pane's weeklyDates). */
  readonly rotationDates: readonly number[];
  readonly demo: boolean;
}

const TITLE: CellStyle = { numberFormat: TEXT_FORMAT, bold: TITLE_FONT.bold, size: TITLE_FONT.size };
const SUBTITLE: CellStyle = { numberFormat: TEXT_FORMAT, bold: SUBTITLE_FONT.bold };
const TEXT: CellStyle = { numberFormat: TEXT_FORMAT };
const GENERAL: CellStyle = { numberFormat: NUMBER_FORMATS.text };
const BOLD_TEXT: CellStyle = { numberFormat: TEXT_FORMAT, bold: true };

function uniqueName(base: string, taken: Set<string>, tail: (n: number) => string, maxLength: number): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : tail(n);
    const candidate = base.slice(0, maxLength - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

function sheetName(base: string, taken: Set<string>): string {
  let clean = base
    .replace(/[[\]:*?/\\]/g, "_")
    .replace(/^'+|'+$/g, "")
    .trim();
  if (clean === "" || clean.toLowerCase() === "history") clean = `${clean || "Sheet"}_`;
  return uniqueName(clean, taken, (n) => ` (${n})`, 31);
}

/** The baskets the report saves on its Baskets sheet, each once, in order of first use. */
function savedBaskets(request: ReportRequest): Basket[] {
  const found = new Map<string, Basket>();
  const add = (basket: Basket): void => {
    if (!found.has(basket.name.toLowerCase())) found.set(basket.name.toLowerCase(), basket);
  };
  const addBenchmark = (benchmark: Benchmark): void => {
    if (benchmark.kind === "basket") add(benchmark.basket);
  };
  for (const table of request.sectorTables) {
    add(table.basket);
    addBenchmark(table.benchmark);
  }
  if (request.rotation !== null) {
    request.rotation.baskets.forEach(add);
    addBenchmark(request.rotation.benchmark);
  }
  return [...found.values()];
}

/** Every basket is saved in the report, so formulas name it (`Mag_7`) as the pane does for saved baskets. */
function benchmarkArgument(benchmark: Benchmark): string {
  return benchmark.kind === "ticker" ? excelString(benchmark.ticker) : benchmark.basket.name;
}

/** Column widths as Excel's autofit would roughly make them: the longest text, in characters. */
function autofit(
  sheet: BookSheet,
  fromRow: number,
  toRow: number,
  fromColumn: number,
  toColumn: number,
  text: (row: number, column: number) => string,
): void {
  for (let column = fromColumn; column <= toColumn; column++) {
    let width = sheet.widths.get(column) ?? 8.43;
    for (let row = fromRow; row <= toRow; row++) width = Math.max(width, text(row, column).length * 1.1 + 2);
    sheet.widths.set(column, Math.min(60, Math.round(width * 100) / 100));
  }
}

/** Text a cell will show, for widths: formatted numbers take about 9 characters. */
function shown(sheet: BookSheet, row: number, column: number): string {
  const cell = sheet.cells.get(row * 16_384 + column);
  if (cell === undefined) return "";
  if (cell.formula !== null) return "-0,000.00%";
  return typeof cell.value === "string" ? cell.value : cell.value === null ? "" : "0000-00-00";
}

function composeSectorTable(book: Book, request: SectorTableRequest, demo: boolean, sheets: Set<string>, tables: Set<string>): void {
  const layout = sectorTableLayout(request);
  const block = sectorBlock(layout);
  const sheet = newSheet(sheetName(request.basket.name, sheets));
  const tableName = uniqueName(sectorTableBaseName(request.basket.name), tables, String, 255);
  const tickerRef = `[@${tickerHeader(layout)}]`;
  setCell(sheet, block.titleRow, 0, { value: sourcedTitle(layout.title, demo), formula: null, style: TITLE });
  layout.headers.forEach((header, c) => setCell(sheet, block.headerRow, c, { value: header, formula: null, style: GENERAL }));
  const calculated: (string | null)[] = [null];
  layout.columns.forEach((column) => calculated.push(storedFormula(cellFormula(column.value, tickerRef), tableName)));
  layout.tickers.forEach((ticker, r) => {
    const row = block.firstBodyRow + r;
    setCell(sheet, row, 0, { value: ticker, formula: null, style: TEXT });
    layout.columns.forEach((column, c) => {
      setCell(sheet, row, 1 + c, { value: null, formula: calculated[1 + c], style: { numberFormat: NUMBER_FORMATS[column.format] } });
    });
  });
  const lastRow = block.firstBodyRow + block.bodyRows - 1;
  sheet.tables.push({
    name: tableName,
    area: { top: block.headerRow, left: 0, bottom: lastRow, right: block.columns - 1 },
    columns: layout.headers,
    calculated,
  });
  layout.columns.forEach((column, c) => {
    if (column.highlight !== null) {
      sheet.conditionalFormats.push({
        area: { top: block.firstBodyRow, left: 1 + c, bottom: lastRow, right: 1 + c },
        rules: highlightRules(column.highlight),
      });
    }
  });
  const members = membersReference(tableName, layout);
  const benchmark = benchmarkArgument(request.benchmark);
  layout.summary.forEach((line, i) => {
    const row = block.summaryRow + i;
    setCell(sheet, row, 0, { value: line.label, formula: null, style: TEXT });
    setCell(sheet, row, 1, {
      value: null,
      formula: storedFormula(summaryFormula(line.fn, line.args, members, benchmark)),
      style: { numberFormat: NUMBER_FORMATS[line.format] },
    });
  });
  // From the header down: the long title would widen the ticker column (as the pane's autofit).
  autofit(sheet, block.headerRow, block.rows - 1, 0, block.columns - 1, (r, c) => shown(sheet, r, c));
  book.sheets.push(sheet);
}

function composeRotation(
  book: Book,
  request: RotationViewRequest,
  dates: readonly number[],
  demo: boolean,
  sheets: Set<string>,
  tables: Set<string>,
): void {
  validateRotationRequest(request);
  const layout = rotationLayout(request, dates);
  const sheet = newSheet(sheetName(ROTATION_SHEET_BASE_NAME, sheets));
  const tableName = uniqueName(SPREADS_TABLE_BASE_NAME, tables, String, 255);
  const benchmark = benchmarkArgument(request.benchmark);
  const { spreadsHeaderRow: top, strengthHeaderRow: rsTop } = layout;
  const count = request.baskets.length;
  setCell(sheet, 0, 0, { value: rotationTitle(request, demo), formula: null, style: TITLE });
  ["Basket", ...request.periods].forEach((header, c) => setCell(sheet, top, c, { value: header, formula: null, style: GENERAL }));
  request.baskets.forEach((basket, r) => {
    setCell(sheet, top + 1 + r, 0, { value: basket.name, formula: null, style: TEXT });
    request.periods.forEach((period, c) =>
      setCell(sheet, top + 1 + r, 1 + c, {
        value: null,
        formula: storedFormula(spreadFormula(basket.name, benchmark, period)),
        style: { numberFormat: NUMBER_FORMATS.percent },
      }),
    );
  });
  sheet.tables.push({
    name: tableName,
    area: { top, left: 0, bottom: top + count, right: request.periods.length },
    columns: ["Basket", ...request.periods],
    calculated: ["Basket", ...request.periods].map(() => null),
  });
  sheet.conditionalFormats.push({
    area: { top: top + 1, left: 1, bottom: top + count, right: request.periods.length },
    rules: highlightRules("sign"),
  });

  const firstIso = new Date(Math.round((dates[0] - 25_569) * 86_400_000)).toISOString().slice(0, 10);
  setCell(sheet, layout.strengthTitleRow, 0, { value: strengthTitle(request, firstIso, demo), formula: null, style: SUBTITLE });
  ["Date", ...request.baskets.map((basket) => basket.name)].forEach((header, c) =>
    setCell(sheet, rsTop, c, { value: header, formula: null, style: GENERAL }),
  );
  const start = absoluteCell(rsTop + 1, 0);
  dates.forEach((date, i) => {
    const row = rsTop + 1 + i;
    setCell(sheet, row, 0, { value: date, formula: null, style: { numberFormat: NUMBER_FORMATS.date } });
    request.baskets.forEach((basket, c) =>
      setCell(sheet, row, 1 + c, {
        value: null,
        formula: storedFormula(strengthFormula(basket.name, benchmark, start, columnAbsoluteCell(row, 0))),
        style: { numberFormat: NUMBER_FORMATS.percent },
      }),
    );
  });
  const axes = strengthChartAxes(dates);
  sheet.chart = {
    title: strengthChartTitle(request, demo),
    from: { row: layout.chart.fromRow, column: layout.chart.fromColumn },
    to: { row: layout.chart.toRow, column: layout.chart.toColumn },
    series: request.baskets.map((_, i) => {
      const style = seriesStyle(i);
      return {
        nameCell: { row: rsTop, column: 1 + i },
        values: { top: rsTop + 1, left: 1 + i, bottom: rsTop + dates.length, right: 1 + i },
        categories: { top: rsTop + 1, left: 0, bottom: rsTop + dates.length, right: 0 },
        color: style.color,
        dash: style.drawingDash,
      };
    }),
    categoryFormat: axes.dateNumberFormat,
    valueFormat: axes.valueNumberFormat,
    gridlineColor: axes.gridlineColor,
    majorMonths: axes.majorMonths,
    minorMonths: axes.minorMonths,
    lineWeightPoints: axes.lineWeightPoints,
    valueScale: null,
  };
  autofit(sheet, top, top + count, 0, request.periods.length, (r, c) => shown(sheet, r, c));
  autofit(sheet, rsTop, rsTop + dates.length, 0, count, (r, c) => shown(sheet, r, c));
  book.sheets.push(sheet);
}

function composeBaskets(book: Book, baskets: readonly Basket[], sheets: Set<string>, tables: Set<string>): void {
  if (baskets.length === 0) return;
  sheets.add(BASKET_SHEET.toLowerCase());
  const sheet = newSheet(BASKET_SHEET);
  for (const column of basketSheetLayout(baskets)) {
    tables.add(column.tableName.toLowerCase());
    setCell(sheet, LABEL_ROW, column.column, { value: column.label, formula: null, style: BOLD_TEXT });
    setCell(sheet, HEADER_ROW, column.column, { value: TICKER_HEADER, formula: null, style: TEXT });
    column.basket.tickers.forEach((ticker, i) =>
      setCell(sheet, HEADER_ROW + 1 + i, column.column, { value: ticker, formula: null, style: TEXT }),
    );
    sheet.tables.push({
      name: column.tableName,
      area: { top: HEADER_ROW, left: column.column, bottom: HEADER_ROW + column.basket.tickers.length, right: column.column },
      columns: [TICKER_HEADER],
      calculated: [null],
    });
    book.names.push({ name: column.basket.name, formula: storedFormula(basketNameFormula(column.tableName)), comment: BASKET_COMMENT });
    autofit(sheet, LABEL_ROW, HEADER_ROW + column.basket.tickers.length, column.column, column.column, (r, c) =>
      r === LABEL_ROW ? "" : shown(sheet, r, c),
    );
  }
  book.sheets.push(sheet);
}

/** The report's workbook before calculation: sector tables, rotation view, Baskets sheet. */
export function composeReport(request: ReportRequest): Book {
  const book: Book = { sheets: [], names: [] };
  const sheetNames = new Set<string>([BASKET_SHEET.toLowerCase()]);
  const baskets = savedBaskets(request);
  const tableNames = new Set<string>(baskets.flatMap((basket) => [basket.name.toLowerCase(), `basket_${basket.name}`.toLowerCase()]));
  for (const table of request.sectorTables) composeSectorTable(book, table, request.demo, sheetNames, tableNames);
  if (request.rotation !== null) composeRotation(book, request.rotation, request.rotationDates, request.demo, sheetNames, tableNames);
  composeBaskets(book, baskets, sheetNames, tableNames);
  return book;
}
