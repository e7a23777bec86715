import { LRUCache } from "lru-cache";
import { MarketDataError } from "../src/market";
import type { DailySeries, HistoryProvider, HistoryRequest, ProviderName, Ticker } from "../src/market";

/**
 * Makes the provider `name` that calls upstream with `apiKey`, or with the team key when null.
 * `tier` is the plan an analyst named for their own key (a tier the provider has); absent, the free
 * plan for an analyst's key and the server's plan for the team key.
 */
export type ProviderFactory = (name: ProviderName, apiKey: string | null, tier?: string) => HistoryProvider;

/** Analysts' providers kept at once; the least recently used is dropped beyond this. */
const MAX_KEYED_PROVIDERS = 64;
/** Keys the provider refused on their first request, remembered (and refused without asking) this long. */
const MAX_REFUSED_KEYS = 1024;
const REFUSED_KEY_MEMORY_MS = 60 * 60 * 1000;

export interface KeyRoutingOptions {
  /** Whether the provider takes keys at all; without (Yahoo, demo) every request uses the one provider. */
  readonly keyed: boolean;
  /** The team key (MKT_<NAME>_KEY): a request carrying it is the team's, with the team's limits. */
  readonly teamKey?: string | null;
  /** The tier each analyst's key was last sent with (x-mkt-plan); default free. */
  readonly tierOf?: (apiKey: string) => string;
}

interface Keyed {
  readonly provider: HistoryProvider;
  readonly tier: string;
  /** The provider answered a request with this key (anything but invalid-key). */
  accepted: boolean;
  /** The first request with this key, while it is in flight: others wait for its verdict. */
  verifying: Promise<unknown> | null;
}

/**
 * One provider name, any credentials: each upstream call goes to the provider instance for the
 * key its request carries (HistoryRequest.apiKey), so the shared store above stays one per
 * provider while an analyst's own key pays for the calls their requests cause. Instances are kept
 * per key because each holds its key's plan limits. A key is trusted with calls of its own only
 * once the provider accepted it: until then one request at a time tries it, and a key whose first
 * request the provider refused (invalid-key) is refused from then on without asking upstream.
 * Providers without keys ignore them: every request goes through the one provider and its limits.
 */
export class KeyRoutingProvider implements HistoryProvider {
  private readonly teamProvider: HistoryProvider;
  private readonly keyed = new LRUCache<string, Keyed>({ max: MAX_KEYED_PROVIDERS });
  private readonly refused = new LRUCache<string, MarketDataError>({ max: MAX_REFUSED_KEYS, ttl: REFUSED_KEY_MEMORY_MS });
  private readonly options: KeyRoutingOptions;

  constructor(
    readonly name: ProviderName,
    private readonly factory: ProviderFactory,
    options: Partial<KeyRoutingOptions> = {},
  ) {
    this.options = { keyed: true, ...options };
    this.teamProvider = factory(name, null);
  }

  async fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    const apiKey = request.apiKey ?? null;
    if (!this.options.keyed || apiKey === null || apiKey === this.options.teamKey) {
      return this.teamProvider.fetchHistory(ticker, request);
    }
    for (;;) {
      const refusal = this.refused.get(apiKey);
      if (refusal !== undefined) throw new MarketDataError("invalid-key", refusal.message, ticker);
      const entry = this.entryFor(apiKey);
      if (entry.accepted) return entry.provider.fetchHistory(ticker, request);
      if (entry.verifying !== null) {
        await entry.verifying.catch(() => undefined);
        continue;
      }
      const first = entry.provider.fetchHistory(ticker, request);
      entry.verifying = first;
      try {
        const series = await first;
        entry.accepted = true;
        return series;
      } catch (error) {
        if (error instanceof MarketDataError && error.kind === "invalid-key") {
          this.keyed.delete(apiKey);
          this.refused.set(apiKey, error);
        } else if (error instanceof MarketDataError && error.kind !== "rate-limited" && error.kind !== "unavailable") {
          entry.accepted = true; // the provider took the key and answered about the ticker
        }
        throw error;
      } finally {
        entry.verifying = null;
      }
    }
  }

  /** Retries made by every instance, for HistoryStore.stats() (providers that retry report them). */
  retryCount(): number {
    let total = 0;
    for (const provider of [this.teamProvider, ...[...this.keyed.values()].map((entry) => entry.provider)]) {
      const counting = provider as HistoryProvider & { retryCount?: () => number };
      if (typeof counting.retryCount === "function") total += Number(counting.retryCount());
    }
    return total;
  }

  /** The key's provider, made again with the right limits when the key's plan changed. */
  private entryFor(apiKey: string): Keyed {
    const tier = this.options.tierOf?.(apiKey) ?? "free";
    const known = this.keyed.get(apiKey);
    if (known !== undefined && known.tier === tier) return known;
    const entry: Keyed = {
      provider: this.factory(this.name, apiKey, tier),
      tier,
      accepted: known?.accepted ?? false,
      verifying: known?.verifying ?? null,
    };
    this.keyed.set(apiKey, entry);
    return entry;
  }
}
