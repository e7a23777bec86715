import { createHash } from "node:crypto";
import { apiKeyEnvName, createDirectQuoteProvider, planFromEnv, PROVIDER_SPECS, providerLabel, tierLimits } from "../../src/market";
import type { Env, HistoryProvider, PlanLimits, ProviderName, QuoteProvider } from "../../src/market";
import { directOptions, sharedLimits } from "../provider-stores";
import type { SharedLimits } from "../provider-stores";

/**
 * Makes the quote client of provider `name` that polls with `apiKey` (null: the team key, from the
 * server's environment) on `tier` (the analyst's x-mkt-plan; absent: free for an analyst's key, the
 * server's plan for the team key), or null when the server has no live quotes from that provider.
 */
export type QuoteProviderFactory = (name: ProviderName, apiKey: string | null, tier?: string) => QuoteProvider | null;

/** What the server's quote clients share with the rest of the server; every part may be left out. */
export interface QuoteProviderSharing {
  /**
   * The server's ceilings over all keys and its daily-quota counter (Redis with REDIS_URL): pass the
   * ones the relay's providers use (provider-stores.ts sharedLimits), so quote polls and histories
   * count against the same ceilings and the same day. Default: ceilings and a counter of their own.
   */
  readonly shared?: SharedLimits;
  /**
   * The relay's provider instance for the same provider, key and tier, when the server can name it:
   * the key's quote polls then wait in its very queue, windows and Retry-After (createDirectQuoteProvider's
   * `histories`). Undefined, or a function answering undefined: a limiter of the key's own plan.
   */
  readonly histories?: (name: ProviderName, apiKey: string | null, tier?: string) => HistoryProvider | undefined;
}

/**
 * The server's quote clients (createDirectQuoteProvider): the team key from the environment
 * (MKT_<NAME>_KEY, on the team's plan MKT_<NAME>_PLAN…) or an analyst's key on the tier they named
 * (x-mkt-plan; free by default), within the server's shared ceilings and quota counter, as
 * directProviderFactory (provider-stores.ts) builds histories. Every provider gives quotes (the demo
 * synthetic ones); null only for a keyed provider without any key to poll with (no team key and no
 * analyst's key), so its streams get a final error saying so instead of a failing poll every interval.
 */
export function directQuoteProviderFactory(env: Env, sharing: QuoteProviderSharing = {}): QuoteProviderFactory {
  const shared = sharing.shared ?? sharedLimits(env);
  return (name, apiKey, tier) => {
    const spec = PROVIDER_SPECS[name];
    const teamKey = env[apiKeyEnvName(name)]?.trim() || null;
    if (spec.keyRequired && apiKey === null && teamKey === null) return null;
    const options = directOptions(name, apiKey, tier, shared);
    return createDirectQuoteProvider(name, env, apiKey, {}, { ...options, histories: sharing.histories?.(name, apiKey, tier) });
  };
}

/** Why a stream of `name` gets no quotes on this server: the only reason is a keyed provider without a key to poll with. */
export function notOfferedMessage(name: ProviderName): string {
  return (
    `This data server has no live quotes from ${providerLabel(name)}: it has no API key for it (${apiKeyEnvName(name)}), ` +
    "and none came with the request; add your own key in the add-in's settings"
  );
}

/**
 * The key a provider's quotes are polled with, as the instances sharing them name it: "team" for the
 * team key (no key, the team key sent as an analyst's, or a provider without keys), else the first
 * 32 hex digits of the key's SHA-256 (the key itself is never written to Redis).
 */
export function quoteKeyId(name: ProviderName, apiKey: string | null, env: Env): string {
  const teamKey = env[apiKeyEnvName(name)]?.trim() || null;
  if (apiKey === null || apiKey === teamKey || !PROVIDER_SPECS[name].keyRequired) return "team";
  return createHash("sha256").update(apiKey).digest("hex").slice(0, 32);
}

/** The plan whose windows bound the polling interval of a key: the team's, or the analyst's tier (free by default). */
export function quotePlanLimits(name: ProviderName, keyId: string, tier: string | undefined, env: Env): PlanLimits | null {
  if (name === "demo") return null;
  const plans = PROVIDER_SPECS[name].plans;
  if (keyId === "team") return planFromEnv(name, env).limits;
  return tierLimits(plans, tier ?? "free") ?? plans.tiers.free;
}
