import { DailySeries } from "../market";
import { describeValue } from "./args/display";
import { badArgument } from "./errors";

export type PriceField = "open" | "high" | "low" | "close" | "adjclose" | "volume";
export type HistoryField = "date" | PriceField;

export const PRICE_FIELDS: readonly PriceField[] = ["open", "high", "low", "close", "adjclose", "volume"];

/** STOCKHISTORY's property numbers (0 date … 5 volume), with 6 for the adjusted close. */
const STOCKHISTORY_CODES: readonly HistoryField[] = ["date", "close", "open", "high", "low", "volume", "adjclose"];

const HEADERS: Record<HistoryField, string> = {
  date: "Date",
  open: "Open",
  high: "High",
  low: "Low",
  close: "Close",
  adjclose: "Adj Close",
  volume: "Volume",
};

export function fieldHeader(field: HistoryField): string {
  return HEADERS[field];
}

export function priceColumn(series: DailySeries, field: PriceField): Float64Array {
  return field === "adjclose" ? series.adjClose : series[field];
}

function parseOneField(value: unknown, argument: string, allowDate: boolean): HistoryField {
  const names = allowDate ? STOCKHISTORY_CODES : PRICE_FIELDS;
  if (typeof value === "number" && allowDate && Number.isInteger(value) && STOCKHISTORY_CODES[value]) {
    return STOCKHISTORY_CODES[value];
  }
  if (typeof value === "string") {
    const name = value
      .trim()
      .toLowerCase()
      .replace(/[\s_-]/g, "");
    if ((names as readonly string[]).includes(name)) return name as HistoryField;
  }
  throw badArgument(argument, `${describeValue(value)} is not a field; use one of ${names.join(", ")}`);
}

export function parsePriceField(value: unknown, argument: string): PriceField {
  if (value === null || value === undefined || value === "") return "close";
  return parseOneField(value, argument, false) as PriceField;
}

/** Fields as a comma list ("date,close,volume"), a range of names, or STOCKHISTORY numbers. */
export function parseHistoryFields(value: unknown, argument: string): HistoryField[] {
  if (value === null || value === undefined || value === "") return ["date", "close"];
  const items = (Array.isArray(value) ? value.flat(2) : [value])
    .flatMap((item) => (typeof item === "string" ? item.split(/[,;]/) : [item]))
    .filter((item) => !(typeof item === "string" && item.trim() === ""));
  if (items.length === 0) throw badArgument(argument, "names no field");
  const fields = items.map((item) => parseOneField(item, argument, true));
  return fields.filter((field, i) => fields.indexOf(field) === i);
}
