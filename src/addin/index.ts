/**
 * The add-in's runtime, shared by the custom functions and the task pane in Excel's shared runtime:
 * the analyst's settings (browser storage, never the workbook), the one data store both use, the
 * history source the functions read (which the CLI points at its own store), and the cells the plan's
 * limits refused, which the functions record and the pane retries.
 */
export { DEFAULT_PLAN, DEFAULT_SETTINGS, knownPlan, readSettings, takesPlan, writeSettings } from "./settings";
export type { AddinSettings, SettingsStorage } from "./settings";
export { applySettings, dataSourceStatus, onSettingsApplied, refreshData, retryRefusals, useDataSourceClock } from "./data-source";
export type { DataSourceStatus } from "./data-source";
export { loadEarnings, loadHistories, loadHistory, loadSnapshot, useHistorySource } from "./history-source";
export type { HistorySource } from "./history-source";
export {
  clearRefusedCells,
  forgetRefusedCells,
  noteCellComputed,
  noteCellRefused,
  onRefusedCellsChange,
  refusalMark,
  refusalsSince,
  refusedCells,
} from "./refused-cells";
export type { Refusal, RefusalKind, RefusedCell } from "./refused-cells";
