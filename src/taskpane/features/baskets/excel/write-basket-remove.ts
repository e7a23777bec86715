import type { StoredBasket } from "./basket-catalog";
import { BASKET_SHEET, LABEL_ROW } from "../../../../workbook";

/**
 * Queues the removal of a basket: its former names (aliases) first, then its own names, then the
 * table (Excel clears its cells) and the label. Stopped part-way, the table is still there and
 * the basket is still listed, so removing it again finishes the job.
 */
export function queueBasketRemove(context: Excel.RequestContext, stored: StoredBasket): void {
  const names = context.workbook.names;
  for (const alias of [...stored.aliases].reverse()) names.getItem(alias).delete();
  for (const other of stored.otherNames) names.getItem(other).delete();
  if (stored.primaryName !== null) names.getItem(stored.primaryName).delete();
  const sheet = context.workbook.worksheets.getItem(BASKET_SHEET);
  sheet.tables.getItem(stored.table.tableName).delete();
  if (stored.table.headerRow > LABEL_ROW) {
    sheet.getRangeByIndexes(stored.table.headerRow - 1, stored.table.column, 1, 1).clear();
  }
}
