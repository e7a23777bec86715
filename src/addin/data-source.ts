import { BatchingRelayProvider, DemoProvider, HistoryProvider, HistoryStore } from "../market";
import { IndexedDbSeriesCache } from "../market/store/browser";
import { AddinSettings, readSettings } from "./settings";
import { useHistorySource } from "./history-source";

/**
 * The data source of the add-in's shared runtime: the custom functions and the task pane use
 * this one store, so the pane's status shows the cells' requests and "Refresh data" reaches them.
 */
let current: { readonly store: HistoryStore; readonly settings: AddinSettings } | null = null;
let lastRefresh: number | null = null;

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
  useHistorySource(store);
  return store;
}

function currentStore(): HistoryStore {
  return current?.store ?? applySettings();
}

export interface DataSourceStatus {
  readonly settings: AddinSettings;
  readonly stats: ReturnType<HistoryStore["stats"]>;
  /** When the analyst last refreshed data (ms), or null. */
  readonly lastRefresh: number | null;
}

export function dataSourceStatus(): DataSourceStatus {
  const stats = currentStore().stats();
  return { settings: current!.settings, stats, lastRefresh };
}

/** The next calculation fetches fresh data; cached copies still answer if that fails. */
export function refreshData(): void {
  currentStore().refresh();
  lastRefresh = Date.now();
}
