import { BatchingRelayProvider, DemoProvider, FailureReason, HistoryProvider, HistoryStore } from "../market";
import { IndexedDbSeriesCache } from "../market/store/browser";
import { AddinSettings, readSettings } from "./settings";
import { useHistorySource } from "./history-source";

/**
 * The data source of the add-in's shared runtime: the custom functions and the task pane use
 * this one store, so the pane's status shows the cells' requests and "Refresh data" reaches them.
 */
let current: { readonly store: HistoryStore; readonly settings: AddinSettings } | null = null;
let lastRefresh: number | null = null;
let clock: () => number = Date.now;
const settingsListeners = new Set<(settings: AddinSettings) => void>();

/**
 * Symbols per batch request: full histories are ~350 KB of JSON each, and the webview parses a
 * whole answer at once, so several moderate batches beat one huge one.
 */
const BATCH_SYMBOLS = 25;

/**
 * In Excel the functions reach providers through the add-in's own server (most send no CORS
 * headers), batching each recalculation's requests; the analyst's key goes in a header.
 */
function browserProvider(settings: AddinSettings, pageOrigin: string): HistoryProvider {
  if (settings.provider === "demo") return new DemoProvider();
  return new BatchingRelayProvider({
    serverUrl: settings.serverUrl ?? pageOrigin,
    provider: settings.provider,
    apiKey: settings.apiKey,
    plan: settings.plan,
    maxBatchSymbols: BATCH_SYMBOLS,
  });
}

/** Builds the store for `settings` (at start-up, and whenever the pane saves new settings). */
export function applySettings(settings: AddinSettings = readSettings(), pageOrigin: string = globalThis.location.origin): HistoryStore {
  // Histories persist in IndexedDB, so reopening a workbook recalculates without refetching;
  // demo data is generated locally and not worth keeping.
  const cache = settings.provider === "demo" ? {} : { cache: new IndexedDbSeriesCache() };
  const store = new HistoryStore(browserProvider(settings, pageOrigin), cache);
  current = { store, settings };
  // Every calculation that reads prices (a cell in Excel, a preview table) passes here, so the
  // status's "Last refresh" follows recalculations, not only the pane's "Refresh data".
  useHistorySource({
    get: (ticker) =>
      store.get(ticker).finally(() => {
        lastRefresh = clock();
      }),
  });
  for (const listener of [...settingsListeners]) listener(settings);
  return store;
}

function currentStore(): HistoryStore {
  return current?.store ?? applySettings();
}

/** Called with the new settings each time applySettings runs; returns the unsubscribe function. */
export function onSettingsApplied(listener: (settings: AddinSettings) => void): () => void {
  settingsListeners.add(listener);
  return () => void settingsListeners.delete(listener);
}

export interface DataSourceStatus {
  readonly settings: AddinSettings;
  readonly stats: ReturnType<HistoryStore["stats"]>;
  /** Why data could not be had lately: distinct reasons with counts, most frequent first. */
  readonly failures: readonly FailureReason[];
  /** When cells last read prices (a recalculation or a refresh; ms), or null. */
  readonly lastRefresh: number | null;
}

export function dataSourceStatus(): DataSourceStatus {
  const store = currentStore();
  return { settings: current!.settings, stats: store.stats(), failures: store.recentFailures(), lastRefresh };
}

/** The next calculation fetches fresh data; cached copies still answer if that fails. */
export function refreshData(): void {
  currentStore().refresh();
  lastRefresh = clock();
}

/**
 * "Retry now" for cells the plan's limits refused: the next calculation of them asks the data server
 * again instead of answering from the store's memory of the refusal (kept until its retry time).
 */
export function retryRefusals(): void {
  currentStore().forgetRefusals();
}

/** For tests: the clock of "Last refresh". */
export function useDataSourceClock(now: () => number): void {
  clock = now;
}
