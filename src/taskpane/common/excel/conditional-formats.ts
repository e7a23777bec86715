import type { Highlight } from "../format-kinds";

/** Excel's built-in "Good" and "Bad" cell colours. */
export const GOOD = { font: "#006100", fill: "#C6EFCE" } as const;
export const BAD = { font: "#9C0006", fill: "#FFC7CE" } as const;

/** RSI above this is overbought (red), below RSI_OVERSOLD oversold (green). */
export const RSI_OVERBOUGHT = 70;
export const RSI_OVERSOLD = 30;

type Operator = "GreaterThan" | "LessThan";

function addRule(range: Excel.Range, operator: Operator, threshold: number, colours: { font: string; fill: string }, fill: boolean): void {
  const format = range.conditionalFormats.add("CellValue");
  format.cellValue.format.font.color = colours.font;
  if (fill) format.cellValue.format.fill.color = colours.fill;
  format.cellValue.rule = { formula1: `=${threshold}`, operator };
}

/** RSI bands fill the cell; signed values (returns, spreads) only colour the text. */
export function addHighlight(range: Excel.Range, highlight: Highlight): void {
  if (highlight === "rsi-bands") {
    addRule(range, "GreaterThan", RSI_OVERBOUGHT, BAD, true);
    addRule(range, "LessThan", RSI_OVERSOLD, GOOD, true);
  } else {
    addRule(range, "GreaterThan", 0, GOOD, false);
    addRule(range, "LessThan", 0, BAD, false);
  }
}
