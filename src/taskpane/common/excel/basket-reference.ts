import type { Basket } from "../../../baskets";
import type { Benchmark } from "../../../workbook";
import { excelString } from "./excel-formula";

/** Excel refuses string literals longer than this inside a formula. */
const MAX_FORMULA_STRING = 255;

/**
 * How a formula names a basket: its workbook name when it is saved in this workbook, or its
 * tickers as a comma-list literal for a preset that was never saved (a name would be #NAME?).
 * `workbookNames` holds the workbook's names in lower case.
 */
export function basketArgument(basket: Basket, workbookNames: ReadonlySet<string>): string {
  if (!basket.preset) {
    if (!workbookNames.has(basket.name.toLowerCase())) {
      throw new Error(`Basket ${basket.name} is not saved in this workbook; save it first so formulas can use its name.`);
    }
    return basket.name;
  }
  const literal = excelString(basket.tickers.join(","));
  if (literal.length - 2 > MAX_FORMULA_STRING) {
    throw new Error(`Preset ${basket.name} has too many tickers to write into a formula; copy it to a saved basket first.`);
  }
  return literal;
}

export function benchmarkArgument(benchmark: Benchmark, workbookNames: ReadonlySet<string>): string {
  return benchmark.kind === "ticker" ? excelString(benchmark.ticker) : basketArgument(benchmark.basket, workbookNames);
}

/** Loads every workbook name (lower case) and every table name: what new names must not collide with. */
export function loadTakenNames(context: Excel.RequestContext): () => { names: Set<string>; taken: Set<string> } {
  const names = context.workbook.names.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  return () => {
    const nameSet = new Set(names.items.map((item) => item.name.toLowerCase()));
    const taken = new Set([...nameSet, ...tables.items.map((table) => table.name.toLowerCase())]);
    return { names: nameSet, taken };
  };
}
