import { useHistorySource } from "../../src/addin";
import {
  createDirectProvider,
  ENVIRONMENT_KEY_ADVICE,
  HistoryStore,
  PROVIDER_SPECS,
  ProviderContext,
  ProviderName,
} from "../../src/market";
import { DiskSeriesCache } from "../../src/market/store/node";

const DISK_CACHE_TIMEOUT_MS = 60_000;

/** What the providers' messages say in a terminal (as for `mkt FORMULA`). */
const CLI_PROVIDER_CONTEXT: ProviderContext = {
  keyAdvice: ENVIRONMENT_KEY_ADVICE,
  hostNotFoundHint: "offline? try --provider demo",
};

export interface CliDataSource {
  readonly store: HistoryStore;
  /** The disk cache in use, or null (--no-cache, or the demo provider, which needs none). */
  readonly cache: DiskSeriesCache | null;
}

/**
 * The history store the workbook commands compute with, made the functions' source: the provider
 * with its plan's limits, and (unless `noCache`) the disk cache behind the session's memory, so a
 * scheduled run fetches only the sessions since the last one where the provider takes a start date.
 */
export function useCliDataSource(provider: ProviderName, options: { noCache: boolean; cacheDirectory?: string }): CliDataSource {
  const cache =
    options.noCache || provider === "demo"
      ? null
      : new DiskSeriesCache(options.cacheDirectory === undefined ? {} : { directory: options.cacheDirectory });
  const store = new HistoryStore(createDirectProvider(provider, undefined, null, CLI_PROVIDER_CONTEXT), {
    ...(cache === null ? {} : { cache }),
    supportsSince: PROVIDER_SPECS[provider].supportsSince,
    // A local disk does not hang the way a browser's IndexedDB can: wait for it rather than refetch.
    cacheTimeoutMs: DISK_CACHE_TIMEOUT_MS,
  });
  useHistorySource(store);
  return { store, cache };
}

/** How the provenance names the data: "yahoo (Yahoo Finance)", "demo (demo data, not market prices)". */
export function providerDescription(provider: ProviderName): string {
  if (provider === "demo") return "demo (demo data, not market prices)";
  return `${provider} (${PROVIDER_SPECS[provider].label})`;
}
