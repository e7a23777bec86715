/** The cell formula for a column, with `tickerRef` (e.g. `[@Ticker]` in a table) for the row's ticker: see src/workbook. */
export { cellFormula } from "../../../workbook";
