import type { FormulaName } from "../../../functions";

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
