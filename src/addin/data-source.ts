import {
  BatchingRelayProvider,
  DemoMarketProvider,
  FailureReason,
  HistoryProvider,
  HistoryStore,
  MarketStats,
  MarketStores,
  RelaySnapshotProvider,
  SnapshotProvider,
  SnapshotStore,
  snapshotProviderOf,
  unofferedSnapshotProvider,
} from "../market";
import { IndexedDbSeriesCache, indexedDbValuationCaches } from "../market/store/browser";
import { AddinSettings, readSettings } from "./settings";
import { useHistorySource } from "./history-source";

/**
 * The data source of the add-in's shared runtime: the custom functions and the task pane use
 * these stores (histories, and valuation data), so the pane's status shows the cells' requests and
 * "Refresh data" reaches them.
 */
let current: { readonly stores: MarketStores; readonly settings: AddinSettings } | null = null;
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
  // The demo's histories and synthetic fundamentals, computed here.
  if (settings.provider === "demo") return new DemoMarketProvider();
  return new BatchingRelayProvider({
    serverUrl: settings.serverUrl ?? pageOrigin,
    provider: settings.provider,
    apiKey: settings.apiKey,
    plan: settings.plan,
    maxBatchSymbols: BATCH_SYMBOLS,
  });
}

/**
 * Valuation data the same way: snapshots batched through the server (about 1 KB each, so full batches
 * of 100), earnings one request per ticker. Demo data is computed in the add-in by the demo provider
 * that makes the histories.
 */
function browserSnapshotProvider(settings: AddinSettings, pageOrigin: string, history: HistoryProvider): SnapshotProvider {
  if (settings.provider === "demo") return snapshotProviderOf(history) ?? unofferedSnapshotProvider("demo");
  return new RelaySnapshotProvider({
    serverUrl: settings.serverUrl ?? pageOrigin,
    provider: settings.provider,
    apiKey: settings.apiKey,
    plan: settings.plan,
  });
}

/** Builds the stores for `settings` (at start-up, and whenever the pane saves new settings); returns the history store. */
export function applySettings(settings: AddinSettings = readSettings(), pageOrigin: string = globalThis.location.origin): HistoryStore {
  const history = browserProvider(settings, pageOrigin);
  // Histories and valuation data persist in IndexedDB, so reopening a workbook recalculates without
  // refetching; demo data is generated locally and not worth keeping.
  const demo = settings.provider === "demo";
  const store = new HistoryStore(history, demo ? {} : { cache: new IndexedDbSeriesCache() });
  const valuation = new SnapshotStore(browserSnapshotProvider(settings, pageOrigin, history), demo ? {} : indexedDbValuationCaches());
  const stores = new MarketStores(store, valuation);
  current = { stores, settings };
  // Every calculation that reads prices or valuation data (a cell in Excel, a preview table) passes
  // here, so the status's "Last refresh" follows recalculations, not only the pane's "Refresh data".
  const touched = <T>(answer: Promise<T>): Promise<T> =>
    answer.finally(() => {
      lastRefresh = clock();
    });
  useHistorySource({
    get: (ticker) => touched(stores.get(ticker)),
    snapshot: (ticker) => touched(stores.snapshot(ticker)),
    earnings: (ticker) => touched(stores.earnings(ticker)),
  });
  for (const listener of [...settingsListeners]) listener(settings);
  return store;
}

function currentStores(): MarketStores {
  if (current === null) applySettings();
  return current!.stores;
}

/** Called with the new settings each time applySettings runs; returns the unsubscribe function. */
export function onSettingsApplied(listener: (settings: AddinSettings) => void): () => void {
  settingsListeners.add(listener);
  return () => void settingsListeners.delete(listener);
}

export interface DataSourceStatus {
  readonly settings: AddinSettings;
  /** Histories and valuation data together; `valuation` on its own. */
  readonly stats: MarketStats;
  /** Why data could not be had lately: distinct reasons with counts, most frequent first. */
  readonly failures: readonly FailureReason[];
  /** When cells last read prices (a recalculation or a refresh; ms), or null. */
  readonly lastRefresh: number | null;
}

export function dataSourceStatus(): DataSourceStatus {
  const stores = currentStores();
  return { settings: current!.settings, stats: stores.stats(), failures: stores.recentFailures(), lastRefresh };
}

/** The next calculation fetches fresh data; cached copies still answer if that fails. */
export function refreshData(): void {
  currentStores().refresh();
  lastRefresh = clock();
}

/**
 * "Retry now" for cells the plan's limits refused: the next calculation of them asks the data server
 * again instead of answering from the stores' memory of the refusal (kept until its retry time).
 */
export function retryRefusals(): void {
  currentStores().forgetRefusals();
}

/** For tests: the clock of "Last refresh". */
export function useDataSourceClock(now: () => number): void {
  clock = now;
}
