import { describeValue } from "./display";
import { badArgument } from "../errors";

/** QUOTE's fields, as the analyst types them. */
export const QUOTE_FIELDS = [
  "price",
  "change",
  "change_pct",
  "prev_close",
  "open",
  "day_high",
  "day_low",
  "volume",
  "time",
  "delay",
] as const;
export type QuoteField = (typeof QUOTE_FIELDS)[number];

/** A field name in any case, with spaces or hyphens for underscores ("Change %" too); omitted: price. */
export function parseQuoteField(value: unknown, argument: string): QuoteField {
  if (value === null || value === undefined || value === "") return "price";
  if (typeof value === "string") {
    const name = value
      .trim()
      .toLowerCase()
      .replace(/\s*%$/, "_pct")
      .replace(/[\s-]+/g, "_");
    if ((QUOTE_FIELDS as readonly string[]).includes(name)) return name as QuoteField;
  }
  throw badArgument(argument, `${describeValue(value)} is not a quote field; use one of ${QUOTE_FIELDS.join(", ")}`);
}
