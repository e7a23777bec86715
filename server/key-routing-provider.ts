import { LRUCache } from "lru-cache";
import type { DailySeries, HistoryProvider, HistoryRequest, ProviderName, Ticker } from "../src/market";

/** Makes the provider `name` that calls upstream with `apiKey`, or with the team key when null. */
export type ProviderFactory = (name: ProviderName, apiKey: string | null) => HistoryProvider;

/** Analysts' providers kept at once; the least recently used is dropped beyond this. */
const MAX_KEYED_PROVIDERS = 64;

/**
 * One provider name, any credentials: each upstream call goes to the provider instance for the
 * key its request carries (HistoryRequest.apiKey), so the shared store above stays one per
 * provider while an analyst's own key pays for the calls their requests cause. Instances are kept
 * per key because providers hold per-key state (a key's rate-limit budget).
 */
export class KeyRoutingProvider implements HistoryProvider {
  private readonly teamProvider: HistoryProvider;
  private readonly keyed = new LRUCache<string, HistoryProvider>({ max: MAX_KEYED_PROVIDERS });

  constructor(
    readonly name: ProviderName,
    private readonly factory: ProviderFactory,
  ) {
    this.teamProvider = factory(name, null);
  }

  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    return this.providerFor(request.apiKey ?? null).fetchHistory(ticker, request);
  }

  /** Retries made by every instance, for HistoryStore.stats() (providers that retry report them). */
  retryCount(): number {
    let total = 0;
    for (const provider of [this.teamProvider, ...this.keyed.values()]) {
      const counting = provider as HistoryProvider & { retryCount?: () => number };
      if (typeof counting.retryCount === "function") total += Number(counting.retryCount());
    }
    return total;
  }

  private providerFor(apiKey: string | null): HistoryProvider {
    if (apiKey === null) return this.teamProvider;
    let provider = this.keyed.get(apiKey);
    if (provider === undefined) {
      provider = this.factory(this.name, apiKey);
      this.keyed.set(apiKey, provider);
    }
    return provider;
  }
}
