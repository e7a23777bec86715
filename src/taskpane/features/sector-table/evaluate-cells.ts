import { evaluateFormula } from "../../../functions";
import { CellResult, cellError, scalarOf } from "../../common/preview/cell-result";
import { benchmarkValue, tickerColumn } from "../../common/preview/formula-arguments";
import type { Benchmark } from "../../../workbook";
import { ArgValue, CellExpression, TICKER } from "./sector-metrics";
import { BENCHMARK, MEMBERS, SummaryArg, SummaryLine } from "./sector-table-layout";

function cellArgument(arg: ArgValue, ticker: string): unknown {
  return arg === TICKER ? ticker : arg;
}

/** The value the cell formula of `expression` would show in the row of `ticker` (a streaming QUOTE cell: its first quote). */
export async function evaluateCell(expression: CellExpression, ticker: string): Promise<CellResult> {
  if (expression.kind === "ratio-minus-one") {
    const [numerator, denominator] = await Promise.all([
      evaluateCell(expression.numerator, ticker),
      evaluateCell(expression.denominator, ticker),
    ]);
    if (!numerator.ok) return numerator;
    if (!denominator.ok) return denominator;
    if (typeof numerator.value !== "number" || typeof denominator.value !== "number") {
      return cellError("#VALUE!", "a ratio of values that are not numbers");
    }
    if (denominator.value === 0) return cellError("#DIV/0!", "division by zero");
    return { ok: true, value: numerator.value / denominator.value - 1 };
  }
  const outcome = await evaluateFormula(
    expression.fn,
    expression.args.map((arg) => cellArgument(arg, ticker)),
  );
  if (!outcome.ok) return cellError(outcome.error.code, outcome.error.message);
  return scalarOf(outcome.value, expression.pick);
}

function summaryArgument(arg: SummaryArg, members: readonly string[], benchmark: Benchmark): unknown {
  if (arg === MEMBERS) return tickerColumn(members);
  if (arg === BENCHMARK) return benchmarkValue(benchmark);
  return arg;
}

/** The value of a summary line under the table: members are the table's ticker column. */
export async function evaluateSummaryLine(line: SummaryLine, members: readonly string[], benchmark: Benchmark): Promise<CellResult> {
  const outcome = await evaluateFormula(
    line.fn,
    line.args.map((arg) => summaryArgument(arg, members, benchmark)),
  );
  if (!outcome.ok) return cellError(outcome.error.code, outcome.error.message);
  return scalarOf(outcome.value, undefined);
}
