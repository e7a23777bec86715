import type { BasketSheetState, BasketTableRecord } from "./basket-catalog";
import { BASKET_SHEET, GAP_COLUMNS } from "../../../../workbook";

const cellText = (value: unknown): string => (value === null || value === undefined ? "" : String(value));

/** Reads the Baskets sheet, its tables and the workbook's names (four small syncs, no writes). */
export async function readBasketSheet(context: Excel.RequestContext): Promise<BasketSheetState> {
  const { workbook } = context;
  const sheet = workbook.worksheets.getItemOrNullObject(BASKET_SHEET);
  const names = workbook.names.load("items/name, items/formula");
  const allTables = workbook.tables.load("items/name");
  await context.sync();
  const nameRecords = names.items.map((item) => ({ name: item.name, formula: String(item.formula ?? "") }));
  const allTableNames = allTables.items.map((table) => table.name);
  if (sheet.isNullObject) {
    return { sheetExists: false, tables: [], names: nameRecords, allTableNames, nextColumn: 0 };
  }

  const tables = sheet.tables.load("items/name");
  const used = sheet.getUsedRangeOrNullObject(true).load("columnIndex, columnCount");
  await context.sync();
  const nextColumn = used.isNullObject ? 0 : used.columnIndex + used.columnCount + GAP_COLUMNS;

  const shapes = tables.items.map((table) => ({
    name: table.name,
    whole: table.getRange().load("rowIndex, columnIndex, columnCount"),
    body: table.getDataBodyRange().load("rowCount, values"),
  }));
  await context.sync();

  // Only single-column tables below the first row can be baskets (they have a label cell above).
  const candidates = shapes.filter((shape) => shape.whole.columnCount === 1 && shape.whole.rowIndex > 0);
  const labels = candidates.map((shape) => sheet.getRangeByIndexes(shape.whole.rowIndex - 1, shape.whole.columnIndex, 1, 1).load("values"));
  await context.sync();

  const records: BasketTableRecord[] = candidates.map((shape, i) => ({
    tableName: shape.name,
    headerRow: shape.whole.rowIndex,
    column: shape.whole.columnIndex,
    bodyRows: shape.body.rowCount,
    label: cellText(labels[i].values[0][0]),
    cells: shape.body.values.map((row) => row[0]),
  }));
  return { sheetExists: true, tables: records, names: nameRecords, allTableNames, nextColumn };
}
