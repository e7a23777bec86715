import { evaluateFormula, FORMULAS, isFormulaName } from "../src/functions";
import { BasketNames } from "./basket-names";
import { CliResult } from "./output";
import { FormulaSyntaxError, NameReference, ParsedArg, parseFormula } from "./formula-parser";

/** Parameters that take a basket (a list of tickers); a quoted basket name is read as the basket there only. */
const BASKET_PARAMS: ReadonlySet<string> = new Set(["tickers", "basketA", "basketB", "a", "b"]);

/** Where notices about how an argument was read go (stderr, after the "mkt: " prefix). */
export type Notice = (text: string) => void;

const toStderr: Notice = (text) => process.stderr.write(`mkt: ${text}\n`);

/** A basket's members as Excel passes a workbook name over a column of tickers: one ticker per row. */
const column = (tickers: readonly string[]): string[][] => tickers.map((ticker) => [ticker]);

/**
 * Names resolved to their baskets, and a quoted text that is exactly a basket's name, in a parameter
 * that takes a basket, read as that basket (with a notice: Excel would read it as a ticker).
 */
function resolveNames(
  args: readonly ParsedArg[],
  params: readonly string[],
  names: BasketNames,
  notice: Notice,
): unknown[] | { unknown: NameReference } {
  const resolved: unknown[] = [];
  for (const [i, arg] of args.entries()) {
    if (typeof arg === "string" && BASKET_PARAMS.has(params[i] ?? "")) {
      const basket = names.quotedBasket(arg);
      if (basket !== null) {
        if (basket.notice !== null) notice(basket.notice);
        resolved.push(column(basket.tickers));
        continue;
      }
    }
    if (!(arg instanceof NameReference)) {
      resolved.push(arg);
      continue;
    }
    const tickers = names.tickers(arg.name);
    if (tickers === null) return { unknown: arg };
    resolved.push(column(tickers));
  }
  return resolved;
}

/** Evaluates one formula text with the same catalog the add-in registers in Excel. */
export async function evaluateText(text: string, names: BasketNames = new BasketNames(), notice: Notice = toStderr): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseFormula(text);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return { error: "#VALUE!", message: `cannot read formula: ${error.message}` };
    throw error;
  }
  if (!isFormulaName(parsed.name)) {
    return { error: "#NAME?", message: `MKT has no function ${parsed.name}` };
  }
  const args = resolveNames(parsed.args, FORMULAS[parsed.name].params, names, notice);
  if (!Array.isArray(args)) return { error: "#NAME?", message: names.unknown(args.unknown.name) };
  const outcome = await evaluateFormula(parsed.name, args);
  return outcome.ok ? { value: outcome.value, dates: outcome.dates } : { error: outcome.error.code, message: outcome.error.message };
}
