import { areaAddress } from "../../../../workbook";
import { column, filled, TEXT_FORMAT } from "../../../common/excel/number-formats";
import type { StoredBasket } from "./basket-catalog";
import {
  aliasComment,
  aliasFormula,
  BASKET_COMMENT,
  BASKET_SHEET,
  basketNameFormula,
  basketTableName,
  HEADER_ROW,
  LABEL_ROW,
  TICKER_HEADER,
} from "../../../../workbook";
import type { BasketContent, RoomNeeded, SavePlan } from "./plan-basket-save";

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Reads the cells a growing table would cover and fails when any holds something. */
export async function checkRoom(context: Excel.RequestContext, room: RoomNeeded, basket: string): Promise<string | null> {
  const sheet = context.workbook.worksheets.getItem(BASKET_SHEET);
  const cells = sheet.getRangeByIndexes(room.firstRow, room.column, room.rowCount, 1).load("formulas");
  await context.sync();
  const busy = cells.formulas.findIndex((row) => row[0] !== "" && row[0] !== null);
  if (busy < 0) return null;
  const address = areaAddress(room.firstRow + busy, room.column, 1, 1);
  return `Basket ${basket} cannot grow: cell ${BASKET_SHEET}!${address} below its table is not empty. Move that cell's content, then save again.`;
}

function writeLabel(sheet: Excel.Worksheet, column: number, label: string): void {
  const cell = sheet.getRangeByIndexes(LABEL_ROW, column, 1, 1);
  cell.numberFormat = [[TEXT_FORMAT]];
  cell.values = [[label]];
  cell.format.font.bold = true;
}

function queueCreate(context: Excel.RequestContext, content: BasketContent, columnIndex: number, sheetExists: boolean): void {
  const sheet = sheetExists ? context.workbook.worksheets.getItem(BASKET_SHEET) : context.workbook.worksheets.add(BASKET_SHEET);
  writeLabel(sheet, columnIndex, content.label);
  const area = sheet.getRangeByIndexes(HEADER_ROW, columnIndex, content.tickers.length + 1, 1);
  area.numberFormat = filled(content.tickers.length + 1, 1, TEXT_FORMAT);
  area.values = column([TICKER_HEADER, ...content.tickers]);
  const table = sheet.tables.add(area, true);
  table.name = basketTableName(content.name);
  context.workbook.names.add(content.name, basketNameFormula(basketTableName(content.name)), BASKET_COMMENT);
}

/**
 * Rewrites the members so that, at every point where Excel could stop, the table holds either
 * the old list or the new one (blank rows are not members): grow first, then write all rows in
 * one assignment, then shrink.
 */
function queueMembers(sheet: Excel.Worksheet, stored: StoredBasket, tickers: readonly string[]): void {
  const { table } = stored;
  const proxy = sheet.tables.getItem(table.tableName);
  const rows = Math.max(tickers.length, table.bodyRows);
  const resizeTo = (bodyRows: number): void => proxy.resize(sheet.getRangeByIndexes(table.headerRow, table.column, bodyRows + 1, 1));
  if (tickers.length > table.bodyRows) resizeTo(tickers.length);
  const body = sheet.getRangeByIndexes(table.headerRow + 1, table.column, rows, 1);
  body.numberFormat = filled(rows, 1, TEXT_FORMAT);
  body.values = column(Array.from({ length: rows }, (_, i) => tickers[i] ?? ""));
  if (tickers.length < table.bodyRows) resizeTo(tickers.length);
}

/** Renames table and name; the old name stays as an alias (`=New`) so formulas that use it keep working. */
function queueRename(context: Excel.RequestContext, sheet: Excel.Worksheet, stored: StoredBasket, from: string, to: string): void {
  const names = context.workbook.names;
  const tableName = basketTableName(to);
  if (!same(stored.table.tableName, tableName)) sheet.tables.getItem(stored.table.tableName).name = tableName;
  const reused = [...stored.otherNames, ...stored.aliases].find((name) => same(name, to));
  if (reused === undefined) {
    names.add(to, basketNameFormula(tableName), BASKET_COMMENT);
  } else {
    const item = names.getItem(reused);
    item.formula = basketNameFormula(tableName);
    item.comment = BASKET_COMMENT;
  }
  if (stored.primaryName !== null && same(stored.primaryName, from)) {
    const old = names.getItem(stored.primaryName);
    old.formula = aliasFormula(to);
    old.comment = aliasComment(to);
  }
}

function queueUpdate(context: Excel.RequestContext, plan: Extract<SavePlan, { kind: "update" }>): void {
  const sheet = context.workbook.worksheets.getItem(BASKET_SHEET);
  const { stored, content } = plan;
  queueMembers(sheet, stored, content.tickers);
  writeLabel(sheet, stored.table.column, content.label);
  if (plan.renameFrom !== null) {
    queueRename(context, sheet, stored, plan.renameFrom, content.name);
  } else if (stored.primaryName === null) {
    context.workbook.names.add(content.name, basketNameFormula(stored.table.tableName), BASKET_COMMENT);
  }
}

/** Queues every write of a save; the caller syncs once. */
export function queueBasketSave(context: Excel.RequestContext, plan: SavePlan): void {
  if (plan.kind === "create") queueCreate(context, plan.content, plan.column, plan.sheetExists);
  else queueUpdate(context, plan);
}
