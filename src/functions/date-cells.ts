/**
 * Which cells of a formula's result hold Excel date serials. Excel shows them through the cell's
 * date format; outside Excel (the `mkt` CLI) they are printed as ISO dates.
 */
export type DateCells =
  | { readonly kind: "none" }
  /** The whole (single) result is a date. */
  | { readonly kind: "value" }
  /** In a spilled result: these columns, from this row on (rows above are headers). */
  | { readonly kind: "columns"; readonly columns: readonly number[]; readonly fromRow: number };

export const NO_DATES: DateCells = { kind: "none" };
export const SCALAR_DATE: DateCells = { kind: "value" };

/** Whether cell (row, column) of a spilled result is a date; for a single value pass 0, 0. */
export function isDateCell(dates: DateCells, row: number, column: number): boolean {
  switch (dates.kind) {
    case "none":
      return false;
    case "value":
      return true;
    case "columns":
      return row >= dates.fromRow && dates.columns.includes(column);
  }
}
