/** A plain decimal as providers write numbers in text: "228.84000", "-0.5", "35462000", "1.12e+08". */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The finite number in a JSON number or a decimal string (Twelve Data and Alpha Vantage send
 * prices as strings); null for anything else, including "", "NaN", "Infinity", "1,234" and "1e999".
 */
export function decimalValue(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || !DECIMAL_TEXT.test(value)) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}
