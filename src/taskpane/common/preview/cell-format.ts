import type { Highlight, NumberFormatKind } from "../format-kinds";
import type { CellResult } from "./cell-result";

/** How a cell looks: its text, a tooltip (error messages, exact values) and a highlight tone. */
export interface FormattedCell {
  readonly text: string;
  readonly title: string | null;
  readonly tone: CellTone | null;
  readonly numeric: boolean;
}

export type CellTone = "positive" | "negative" | "overbought" | "oversold" | "error";

/** Excel's serial number of 1970-01-01 in the 1900 date system. */
const EXCEL_EPOCH_OFFSET = 25_569;
const MS_PER_DAY = 86_400_000;

export function excelSerialToIso(serial: number): string {
  return new Date((Math.floor(serial) - EXCEL_EPOCH_OFFSET) * MS_PER_DAY).toISOString().slice(0, 10);
}

const PRICE = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const NUMBER = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const MULTIPLE = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
const BILLIONS = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 1, maximumFractionDigits: 1 });
const PERCENT = new Intl.NumberFormat("en-US", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** The text of a value under one of the table formats (the Excel writer uses matching number formats). */
export function formatValue(value: number | string, format: NumberFormatKind): string {
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return String(value);
  switch (format) {
    case "price":
      return PRICE.format(value);
    case "percent":
      return PERCENT.format(value);
    case "date":
      return excelSerialToIso(value);
    case "number":
      return NUMBER.format(value);
    case "text":
      return String(value);
    case "multiple":
      return `${MULTIPLE.format(value)}×`;
    case "billions":
      return `${BILLIONS.format(value / 1e9)}bn`;
  }
}

/** RSI bands as the Excel table's conditional formatting: 70 and above overbought, 30 and below oversold. */
function toneOf(value: number | string, highlight: Highlight | null): CellTone | null {
  if (typeof value !== "number") return null;
  if (highlight === "sign") return value > 0 ? "positive" : value < 0 ? "negative" : null;
  if (highlight === "rsi-bands") return value >= 70 ? "overbought" : value <= 30 ? "oversold" : null;
  return null;
}

export function formatCell(result: CellResult, format: NumberFormatKind, highlight: Highlight | null = null): FormattedCell {
  if (!result.ok) return { text: result.code, title: result.message, tone: "error", numeric: false };
  const numeric = typeof result.value === "number";
  return {
    text: formatValue(result.value, format),
    title: numeric && format !== "date" ? String(result.value) : null,
    tone: toneOf(result.value, highlight),
    numeric,
  };
}
