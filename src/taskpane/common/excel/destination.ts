import { areaAddress } from "../../../workbook";
import { uniqueSheetName } from "./unique-names";

/** The top-left cell a block is written from. */
export interface Destination {
  readonly sheet: Excel.Worksheet;
  readonly sheetName: string;
  readonly row: number;
  readonly column: number;
  readonly newSheet: boolean;
}

/** Top-left cell of the selection on the active sheet. */
export async function selectionDestination(context: Excel.RequestContext): Promise<Destination> {
  const sheet = context.workbook.worksheets.getActiveWorksheet().load("name");
  const selection = context.workbook.getSelectedRange().load("rowIndex, columnIndex");
  await context.sync();
  return { sheet, sheetName: sheet.name, row: selection.rowIndex, column: selection.columnIndex, newSheet: false };
}

/** Queues a new sheet named after `base` ("Mag_7", else "Mag_7 (2)"…), top-left A1. */
export async function newSheetDestination(context: Excel.RequestContext, base: string): Promise<Destination> {
  const sheets = context.workbook.worksheets.load("items/name");
  await context.sync();
  const name = uniqueSheetName(base, new Set(sheets.items.map((sheet) => sheet.name.toLowerCase())));
  return { sheet: context.workbook.worksheets.add(name), sheetName: name, row: 0, column: 0, newSheet: true };
}

/**
 * Fails, before anything is written, when the block would overwrite a cell that holds something
 * or cut into a table; the message names the first such cell and the block's size.
 */
export async function assertEmpty(context: Excel.RequestContext, at: Destination, rows: number, columns: number): Promise<void> {
  if (at.newSheet) return;
  const block = at.sheet.getRangeByIndexes(at.row, at.column, rows, columns).load("formulas, values");
  const tables = block.getTables(false).load("items/name");
  await context.sync();
  const blockAddress = areaAddress(at.row, at.column, rows, columns);
  if (tables.items.length > 0) {
    throw new Error(
      `Cannot insert at ${at.sheetName}!${blockAddress}: it overlaps table ${tables.items[0].name}. Select an empty area or insert on a new sheet.`,
    );
  }
  let filledCount = 0;
  let first: string | null = null;
  block.formulas.forEach((line, r) =>
    line.forEach((formula, c) => {
      const value = block.values[r][c];
      if ((formula === "" || formula === null) && (value === "" || value === null)) return;
      filledCount++;
      first ??= areaAddress(at.row + r, at.column + c, 1, 1);
    }),
  );
  if (first !== null) {
    const others = filledCount > 1 ? ` and ${filledCount - 1} other cell${filledCount > 2 ? "s" : ""}` : "";
    throw new Error(
      `Cannot insert at ${at.sheetName}!${blockAddress} (${rows} rows × ${columns} columns): ${at.sheetName}!${first}${others} ${filledCount > 1 ? "are" : "is"} not empty. ` +
        "Select an empty area or insert on a new sheet; nothing was changed.",
    );
  }
}
