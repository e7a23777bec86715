import { createDirectProvider, HistoryStore, PROVIDER_NAMES, PROVIDER_SPECS, ProviderName } from "../src/market";
import type { Env, SeriesCache } from "../src/market";
import { KeyRoutingProvider, ProviderFactory } from "./key-routing-provider";

/**
 * Providers as the server makes them: from its environment (MKT_<NAME>_URL, MKT_<NAME>_KEY), with
 * an analyst's key standing in for the team key. Only configured hosts are ever called: a
 * provider's base URL comes from this environment, never from a request.
 */
export function directProviderFactory(env: Env): ProviderFactory {
  return (name, apiKey) => createDirectProvider(name, env, apiKey);
}

export interface ProviderStoresOptions {
  env: Env;
  /** The shared durable cache (Redis) behind every store's memory, or null. */
  cache?: SeriesCache | null;
  /** Defaults to directProviderFactory(env). */
  createProvider?: ProviderFactory;
}

/**
 * One HistoryStore per provider, shared by every client: one fetch per symbol however many
 * clients ask, whichever key each client brings (see KeyRoutingProvider).
 */
export function createProviderStores(options: ProviderStoresOptions): Map<ProviderName, HistoryStore> {
  const factory = options.createProvider ?? directProviderFactory(options.env);
  const cache = options.cache ?? undefined;
  // supportsSince: a stale history asks only for its missing tail where the provider takes a start date.
  return new Map(
    PROVIDER_NAMES.map((name) => [
      name,
      new HistoryStore(new KeyRoutingProvider(name, factory), { cache, supportsSince: PROVIDER_SPECS[name].supportsSince }),
    ]),
  );
}
