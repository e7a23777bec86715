import type { NumberFormatKind } from "../format-kinds";

/** Excel number formats per kind. "text" stays General: a cell formatted as Text would store a formula as text. */
export const NUMBER_FORMATS: Readonly<Record<NumberFormatKind, string>> = {
  price: "#,##0.00",
  percent: "0.0%",
  date: "yyyy-mm-dd",
  number: "0.0",
  text: "General",
};

/** Text format for cells that hold constants the analyst typed (labels, tickers), so "=…" or "1E5" stay text. */
export const TEXT_FORMAT = "@";

/** A rows × columns array of one value, the shape Range.values / formulas / numberFormat take. */
export function filled<T>(rows: number, columns: number, value: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => value));
}

/** One column of values as a rows × 1 array. */
export function column<T>(values: readonly T[]): T[][] {
  return values.map((value) => [value]);
}
