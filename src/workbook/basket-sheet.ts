import type { Basket } from "../baskets";

/**
 * Where baskets live in a workbook: the sheet `Baskets`, one Excel table per basket in its own
 * column (label in row 1, header `Ticker` in row 2, tickers below), a blank column between
 * baskets, and a workbook name per basket over its ticker column: `Mag_7` → `=Basket_Mag_7[Ticker]`,
 * which grows with the table. The task pane's basket storage and the .xlsx writer both follow it.
 */
export const BASKET_SHEET = "Baskets";
export const TABLE_PREFIX = "Basket_";
export const TICKER_HEADER = "Ticker";

/** Row of a basket's label; its table's header row is the next one. */
export const LABEL_ROW = 0;
export const HEADER_ROW = 1;
/** Columns between two baskets, so their tables never touch. */
export const GAP_COLUMNS = 1;

export const BASKET_COMMENT = "Basket saved by Rotation Desk; its members are in the table on the Baskets sheet.";

export function basketTableName(name: string): string {
  return `${TABLE_PREFIX}${name}`;
}

/** The formula of a basket's workbook name: the ticker column of its table. */
export function basketNameFormula(tableName: string): string {
  return `=${tableName}[${TICKER_HEADER}]`;
}

/** A former name of a renamed basket points at the current name, so old formulas keep working. */
export function aliasFormula(target: string): string {
  return `=${target}`;
}

/** Excel keeps at most this many characters in a name's comment. */
const MAX_COMMENT = 255;

export function aliasComment(target: string): string {
  return `Former name of basket ${target}, kept so formulas that use it still work (Rotation Desk).`.slice(0, MAX_COMMENT);
}

export interface BasketColumn {
  readonly basket: Basket;
  readonly column: number;
  readonly label: string;
  readonly tableName: string;
}

/** The Baskets sheet for `baskets`, written from column A: one column each, a blank column between. */
export function basketSheetLayout(baskets: readonly Basket[]): BasketColumn[] {
  return baskets.map((basket, i) => ({
    basket,
    column: i * (1 + GAP_COLUMNS),
    label: basket.label.trim() === "" ? basket.name : basket.label.trim(),
    tableName: basketTableName(basket.name),
  }));
}
