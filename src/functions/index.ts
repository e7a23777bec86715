/**
 * The MKT functions' front door for the layers above (task pane, CLI, benchmarks): run a formula by
 * name, which of its result cells are dates, and the date conventions cells use (Excel serials,
 * periods). Excel itself registers the functions from functions.ts.
 */
export { evaluateFormula, FORMULAS, isFormulaName } from "./catalog";
export type { FormulaName, FormulaOutcome, FormulaValue } from "./catalog";
export { isDateCell, NO_DATES } from "./date-cells";
export type { DateCells } from "./date-cells";
export type { CellRefusal, FormulaError, FormulaErrorCode } from "./errors";
export { describeRetryTime, recalculateAfterText } from "./cell-refusals";
export { parseDateArg, resolveDay } from "./args/dates";
export { dayToIso, dayToSerial, serialToDay } from "./args/days";
export { localDay, weeklyDates } from "./weekly-dates";
export { marketTimeSerial, streamQuote } from "./impl/quote";
export type { QuoteCell } from "./impl/quote";
export { parseQuoteField, QUOTE_FIELDS } from "./args/quote-fields";
export type { QuoteField } from "./args/quote-fields";
