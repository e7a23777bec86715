import { createContext, useContext } from "react";
import type { AddinSettings, DataSourceStatus } from "../../addin";
import type { Ticker } from "../../market";
import type { Workbook } from "./workbook";

/** Everything the pane talks to, passed in so the UI has no hidden globals. */
export interface PaneServices {
  readonly workbook: Workbook;
  readonly dataStatus: () => DataSourceStatus;
  /** Empties the data cache so the next calculation fetches fresh data. */
  readonly refreshData: () => void;
  /** "Retry now": the next calculation of refused cells asks the data server again instead of answering from memory. */
  readonly retryRefusals: () => void;
  readonly readSettings: () => AddinSettings;
  /** Stores settings in the add-in's browser storage (never the workbook); throws with a message. */
  readonly writeSettings: (settings: AddinSettings) => void;
  /** Points the shared data store (cells and pane) at the new settings. */
  readonly applySettings: (settings: AddinSettings) => void;
  /** Calls `listener` whenever settings are applied (from any part of the pane); returns the unsubscribe function. */
  readonly onSettingsChange: (listener: (settings: AddinSettings) => void) => () => void;
  /** One ticker's history through the shared store; rejects with MarketDataError. */
  readonly loadHistory: (ticker: Ticker) => Promise<unknown>;
  readonly fetch: typeof fetch;
  readonly pageOrigin: string;
  readonly now: () => number;
}

const ServicesContext = createContext<PaneServices | null>(null);
export const ServicesProvider = ServicesContext.Provider;

export function useServices(): PaneServices {
  const services = useContext(ServicesContext);
  if (services === null) throw new Error("useServices outside ServicesProvider");
  return services;
}
