import type { FormulaValue } from "../../../functions";
import { groupMessages } from "../outcome";
import type { CellOutcome } from "../workbook";

/** One evaluated cell of a preview table: a value, or an Excel error with its message. */
export type CellResult =
  { readonly ok: true; readonly value: number | string } | { readonly ok: false; readonly code: string; readonly message: string };

export function cellError(code: string, message: string): CellResult {
  return { ok: false, code, message };
}

/**
 * The single value a cell shows. A spilled row (MA_CROSS) shows element `pick` in the preview,
 * as `INDEX(…, 1, pick + 1)` does in Excel; without `pick` the top-left value spills first.
 */
export function scalarOf(value: FormulaValue, pick: number | undefined): CellResult {
  if (!Array.isArray(value)) return { ok: true, value };
  const row = value[0] ?? [];
  const index = pick ?? 0;
  if (index >= row.length) return cellError("#REF!", `the result has ${row.length} columns, no column ${index + 1}`);
  return { ok: true, value: row[index] };
}

/**
 * How evaluated cells came out, as the pane reports it; the preview knows each error's message.
 * `tickerOf` names the ticker of a cell's row, where it has one, so one reason over many tickers counts once.
 */
export function outcomeOf(results: readonly CellResult[], tickerOf: (index: number) => string | null = () => null): CellOutcome {
  const errors: { message: string; ticker: string | null }[] = [];
  results.forEach((result, index) => {
    if (!result.ok) errors.push({ message: result.message, ticker: tickerOf(index) });
  });
  return { cells: results.length, errors: errors.length, pending: 0, messages: groupMessages(errors) };
}

/** Several outcomes as one (a recalculation over several tables); messages are kept per table, most common first. */
export function sumOutcomes(outcomes: readonly CellOutcome[]): CellOutcome {
  return {
    cells: outcomes.reduce((sum, outcome) => sum + outcome.cells, 0),
    errors: outcomes.reduce((sum, outcome) => sum + outcome.errors, 0),
    pending: outcomes.reduce((sum, outcome) => sum + outcome.pending, 0),
    messages: outcomes.flatMap((outcome) => outcome.messages).sort((a, b) => b.cells - a.cells),
  };
}
