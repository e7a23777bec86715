/** Excel number formats per kind, and the text format of typed constants: the shared layout's (src/workbook/formats.ts). */
export { NUMBER_FORMATS, TEXT_FORMAT } from "../../../workbook";

/** A rows × columns array of one value, the shape Range.values / formulas / numberFormat take. */
export function filled<T>(rows: number, columns: number, value: T): T[][] {
  return Array.from({ length: rows }, () => Array.from({ length: columns }, () => value));
}

/** One column of values as a rows × 1 array. */
export function column<T>(values: readonly T[]): T[][] {
  return values.map((value) => [value]);
}
