import { evaluateFormula, isFormulaName } from "../src/functions";
import { BasketNames } from "./basket-names";
import { CliResult } from "./output";
import { FormulaSyntaxError, NameReference, ParsedArg, parseFormula } from "./formula-parser";

/** A name's members as Excel passes a workbook name over a column of tickers: one ticker per row. */
function resolveNames(args: readonly ParsedArg[], names: BasketNames): unknown[] | { unknown: NameReference } {
  const resolved: unknown[] = [];
  for (const arg of args) {
    if (!(arg instanceof NameReference)) {
      resolved.push(arg);
      continue;
    }
    const tickers = names.tickers(arg.name);
    if (tickers === null) return { unknown: arg };
    resolved.push(tickers.map((ticker) => [ticker]));
  }
  return resolved;
}

/** Evaluates one formula text with the same catalog the add-in registers in Excel. */
export async function evaluateText(text: string, names: BasketNames = new BasketNames()): Promise<CliResult> {
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
  const args = resolveNames(parsed.args, names);
  if (!Array.isArray(args)) return { error: "#NAME?", message: names.unknown(args.unknown.name) };
  const outcome = await evaluateFormula(parsed.name, args);
  return outcome.ok ? { value: outcome.value, dates: outcome.dates } : { error: outcome.error.code, message: outcome.error.message };
}
