import type { FormulaValue } from "../../../functions";

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
