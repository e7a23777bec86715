/**
 * The sector table's columns: described once in the shared layout layer (src/workbook), which the
 * Excel writer, the preview and the .xlsx writer of `mkt report` all read.
 */
export { ALL_METRICS, DEFAULT_METRICS, LIVE_METRICS, METRIC_COLUMNS, SECTOR_METRICS, TICKER, VALUATION_METRICS } from "../../../workbook";
export type { ArgValue, CellExpression, MetricColumn } from "../../../workbook";
