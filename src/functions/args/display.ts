import { entityText } from "./cell-values";

/** Shows an argument value inside an error message: short, quoted, control characters escaped. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (typeof value === "string") return quoted(value);
  if (Array.isArray(value)) return "a range";
  const entity = entityText(value);
  if (entity !== null) return `the data type ${quoted(entity)}`;
  if (typeof value === "object") return "a data type value";
  return String(value);
}

function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
