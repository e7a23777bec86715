import { DemoProvider } from "../market/demo";
import { HistoryStore } from "../market/history-store";
import { RelayProvider } from "../market/relay-provider";
import { HistoryProvider } from "../market/types";
import { AddinSettings, readSettings } from "./addin-settings";
import { useHistorySource } from "./history-source";

/**
 * The data source of the add-in's shared runtime: the custom functions and the task pane use
 * this one store, so the pane's status shows the cells' requests and "Refresh data" reaches them.
 */
let store: HistoryStore | null = null;
let settingsInUse: AddinSettings | null = null;
let lastRefresh: number | null = null;

/** In Excel the functions reach providers through the add-in's own server (most send no CORS headers). */
function browserProvider(settings: AddinSettings, pageOrigin: string): HistoryProvider {
  if (settings.provider === "demo") return new DemoProvider();
  return new RelayProvider({ serverUrl: settings.serverUrl ?? pageOrigin, provider: settings.provider });
}

/** Builds the store for `settings` (at start-up, and whenever the pane saves new settings). */
export function applySettings(settings: AddinSettings = readSettings(), pageOrigin: string = globalThis.location.origin): HistoryStore {
  store = new HistoryStore(browserProvider(settings, pageOrigin));
  settingsInUse = settings;
  useHistorySource(store);
  return store;
}

export interface DataSourceStatus {
  readonly settings: AddinSettings;
  readonly stats: ReturnType<HistoryStore["stats"]>;
  /** When the analyst last refreshed data (ms), or null. */
  readonly lastRefresh: number | null;
}

export function dataSourceStatus(): DataSourceStatus {
  const current = store ?? applySettings();
  return { settings: settingsInUse ?? readSettings(), stats: current.stats(), lastRefresh };
}

/** Forgets cached histories so the next calculation fetches fresh data. */
export function refreshData(): void {
  (store ?? applySettings()).clear();
  lastRefresh = Date.now();
}
