import { DemoProvider } from "../market/demo";
import { HistoryStore } from "../market/history-store";
import { RelayProvider } from "../market/relay-provider";
import { HistoryProvider } from "../market/types";

/** The analyst's provider choice, kept in the add-in's own storage (set by the task pane). */
export const PROVIDER_SETTING_KEY = "rotation-desk.provider";

function readSetting(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null; // storage can be disabled in locked-down browsers
  }
}

/** In Excel the functions reach Yahoo through the add-in's own server (Yahoo sends no CORS headers). */
export function browserProvider(serverUrl: string): HistoryProvider {
  const choice = readSetting(PROVIDER_SETTING_KEY);
  if (choice === "demo") return new DemoProvider();
  return new RelayProvider({ serverUrl, provider: "yahoo" });
}

export function browserHistoryStore(serverUrl: string): HistoryStore {
  return new HistoryStore(browserProvider(serverUrl));
}
