import {
  apiKeyEnvName,
  createDirectProvider,
  HistoryStore,
  LocalQuotaCounter,
  PROVIDER_NAMES,
  PROVIDER_SPECS,
  ProviderName,
  tierLimits,
} from "../src/market";
import type { Env, QuotaCounter, SeriesCache, SeriesMemory } from "../src/market";
import { KeyRoutingProvider, ProviderFactory } from "./key-routing-provider";
import type { KeyPlans } from "./plan-header";
import { UpstreamCeilings } from "./upstream-ceilings";

/** What every provider instance of a server shares: the ceilings over all keys, and where daily quotas are counted. */
export interface SharedLimits {
  readonly ceilings: UpstreamCeilings;
  /** Redis with REDIS_URL (every server instance spends a quota once); default this process alone. */
  readonly quotaCounter?: QuotaCounter | null;
}

/**
 * Providers as the server makes them: from its environment (MKT_<NAME>_URL, MKT_<NAME>_KEY, the
 * team's plan MKT_<NAME>_PLAN…), with an analyst's key standing in for the team key, on the tier
 * the analyst named for it (free by default), and always within the server's shared ceilings. Only
 * configured hosts are ever called: a provider's base URL comes from this environment, never from a request.
 */
export function directProviderFactory(
  env: Env,
  shared: SharedLimits = { ceilings: new UpstreamCeilings(env), quotaCounter: new LocalQuotaCounter() },
): ProviderFactory {
  return (name, apiKey, tier) => {
    const gates = shared.ceilings.gatesFor(name);
    const limits = apiKey === null || tier === undefined ? null : tierLimits(PROVIDER_SPECS[name].plans, tier);
    return createDirectProvider(
      name,
      env,
      apiKey,
      {},
      {
        plan: limits === null || tier === undefined ? undefined : { tier, limits },
        sharedGates: gates?.gates,
        signalGate: gates?.signal,
        quotaCounter: shared.quotaCounter ?? undefined,
      },
    );
  };
}

export interface ProviderStoresOptions {
  env: Env;
  /** The shared durable cache (Redis) behind every store's memory, or null. */
  cache?: SeriesCache | null;
  /** Defaults to directProviderFactory(env) with the server's ceilings and `quotaCounter`. */
  createProvider?: ProviderFactory;
  /** Where daily quotas are counted (Redis with REDIS_URL); default this process alone. */
  quotaCounter?: QuotaCounter | null;
  /** The tier each analyst's key was sent with (x-mkt-plan). */
  keyPlans?: KeyPlans;
  /** The server's memory budget for histories, shared by every provider's store; default each store its own. */
  memory?: SeriesMemory;
  /** Aborts every store's upstream calls (the server shutting down). */
  signal?: AbortSignal;
}

/**
 * One HistoryStore per provider, shared by every client: one fetch per symbol however many
 * clients ask, whichever key each client brings (see KeyRoutingProvider; keys are ignored for
 * providers that take none).
 */
export function createProviderStores(options: ProviderStoresOptions): Map<ProviderName, HistoryStore> {
  const factory =
    options.createProvider ??
    directProviderFactory(options.env, {
      ceilings: new UpstreamCeilings(options.env),
      // One counter for every key's provider, so a key's day survives its provider being made again.
      quotaCounter: options.quotaCounter ?? new LocalQuotaCounter(),
    });
  const keyPlans = options.keyPlans;
  const cache = options.cache ?? undefined;
  // supportsSince: a stale history asks only for its missing tail where the provider takes a start date.
  return new Map(
    PROVIDER_NAMES.map((name) => [
      name,
      new HistoryStore(
        new KeyRoutingProvider(name, factory, {
          keyed: PROVIDER_SPECS[name].keyRequired,
          teamKey: options.env[apiKeyEnvName(name)]?.trim() || null,
          tierOf: keyPlans && ((apiKey) => keyPlans.tierOf(name, apiKey)),
        }),
        {
          cache,
          supportsSince: PROVIDER_SPECS[name].supportsSince,
          memory: options.memory,
          signal: options.signal,
        },
      ),
    ]),
  );
}
