import type { Basket } from "../../../../baskets";
import { parseTicker } from "../../../../market";
import { columnLetters } from "../../../../workbook";
import { TABLE_PREFIX, TICKER_HEADER } from "../../../../workbook";

/** A table on the Baskets sheet as read from the workbook. */
export interface BasketTableRecord {
  readonly tableName: string;
  /** 0-based row of the header, and the table's column. */
  readonly headerRow: number;
  readonly column: number;
  readonly bodyRows: number;
  /** Text of the cell above the header. */
  readonly label: string;
  /** Body cells as read (may hold blanks or junk typed by hand). */
  readonly cells: readonly unknown[];
}

export interface NameRecord {
  readonly name: string;
  readonly formula: string;
}

/** What the storage reads before every change. */
export interface BasketSheetState {
  readonly sheetExists: boolean;
  readonly tables: readonly BasketTableRecord[];
  /** Every workbook-scoped name. */
  readonly names: readonly NameRecord[];
  /** Every table in the workbook (table names share the namespace of defined names). */
  readonly allTableNames: readonly string[];
  /** First column right of everything on the Baskets sheet, after the gap. */
  readonly nextColumn: number;
}

/** A basket found in the workbook, with the names that lead to it. */
export interface StoredBasket {
  readonly basket: Basket;
  readonly table: BasketTableRecord;
  /** The name the basket is listed under; null when no name points at the table any more. */
  readonly primaryName: string | null;
  /** Other names that point straight at the table. */
  readonly otherNames: readonly string[];
  /** Names that refer to one of the above (`=Mag_7`): former names kept after a rename. */
  readonly aliases: readonly string[];
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const STRUCTURED = new RegExp(`^=\\s*([^\\s\\[\\]!'"=]+)\\[(?:\\[#Data\\],\\s*)?\\[?${TICKER_HEADER}\\]?\\]\\s*$`, "i");
const A1_AREA = /^=\s*(?:'?([^'!]+)'?!)?\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)\s*$/i;
const NAME_ONLY = /^=\s*([\p{L}_][\p{L}\p{Nd}_.]*)\s*$/u;

function bodyAddress(table: BasketTableRecord): { first: string; last: string } {
  const letters = columnLetters(table.column);
  return { first: `${letters}${table.headerRow + 2}`, last: `${letters}${table.headerRow + 1 + table.bodyRows}` };
}

/** The basket table a name's formula points at: `=Basket_X[Ticker]`, or its body as an A1 area. */
export function tableOfFormula(formula: string, tables: readonly BasketTableRecord[], sheet: string): BasketTableRecord | undefined {
  const structured = STRUCTURED.exec(formula);
  if (structured) return tables.find((table) => same(table.tableName, structured[1]));
  const area = A1_AREA.exec(formula);
  if (area && (area[1] === undefined || same(area[1], sheet))) {
    const first = `${area[2]}${area[3]}`;
    const last = `${area[4]}${area[5]}`;
    return tables.find((table) => {
      const body = bodyAddress(table);
      return same(body.first, first) && same(body.last, last);
    });
  }
  return undefined;
}

/** The name a formula such as `=Mag_7` refers to, or null. */
export function aliasTarget(formula: string): string | null {
  return NAME_ONLY.exec(formula)?.[1] ?? null;
}

/** Normalized, unique tickers of the body cells; blanks and text that is not a ticker are skipped. */
export function tickersOf(cells: readonly unknown[]): string[] {
  const tickers: string[] = [];
  for (const cell of cells) {
    if (typeof cell !== "string" && typeof cell !== "number") continue;
    try {
      const symbol = parseTicker(String(cell));
      if (!tickers.includes(symbol)) tickers.push(symbol);
    } catch {
      // Not a ticker (a note typed under the list, say): not a member.
    }
  }
  return tickers;
}

function namesReaching(targets: readonly string[], names: readonly NameRecord[]): string[] {
  const reached: string[] = [];
  let frontier = [...targets];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const record of names) {
      const target = aliasTarget(record.formula);
      if (target === null || reached.some((name) => same(name, record.name))) continue;
      if (targets.some((name) => same(name, record.name))) continue;
      if (frontier.some((name) => same(name, target))) {
        reached.push(record.name);
        next.push(record.name);
      }
    }
    frontier = next;
  }
  return reached;
}

/**
 * The baskets a workbook holds. The workbook names are the truth: a name over the `Ticker`
 * column of a table on the Baskets sheet is a basket. When several names point at one table
 * (an interrupted rename), the one matching the table's name wins; a `Basket_…` table no name
 * points at is still listed, under the name its table carries, so it can be saved or removed.
 */
export function resolveBaskets(state: BasketSheetState, sheet: string): StoredBasket[] {
  const baskets: StoredBasket[] = [];
  const ordered = [...state.tables].sort((a, b) => a.column - b.column || a.headerRow - b.headerRow);
  for (const table of ordered) {
    const pointing = state.names.filter((record) => tableOfFormula(record.formula, [table], sheet) !== undefined).map((r) => r.name);
    const derived = table.tableName.toLowerCase().startsWith(TABLE_PREFIX.toLowerCase())
      ? table.tableName.slice(TABLE_PREFIX.length)
      : null;
    const primaryName = pointing.find((name) => derived !== null && same(name, derived)) ?? pointing[0] ?? null;
    const listedAs = primaryName ?? derived;
    if (listedAs === null || listedAs === "") continue;
    const label = table.label.trim() === "" ? listedAs : table.label.trim();
    baskets.push({
      basket: { name: listedAs, label, tickers: tickersOf(table.cells), preset: false },
      table,
      primaryName,
      otherNames: pointing.filter((name) => name !== primaryName),
      aliases: namesReaching(pointing, state.names),
    });
  }
  return baskets;
}

/** The stored basket listed as `name` (names ignore case). */
export function findBasket(baskets: readonly StoredBasket[], name: string): StoredBasket | undefined {
  return baskets.find((stored) => same(stored.basket.name, name));
}

/** Every name that belongs to a stored basket (its own, other direct names, aliases) and its table name. */
export function ownNames(stored: StoredBasket): string[] {
  const names = [...stored.otherNames, ...stored.aliases, stored.table.tableName];
  if (stored.primaryName !== null) names.push(stored.primaryName);
  return names;
}
