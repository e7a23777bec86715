import { directQuoteSource, useHistorySource, useQuoteSource } from "../../src/addin";
import {
  createDirectProvider,
  createDirectQuoteProvider,
  DEFAULT_QUOTE_INTERVAL_SECONDS,
  HistoryStore,
  MarketStores,
  PROVIDER_SPECS,
  ProviderName,
  SnapshotStore,
  snapshotProviderOf,
  unofferedSnapshotProvider,
} from "../../src/market";
import type { HistoryProvider, HistoryStoreOptions, SnapshotStoreOptions } from "../../src/market";
import { DiskSeriesCache, diskValuationCaches } from "../../src/market/store/node";
import { CLI_PROVIDER_CONTEXT } from "../command-line";

const DISK_CACHE_TIMEOUT_MS = 60_000;

export interface CliDataSource {
  /** Histories and valuation data of the provider: what the functions read, with one set of counters (stats) and flush. */
  readonly store: MarketStores;
  /** The disk cache of histories in use, or null (--no-cache, or the demo provider, which needs none). */
  readonly cache: DiskSeriesCache | null;
}

/**
 * The stores of one provider called directly with its plan's limits, as the functions' source in a
 * terminal: histories, and valuation snapshots and earnings through the same provider instance
 * (createDirectProvider's serves both, so they share the plan's queue, windows and daily quota, and
 * its retries are counted once, by the history store). A provider without valuation data answers
 * each snapshot with a MarketDataError saying so.
 */
export function directStores(
  provider: HistoryProvider,
  historyOptions: HistoryStoreOptions = {},
  valuationOptions: SnapshotStoreOptions = {},
): MarketStores {
  const snapshots = snapshotProviderOf(provider);
  return new MarketStores(
    new HistoryStore(provider, historyOptions),
    new SnapshotStore(snapshots ?? unofferedSnapshotProvider(provider.name), { ...valuationOptions, countRetries: false }),
  );
}

/**
 * The stores the workbook commands compute with, made the functions' source: the provider with its
 * plan's limits, and (unless `noCache`) the disk cache behind the session's memory, so a scheduled
 * run fetches only the sessions since the last one where the provider takes a start date, and no
 * snapshot or earnings history fetched since the last US close (in `snapshots/` and `earnings/` beside
 * the histories).
 */
export function useCliDataSource(provider: ProviderName, options: { noCache: boolean; cacheDirectory?: string }): CliDataSource {
  const cache =
    options.noCache || provider === "demo"
      ? null
      : new DiskSeriesCache(options.cacheDirectory === undefined ? {} : { directory: options.cacheDirectory });
  // A local disk does not hang the way a browser's IndexedDB can: wait for it rather than refetch.
  const histories = createDirectProvider(provider, undefined, null, CLI_PROVIDER_CONTEXT);
  const store = directStores(
    histories,
    { ...(cache === null ? {} : { cache }), supportsSince: PROVIDER_SPECS[provider].supportsSince, cacheTimeoutMs: DISK_CACHE_TIMEOUT_MS },
    { ...(cache === null ? {} : diskValuationCaches({ directory: cache.directory })), cacheTimeoutMs: DISK_CACHE_TIMEOUT_MS },
  );
  useHistorySource(store);
  // QUOTE cells get the current quote, once per ticker, in the same plan queue as the histories.
  const quotes = createDirectQuoteProvider(provider, undefined, null, CLI_PROVIDER_CONTEXT, { histories });
  useQuoteSource(directQuoteSource(quotes, { intervalMs: DEFAULT_QUOTE_INTERVAL_SECONDS * 1000 }));
  return { store, cache };
}

/** How the provenance names the data: "yahoo (Yahoo Finance)", "demo (demo data, not market prices)". */
export function providerDescription(provider: ProviderName): string {
  if (provider === "demo") return "demo (demo data, not market prices)";
  return `${provider} (${PROVIDER_SPECS[provider].label})`;
}
