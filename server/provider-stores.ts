import {
  apiKeyEnvName,
  createDirectProvider,
  HistoryStore,
  LocalQuotaCounter,
  PROVIDER_NAMES,
  PROVIDER_SPECS,
  ProviderName,
  SnapshotStore,
  tierLimits,
  unofferedSnapshotProvider,
} from "../src/market";
import type {
  DirectProviderOptions,
  EarningsHistory,
  Env,
  PersistentCache,
  QuotaCounter,
  SeriesCache,
  SeriesMemory,
  TickerSnapshot,
  ValuationMemory,
} from "../src/market";
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
 * Each serves valuation snapshots and earnings too, within the same limits (createDirectProvider).
 */
export function directProviderFactory(env: Env, shared: SharedLimits = sharedLimits(env)): ProviderFactory {
  return (name, apiKey, tier) => createDirectProvider(name, env, apiKey, {}, directOptions(name, apiKey, tier, shared));
}

/** The server's ceilings over `env` and daily quotas counted in this process: what a factory made alone shares. */
export function sharedLimits(env: Env, quotaCounter: QuotaCounter | null = null): SharedLimits {
  return { ceilings: new UpstreamCeilings(env), quotaCounter: quotaCounter ?? new LocalQuotaCounter() };
}

/** How a provider instance for `apiKey` keeps to limits: the analyst's tier (or the server's plan for the team key) and the shared ones. */
export function directOptions(
  name: ProviderName,
  apiKey: string | null,
  tier: string | undefined,
  shared: SharedLimits,
): DirectProviderOptions {
  const gates = shared.ceilings.gatesFor(name);
  const limits = apiKey === null || tier === undefined ? null : tierLimits(PROVIDER_SPECS[name].plans, tier);
  return {
    plan: limits === null || tier === undefined ? undefined : { tier, limits },
    sharedGates: gates?.gates,
    signalGate: gates?.signal,
    quotaCounter: shared.quotaCounter ?? undefined,
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
  /** The shared durable caches (Redis) of valuation data behind the snapshot stores' memory. */
  snapshotCache?: PersistentCache<TickerSnapshot> | null;
  earningsCache?: PersistentCache<EarningsHistory> | null;
  /** The server's memory budget for valuation data, shared by every provider's snapshot store; default each its own. */
  valuationMemory?: ValuationMemory;
}

/** The relay's stores: per provider, its histories and its valuation data, over one provider per key. */
export interface RelayStores {
  readonly histories: Map<ProviderName, HistoryStore>;
  readonly valuation: Map<ProviderName, SnapshotStore>;
  /** Per provider, the instances per key behind both stores (live quotes share their limits). */
  readonly routers: Map<ProviderName, KeyRoutingProvider>;
  /** The ceilings and quota counter every key's provider counts against; null when a test's factory made them. */
  readonly shared: SharedLimits | null;
}

/**
 * One HistoryStore and one SnapshotStore per provider, shared by every client: one fetch per symbol
 * (one snapshot per ticker per day, batched to the provider's `snapshotsPerRequest`) however many
 * clients ask, whichever key each client brings (see KeyRoutingProvider: both stores go through the
 * same provider instance per key, so a key's histories and valuation data share its plan's limits;
 * keys are ignored for providers that take none).
 */
export function createRelayStores(options: ProviderStoresOptions): RelayStores {
  // One counter for every key's provider, so a key's day survives its provider being made again.
  const shared = options.createProvider ? null : sharedLimits(options.env, options.quotaCounter);
  const factory = options.createProvider ?? directProviderFactory(options.env, shared ?? undefined);
  const keyPlans = options.keyPlans;
  const cache = options.cache ?? undefined;
  const histories = new Map<ProviderName, HistoryStore>();
  const valuation = new Map<ProviderName, SnapshotStore>();
  const routers = new Map<ProviderName, KeyRoutingProvider>();
  for (const name of PROVIDER_NAMES) {
    const provider = new KeyRoutingProvider(name, factory, {
      keyed: PROVIDER_SPECS[name].keyRequired,
      teamKey: options.env[apiKeyEnvName(name)]?.trim() || null,
      tierOf: keyPlans && ((apiKey) => keyPlans.tierOf(name, apiKey)),
    });
    routers.set(name, provider);
    // supportsSince: a stale history asks only for its missing tail where the provider takes a start date.
    histories.set(
      name,
      new HistoryStore(provider, {
        cache,
        supportsSince: PROVIDER_SPECS[name].supportsSince,
        memory: options.memory,
        signal: options.signal,
      }),
    );
    valuation.set(
      name,
      new SnapshotStore(provider.servesSnapshots ? provider : unofferedSnapshotProvider(name), {
        snapshotCache: options.snapshotCache ?? undefined,
        earningsCache: options.earningsCache ?? undefined,
        memory: options.valuationMemory,
        signal: options.signal,
        // The history store counts the provider's retries, snapshots' included.
        countRetries: false,
      }),
    );
  }
  return { histories, valuation, routers, shared };
}

/** The history stores of createRelayStores. */
export function createProviderStores(options: ProviderStoresOptions): Map<ProviderName, HistoryStore> {
  return createRelayStores(options).histories;
}
