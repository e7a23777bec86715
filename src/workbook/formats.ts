/** How a table cell shows its value: the Excel writers' number format and the preview's text. */
export type NumberFormatKind = "price" | "percent" | "date" | "number" | "text" | "multiple" | "billions";

/** Conditional formatting a column gets: RSI bands, signed returns. */
export type Highlight = "rsi-bands" | "sign";

/** Excel number formats per kind. "text" stays General: a cell formatted as Text would store a formula as text. */
export const NUMBER_FORMATS: Readonly<Record<NumberFormatKind, string>> = {
  price: "#,##0.00",
  percent: "0.0%",
  date: "yyyy-mm-dd",
  number: "0.0",
  text: "General",
  // P/E ratios: "24.3×".
  multiple: '0.0"×"',
  // Market caps in billions: three thousands separators after the digits divide by 10^9.
  billions: '$#,##0.0,,,"bn"',
};

/** Text format for cells that hold constants the analyst typed (labels, tickers), so "=…" or "1E5" stay text. */
export const TEXT_FORMAT = "@";

/** Excel's built-in "Good" and "Bad" cell colours. */
export const GOOD = { font: "#006100", fill: "#C6EFCE" } as const;
export const BAD = { font: "#9C0006", fill: "#FFC7CE" } as const;

/** RSI above this is overbought (red), below RSI_OVERSOLD oversold (green). */
export const RSI_OVERBOUGHT = 70;
export const RSI_OVERSOLD = 30;

/** One "cell value" conditional-format rule: `value <operator> threshold` → font colour (and fill). */
export interface HighlightRule {
  readonly operator: "GreaterThan" | "LessThan";
  readonly threshold: number;
  readonly font: string;
  /** Fill colour, or null to colour the text only. */
  readonly fill: string | null;
}

/** RSI bands fill the cell; signed values (returns, spreads) only colour the text. */
export function highlightRules(highlight: Highlight): readonly HighlightRule[] {
  if (highlight === "rsi-bands") {
    return [
      { operator: "GreaterThan", threshold: RSI_OVERBOUGHT, font: BAD.font, fill: BAD.fill },
      { operator: "LessThan", threshold: RSI_OVERSOLD, font: GOOD.font, fill: GOOD.fill },
    ];
  }
  return [
    { operator: "GreaterThan", threshold: 0, font: GOOD.font, fill: null },
    { operator: "LessThan", threshold: 0, font: BAD.font, fill: null },
  ];
}

/** A block's title cell: bold, larger. */
export const TITLE_FONT = { bold: true, size: 14 } as const;
/** A sub-title (the relative-strength block's): bold, normal size. */
export const SUBTITLE_FONT = { bold: true, size: null } as const;
