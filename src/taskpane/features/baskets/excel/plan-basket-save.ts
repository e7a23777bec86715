import { Basket, BasketStorageError, MAX_NAME_LENGTH, parseTickerList, validateBasketName } from "../../../../baskets";
import { BasketSheetState, findBasket, ownNames, resolveBaskets, StoredBasket } from "./basket-catalog";
import { BASKET_SHEET, basketTableName, TABLE_PREFIX } from "../../../../workbook";

const MAX_LABEL_LENGTH = 255;

export interface BasketContent {
  readonly name: string;
  readonly label: string;
  readonly tickers: readonly string[];
}

/** Cells that must be empty before a basket's table grows into them. */
export interface RoomNeeded {
  readonly column: number;
  readonly firstRow: number;
  readonly rowCount: number;
}

export type SavePlan =
  | { readonly kind: "create"; readonly content: BasketContent; readonly column: number; readonly sheetExists: boolean }
  | {
      readonly kind: "update";
      readonly content: BasketContent;
      readonly stored: StoredBasket;
      /** The name it is listed under now, when the save renames it. */
      readonly renameFrom: string | null;
      readonly room: RoomNeeded | null;
    };

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function checkedTickers(basket: Basket): string[] {
  const parsed = parseTickerList(basket.tickers.join(" "));
  if (parsed.problems.length > 0) {
    throw new BasketStorageError(`Basket ${basket.name}: ${parsed.problems.map((problem) => problem.message).join(" ")}`);
  }
  if (parsed.tickers.length === 0) throw new BasketStorageError(`Basket ${basket.name} needs at least one ticker.`);
  return [...parsed.tickers];
}

function checkedLabel(basket: Basket): string {
  const label = basket.label.trim();
  if (label.length > MAX_LABEL_LENGTH) {
    throw new BasketStorageError(`The label of ${basket.name} is longer than ${MAX_LABEL_LENGTH} characters.`);
  }
  return label === "" ? basket.name : label;
}

function checkName(name: string, state: BasketSheetState, mine: readonly string[]): void {
  const free = (other: string): boolean => !mine.some((own) => same(own, other));
  const inUse = [...state.names.map((record) => record.name), ...state.allTableNames].filter(free);
  const problem = validateBasketName(name, inUse);
  if (problem !== null) throw new BasketStorageError(problem.message);
  const tableName = basketTableName(name);
  if (tableName.length > MAX_NAME_LENGTH) {
    throw new BasketStorageError(`The name is too long: its table ${TABLE_PREFIX}… may have at most ${MAX_NAME_LENGTH} characters.`);
  }
  if (inUse.some((other) => same(other, tableName))) {
    throw new BasketStorageError(
      `The ${BASKET_SHEET} sheet needs a table called ${tableName}, and that name is already used in this workbook.`,
    );
  }
}

/**
 * Everything a save will do, decided from what the workbook holds now; throws a
 * BasketStorageError, before anything is written, when the save cannot go through.
 */
export function planBasketSave(state: BasketSheetState, basket: Basket, previousName?: string): SavePlan {
  const tickers = checkedTickers(basket);
  const label = checkedLabel(basket);
  const content: BasketContent = { name: basket.name, label, tickers };
  const baskets = resolveBaskets(state, BASKET_SHEET);
  const renaming = previousName !== undefined && !same(previousName, basket.name);
  const target = findBasket(baskets, basket.name);
  const stored = renaming ? findBasket(baskets, previousName) : target;
  if (renaming && stored === undefined) throw new BasketStorageError(`There is no basket ${previousName} to rename.`);
  if (renaming && target !== undefined) throw new BasketStorageError(`A basket named ${target.basket.name} already exists.`);
  checkName(basket.name, state, stored === undefined ? [] : ownNames(stored));
  if (stored === undefined) return { kind: "create", content, column: state.nextColumn, sheetExists: state.sheetExists };
  const { table } = stored;
  const room =
    tickers.length > table.bodyRows
      ? { column: table.column, firstRow: table.headerRow + 1 + table.bodyRows, rowCount: tickers.length - table.bodyRows }
      : null;
  return { kind: "update", content, stored, renameFrom: renaming ? stored.basket.name : null, room };
}
