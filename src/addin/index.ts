/**
 * The add-in's runtime, shared by the custom functions and the task pane in Excel's shared runtime:
 * the analyst's settings (browser storage, never the workbook), the one data store both use, and the
 * history source the functions read (which the CLI points at its own store).
 */
export { DEFAULT_SETTINGS, readSettings, writeSettings } from "./settings";
export type { AddinSettings, SettingsStorage } from "./settings";
export { applySettings, dataSourceStatus, onSettingsApplied, refreshData, useDataSourceClock } from "./data-source";
export type { DataSourceStatus } from "./data-source";
export { loadHistories, loadHistory, useHistorySource } from "./history-source";
export type { HistorySource } from "./history-source";
