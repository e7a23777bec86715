/** How a table cell shows its value: the Excel writer's number format and the preview's text. */
export type NumberFormatKind = "price" | "percent" | "date" | "number" | "text";

/** Conditional formatting a column gets: RSI bands, signed returns. */
export type Highlight = "rsi-bands" | "sign";
