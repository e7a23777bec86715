import { DateCells, dayToIso, FormulaValue, isDateCell, NO_DATES, serialToDay } from "../src/functions";

/** One evaluated formula: its value and which of its cells are dates, or an Excel error code with a message. */
export type CliResult = { value: FormulaValue; dates?: DateCells } | { error: string; message: string };

/** How date cells are printed: ISO text ("2026-01-02") or Excel serials (46024), as a cell holds them. */
export type DateStyle = "iso" | "serial";

type Cell = number | string;

function cellOut(value: Cell, isDate: boolean, style: DateStyle): Cell {
  return isDate && style === "iso" && typeof value === "number" ? dayToIso(serialToDay(value)) : value;
}

/** The result's value with its date cells in `style`. */
function styled(result: { value: FormulaValue; dates?: DateCells }, style: DateStyle): FormulaValue {
  const dates = result.dates ?? NO_DATES;
  const { value } = result;
  if (!Array.isArray(value)) return cellOut(value, isDateCell(dates, 0, 0), style);
  return value.map((row, r) => row.map((cell, c) => cellOut(cell, isDateCell(dates, r, c), style)));
}

/** A spilled row as tab-separated text; empty cells at the end are left out, so no line ends in a tab. */
function rowText(row: readonly Cell[]): string {
  let end = row.length;
  while (end > 0 && row[end - 1] === "") end--;
  return row.slice(0, end).map(String).join("\t");
}

/**
 * Text output: a line per value, spilled results as tab-separated rows, errors as `#N/A message`;
 * dates as ISO dates unless `style` is "serial".
 */
export function formatText(result: CliResult, style: DateStyle = "iso"): string {
  if ("error" in result) return `${result.error} ${result.message}`;
  const value = styled(result, style);
  if (Array.isArray(value)) return value.map(rowText).join("\n");
  return String(value);
}

/** JSON output: numbers, strings, 2-D arrays, or {"error", "message"}; dates as Excel serials unless `style` is "iso". */
export function toJsonValue(result: CliResult, style: DateStyle = "serial"): unknown {
  return "error" in result ? { error: result.error, message: result.message } : styled(result, style);
}
