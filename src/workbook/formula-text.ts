/**
 * Formula text the layouts produce, in the form a person types (`=MKT.RSI([@Ticker])`): the pane
 * writes it through Office.js, the .xlsx writer turns it into the stored form (`_xldudf_MKT_RSI(…)`).
 */

/** The MKT functions the layouts call (a subset of the functions' catalog; a test keeps them in it). */
export type LayoutFunction =
  | "PRICE"
  | "TOTAL_RETURN"
  | "ROTATION_SPREAD"
  | "RELATIVE_STRENGTH"
  | "SMA"
  | "RSI"
  | "MA_CROSS"
  | "BREADTH"
  | "VALUATION"
  | "VALUATION_GAP"
  | "QUOTE";

export const MKT_NAMESPACE = "MKT";

/** An Excel string literal: double quotes, inner quotes doubled. */
export function excelString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** `MKT.FN(a, , "b")`: empty arguments are left empty, as Excel passes omitted ones; trailing ones are dropped. */
export function mktCall(fn: string, args: readonly string[]): string {
  let last = args.length;
  while (last > 0 && args[last - 1] === "") last--;
  return `${MKT_NAMESPACE}.${fn}(${args.slice(0, last).join(",")})`;
}

/** A literal argument: a number as written, a string quoted, null (omitted) empty. */
export function literalArgument(arg: string | number | null): string {
  if (arg === null) return "";
  return typeof arg === "number" ? String(arg) : excelString(arg);
}
