import {
  LimitGate,
  loosestLimits,
  planFromEnv,
  PROVIDER_NAMES,
  PROVIDER_SPECS,
  providerBaseUrl,
  providerCeiling,
  sharedWording,
} from "../src/market";
import type { Env, PlanLimits, ProviderName } from "../src/market";

/** The gates a provider's every instance (team key and analysts' keys) passes after its own plan. */
export interface SharedGates {
  /** The per-provider ceiling, then the per-host one. */
  readonly gates: readonly LimitGate[];
  /** Hears the upstream's Retry-After and 429s, so they hold every key of the provider. */
  readonly signal: LimitGate;
}

/**
 * The server's ceilings, shared by every key: one gate per provider (at most what its loosest
 * documented tier or the team's plan allows, in flight and per second, minute and hour) and one per
 * upstream host (the loosest of the ceilings of the providers reaching it, which matters when several
 * share a host, e.g. a mirror). However many keys analysts
 * bring, the server never sends a provider more than one plan's worth of requests, and a provider's
 * Retry-After or 429 holds every key's requests.
 */
export class UpstreamCeilings {
  private readonly byProvider = new Map<ProviderName, SharedGates>();

  constructor(env: Env) {
    const hostOf = new Map<ProviderName, string>();
    const ceilings = new Map<ProviderName, PlanLimits>();
    for (const name of PROVIDER_NAMES) {
      if (name === "demo") continue; // computed here, never fetched
      hostOf.set(name, new URL(providerBaseUrl(name, env)).host);
      ceilings.set(name, providerCeiling(name, planFromEnv(name, env)).limits);
    }
    const hostGates = new Map<string, LimitGate>();
    for (const host of new Set(hostOf.values())) {
      const sharing = [...hostOf].filter(([, each]) => each === host).map(([name]) => ceilings.get(name)!);
      hostGates.set(host, new LimitGate({ limits: loosestLimits(sharing), wording: sharedWording(host) }));
    }
    for (const [name, limits] of ceilings) {
      const provider = new LimitGate({ limits, wording: sharedWording(PROVIDER_SPECS[name].label) });
      this.byProvider.set(name, { gates: [provider, hostGates.get(hostOf.get(name)!)!], signal: provider });
    }
  }

  /** The shared gates of provider `name`; null for one that is never fetched (demo). */
  gatesFor(name: ProviderName): SharedGates | null {
    return this.byProvider.get(name) ?? null;
  }
}
