/**
 * The add-in's runtime, shared by the custom functions and the task pane in Excel's shared runtime:
 * the analyst's settings (browser storage, never the workbook), the one data store both use, the
 * history source the functions read (which the CLI points at its own store), the cells the plan's
 * limits refused, which the functions record and the pane retries, and the live quotes QUOTE cells
 * watch: one subscription per ticker over one stream to the data server (the CLI asks providers directly).
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
export { createQuoteBoard } from "./quote-board";
export type { LiveQuoteStats, QuoteBoard, QuoteEvent, QuoteListener } from "./quote-board";
export type { QuoteConnectionState, QuoteFeed, QuoteFeedSink, QuoteFeedStatus } from "./quote-feed";
export { LocalQuoteFeed } from "./quote-local-feed";
export type { LocalQuoteFeedOptions } from "./quote-local-feed";
export { createQuoteStreamFeed } from "./quote-stream-feed";
export type { QuoteStreamFeed, QuoteStreamFeedOptions } from "./quote-stream-feed";
export {
  addinQuoteFeed,
  boardQuoteSource,
  FIRST_QUOTE_TIMEOUT_MS,
  firstQuote,
  liveQuoteStatus,
  loadQuote,
  quoteErrorOf,
  useQuoteSource,
  watchQuote,
} from "./quote-source";
export type { QuoteSource } from "./quote-source";
export { directQuoteSource } from "./quote-direct-source";
export type { DirectQuoteSource, DirectQuoteSourceOptions } from "./quote-direct-source";
