import { valueAxisScale } from "../../../src/workbook";
import type { TableInfo } from "../formula/evaluate";
import { ExcelError, Scalar } from "../formula/values";
import { cellKey, keyCell } from "../refresh/cell-keys";
import { describeCell, ModelCell, recalculate, RecalcModel } from "../refresh/recalc";
import { Book, COLUMNS } from "./book";

export interface CalculatedReport {
  readonly formulaCells: number;
  /** Cells whose value is an error, with why. */
  readonly problems: readonly { readonly cell: string; readonly code: string; readonly message: string }[];
}

/** The book as the recalculation's model: every formula is new, so every formula is computed. */
function bookModel(book: Book): RecalcModel {
  const cells = new Map<number, ModelCell>();
  const tables: TableInfo[] = [];
  book.sheets.forEach((sheet, index) => {
    for (const [position, cell] of sheet.cells) {
      const row = Math.floor(position / COLUMNS);
      const column = position % COLUMNS;
      cells.set(cellKey(index, row, column), {
        sheet: index,
        row,
        column,
        formula: cell.formula,
        cached: cell.value,
        dynamic: false,
        arrayRef: null,
      });
    }
    for (const table of sheet.tables)
      tables.push({ name: table.name, sheet: index, ...table.area, headerRows: 1, totalsRows: 0, columns: table.columns });
  });
  return {
    sheets: book.sheets.map((sheet) => sheet.name),
    cells,
    names: book.names.map((name) => ({ name: name.name, localSheet: null, formula: name.formula })),
    tables,
  };
}

/**
 * Computes every formula of the report with the refresh's engine (the functions' own code for MKT
 * calls) and stores the values as the cells' cached values; the chart's value axis is then rounded
 * around them, as the pane does after Excel calculates.
 */
export async function calculateReport(book: Book, now: Date): Promise<CalculatedReport> {
  const model = bookModel(book);
  const serial = (now.getTime() - now.getTimezoneOffset() * 60_000) / 86_400_000 + 25_569;
  const result = await recalculate(model, { today: Math.floor(serial), now: serial });
  const problems: { cell: string; code: string; message: string }[] = [];
  for (const [key, outcome] of result.formulas) {
    const { sheet, row, column } = keyCell(key);
    const cell = book.sheets[sheet].cells.get(row * COLUMNS + column)!;
    const value: Scalar = outcome.kind === "value" ? outcome.value : new ExcelError("#VALUE!", outcome.reason);
    cell.value = value;
    if (value instanceof ExcelError) problems.push({ cell: describeCell(model, key), code: value.code, message: value.message });
  }
  for (const sheet of book.sheets) {
    const chart = sheet.chart;
    if (chart === null) continue;
    const values = chart.series.map((series) => {
      const column: unknown[] = [];
      for (let row = series.values.top; row <= series.values.bottom; row++)
        column.push(sheet.cells.get(row * COLUMNS + series.values.left)?.value);
      return column;
    });
    chart.valueScale = valueAxisScale(values);
  }
  return { formulaCells: result.formulas.size, problems: problems.sort((a, b) => a.cell.localeCompare(b.cell)) };
}
