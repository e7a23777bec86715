import { excelString, mktCall } from "../../common/excel/excel-formula";
import { ArgValue, CellExpression, TICKER } from "./sector-metrics";

function argText(arg: ArgValue, tickerRef: string): string {
  if (arg === TICKER) return tickerRef;
  if (arg === null) return "";
  return typeof arg === "number" ? String(arg) : excelString(arg);
}

function expressionText(expression: CellExpression, tickerRef: string): string {
  if (expression.kind === "ratio-minus-one") {
    return `${expressionText(expression.numerator, tickerRef)}/${expressionText(expression.denominator, tickerRef)}-1`;
  }
  const text = mktCall(
    expression.fn,
    expression.args.map((arg) => argText(arg, tickerRef)),
  );
  return expression.pick === undefined ? text : `INDEX(${text},1,${expression.pick + 1})`;
}

/** The cell formula for a column, with `tickerRef` (e.g. `[@Ticker]` in a table) for the row's ticker. */
export function cellFormula(expression: CellExpression, tickerRef: string): string {
  return `=${expressionText(expression, tickerRef)}`;
}
