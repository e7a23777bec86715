import { messageOf } from "./fetch-text";
import { normalizeSymbol } from "./symbols";
import { DailySeries, HistoryProvider, MarketDataError } from "./types";

export interface HistoryStoreStats {
  /** Calls made to the provider. */
  requests: number;
  /** Gets answered from the session cache. */
  cacheHits: number;
  /** Gets that joined a request already in flight for the same symbol. */
  coalesced: number;
  /** Provider calls that failed. */
  errors: number;
}

/**
 * One fetch per symbol per session: concurrent gets share the in-flight request, successes are
 * kept in memory, failures are shared by their waiters but not kept (the next get tries again).
 */
export class HistoryStore {
  readonly providerName: string;
  private readonly cache = new Map<string, DailySeries>();
  private readonly inFlight = new Map<string, Promise<DailySeries>>();
  private readonly counters: HistoryStoreStats = { requests: 0, cacheHits: 0, coalesced: 0, errors: 0 };
  /** Bumped by clear(), so a request started before it does not refill the cache. */
  private generation = 0;

  constructor(private readonly provider: HistoryProvider) {
    this.providerName = provider.name;
  }

  get(symbol: string): Promise<DailySeries> {
    let key: string;
    try {
      key = normalizeSymbol(symbol);
    } catch (error) {
      return Promise.reject(error);
    }
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.counters.cacheHits++;
      return Promise.resolve(cached);
    }
    const pending = this.inFlight.get(key);
    if (pending !== undefined) {
      this.counters.coalesced++;
      return pending;
    }
    return this.fetch(key);
  }

  stats(): HistoryStoreStats {
    return { ...this.counters };
  }

  /** Forgets cached series (e.g. "refresh data"); counters are kept for the session. */
  clear(): void {
    this.cache.clear();
    this.inFlight.clear();
    this.generation++;
  }

  private fetch(key: string): Promise<DailySeries> {
    const generation = this.generation;
    this.counters.requests++;
    const request = this.callProvider(key).then(
      (series) => {
        if (this.inFlight.get(key) === request) this.inFlight.delete(key);
        if (generation === this.generation) this.cache.set(key, series);
        return series;
      },
      (error: unknown) => {
        if (this.inFlight.get(key) === request) this.inFlight.delete(key);
        this.counters.errors++;
        throw toMarketError(error, key, this.providerName);
      },
    );
    this.inFlight.set(key, request);
    return request;
  }

  private async callProvider(key: string): Promise<DailySeries> {
    return this.provider.fetchHistory(key);
  }
}

/** Providers promise MarketDataError only; anything else is a bug we still report readably. */
function toMarketError(error: unknown, symbol: string, provider: string): MarketDataError {
  if (error instanceof MarketDataError) return error;
  return new MarketDataError("unavailable", `Provider ${provider} failed for ${symbol}: ${messageOf(error)}`, symbol);
}
