import type { FormulaName } from "../../functions/catalog";
import { ArgValue, CellExpression, TICKER } from "./sector-metrics";

/** An Excel string literal: double quotes, inner quotes doubled. */
export function excelString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** `MKT.FN(a, , "b")`: null arguments are left empty, as Excel passes omitted ones. */
export function mktCall(fn: FormulaName, args: readonly string[]): string {
  let last = args.length;
  while (last > 0 && args[last - 1] === "") last--;
  return `MKT.${fn}(${args.slice(0, last).join(",")})`;
}

function argText(arg: ArgValue, tickerRef: string): string {
  if (arg === TICKER) return tickerRef;
  if (arg === null) return "";
  return typeof arg === "number" ? String(arg) : excelString(arg);
}

function expressionText(expression: CellExpression, tickerRef: string): string {
  if (expression.kind === "ratio-minus-one") {
    return `${expressionText(expression.numerator, tickerRef)}/${expressionText(expression.denominator, tickerRef)}-1`;
  }
  const text = mktCall(expression.fn, expression.args.map((arg) => argText(arg, tickerRef)));
  return expression.pick === undefined ? text : `INDEX(${text},1,${expression.pick + 1})`;
}

/** The cell formula for a column, with `tickerRef` (e.g. `[@Ticker]` in a table) for the row's ticker. */
export function cellFormula(expression: CellExpression, tickerRef: string): string {
  return `=${expressionText(expression, tickerRef)}`;
}
