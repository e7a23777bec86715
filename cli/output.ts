import { FormulaValue } from "../src/functions";

/** One evaluated formula: its value, or an Excel error code with a message. */
export type CliResult = { value: FormulaValue } | { error: string; message: string };

function formatScalar(value: number | string): string {
  return typeof value === "number" ? String(value) : value;
}

/** Text output: a line per value, spilled results as tab-separated rows, errors as `#N/A message`. */
export function formatText(result: CliResult): string {
  if ("error" in result) return `${result.error} ${result.message}`;
  const { value } = result;
  if (Array.isArray(value)) return value.map((row) => row.map(formatScalar).join("\t")).join("\n");
  return formatScalar(value);
}

/** JSON output: numbers, strings, 2-D arrays, or {"error", "message"}. */
export function toJsonValue(result: CliResult): unknown {
  return "error" in result ? { error: result.error, message: result.message } : result.value;
}
