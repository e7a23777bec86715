import { LRUCache } from "lru-cache";
import { MarketDataError, snapshotProviderOf } from "../src/market";
import type {
  DailySeries,
  EarningsHistory,
  HistoryProvider,
  HistoryRequest,
  ProviderName,
  SnapshotOutcome,
  SnapshotProvider,
  SnapshotRequest,
  Ticker,
} from "../src/market";

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

interface Keyed<P> {
  readonly provider: P;
  readonly tier: string;
  /** The provider answered a request with this key (anything but invalid-key). */
  accepted: boolean;
  /** The first request with this key, while it is in flight: others wait for its verdict. */
  verifying: Promise<unknown> | null;
}

/**
 * One provider name, any credentials: each upstream call goes to the provider instance for the key
 * it carries, so the shared stores above stay one per provider while an analyst's own key pays for
 * the calls their requests cause. Instances are kept per key because each holds its key's plan
 * limits. A key is trusted with calls of its own only once the provider accepted it: until then one
 * request at a time tries it, and a key whose first request the provider refused (invalid-key) is
 * refused from then on without asking upstream. Providers without keys ignore them.
 */
class KeyRouter<P> {
  readonly team: P;
  private readonly keyed = new LRUCache<string, Keyed<P>>({ max: MAX_KEYED_PROVIDERS });
  private readonly refused = new LRUCache<string, MarketDataError>({ max: MAX_REFUSED_KEYS, ttl: REFUSED_KEY_MEMORY_MS });

  constructor(
    private readonly make: (apiKey: string | null, tier?: string) => P,
    private readonly options: KeyRoutingOptions,
  ) {
    this.team = make(null);
  }

  /**
   * `work` with the provider of `apiKey`. `verdictOf` reads an answer that resolved (a snapshot batch
   * reports failures per ticker): null when the provider took the key, else the failure to judge it by.
   */
  async route<T>(
    apiKey: string | null,
    ticker: Ticker,
    work: (provider: P) => Promise<T>,
    verdictOf: (answer: T) => MarketDataError | null = () => null,
  ): Promise<T> {
    if (!this.options.keyed || apiKey === null || apiKey === this.options.teamKey) return work(this.team);
    for (;;) {
      const refusal = this.refused.get(apiKey);
      if (refusal !== undefined) throw new MarketDataError("invalid-key", refusal.message, ticker);
      const entry = this.entryFor(apiKey);
      if (entry.accepted) return work(entry.provider);
      if (entry.verifying !== null) {
        await entry.verifying.catch(() => undefined);
        continue;
      }
      const first = work(entry.provider);
      entry.verifying = first;
      try {
        const answer = await first;
        const verdict = verdictOf(answer);
        if (verdict === null) entry.accepted = true;
        else this.judge(apiKey, entry, verdict);
        return answer;
      } catch (error) {
        this.judge(apiKey, entry, error);
        throw error;
      } finally {
        entry.verifying = null;
      }
    }
  }

  /** The instance that calls upstream with `apiKey` (the team's for null, the team key, or a provider without keys). */
  instanceFor(apiKey: string | null): P {
    if (!this.options.keyed || apiKey === null || apiKey === this.options.teamKey) return this.team;
    return this.entryFor(apiKey).provider;
  }

  /** Every instance made, the team's first. */
  providers(): P[] {
    return [this.team, ...[...this.keyed.values()].map((entry) => entry.provider)];
  }

  /** What a failed first request says about the key. */
  private judge(apiKey: string, entry: Keyed<P>, error: unknown): void {
    if (error instanceof MarketDataError && error.kind === "invalid-key") {
      this.keyed.delete(apiKey);
      this.refused.set(apiKey, error);
    } else if (error instanceof MarketDataError && error.kind !== "rate-limited" && error.kind !== "unavailable") {
      entry.accepted = true; // the provider took the key and answered about the ticker
    }
  }

  /** The key's provider, made again with the right limits when the key's plan changed. */
  private entryFor(apiKey: string): Keyed<P> {
    const tier = this.options.tierOf?.(apiKey) ?? "free";
    const known = this.keyed.get(apiKey);
    if (known !== undefined && known.tier === tier) return known;
    const entry: Keyed<P> = {
      provider: this.make(apiKey, tier),
      tier,
      accepted: known?.accepted ?? false,
      verifying: known?.verifying ?? null,
    };
    this.keyed.set(apiKey, entry);
    return entry;
  }
}

/**
 * One provider name, any credentials (see KeyRouter), for histories and valuation data alike: each
 * upstream call goes to the provider instance for the key its request carries (HistoryRequest.apiKey,
 * SnapshotRequest.apiKey). An instance made by the factory serves snapshots too when it is a
 * SnapshotProvider (createDirectProvider's are): then one instance per key holds one plan's limits
 * for everything that key asks, and a key refused for one kind of data is refused for the other.
 */
export class KeyRoutingProvider implements HistoryProvider, SnapshotProvider {
  /** Whether the provider's instances serve valuation snapshots (else the snapshot store says it has none). */
  readonly servesSnapshots: boolean;
  readonly snapshotsPerRequest: number;
  readonly fetchEarnings?: (ticker: Ticker, request?: SnapshotRequest) => Promise<EarningsHistory>;
  readonly earningsUnavailable?: string;
  private readonly router: KeyRouter<HistoryProvider>;

  constructor(
    readonly name: ProviderName,
    factory: ProviderFactory,
    options: Partial<KeyRoutingOptions> = {},
  ) {
    this.router = new KeyRouter((apiKey, tier) => factory(name, apiKey, tier), { keyed: true, ...options });
    const team = snapshotProviderOf(this.router.team);
    this.servesSnapshots = team !== null;
    this.snapshotsPerRequest = team?.snapshotsPerRequest ?? 1;
    if (team?.fetchEarnings !== undefined) {
      this.fetchEarnings = (ticker, request = {}) =>
        this.router.route(request.apiKey ?? null, ticker, (provider) => {
          const earnings = snapshotProviderOf(provider)?.fetchEarnings;
          if (earnings === undefined) return Promise.reject(noValuation(name, ticker));
          return earnings.call(provider, ticker, request);
        });
    } else if (team?.earningsUnavailable !== undefined) {
      this.earningsUnavailable = team.earningsUnavailable;
    }
  }

  fetchHistory(ticker: Ticker, request: HistoryRequest = {}): Promise<DailySeries> {
    return this.router.route(request.apiKey ?? null, ticker, (provider) => provider.fetchHistory(ticker, request));
  }

  fetchSnapshots(tickers: readonly Ticker[], request: SnapshotRequest = {}): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    return this.router.route(
      request.apiKey ?? null,
      tickers[0],
      (provider) => {
        const snapshots = snapshotProviderOf(provider);
        if (snapshots === null) return Promise.resolve(new Map(tickers.map((ticker) => [ticker, noValuation(this.name, ticker)])));
        return snapshots.fetchSnapshots(tickers, request);
      },
      snapshotVerdict,
    );
  }

  /** The instance of `apiKey`, holding its plan's limits (live quotes of the key wait in the same queue). */
  instanceFor(apiKey: string | null): HistoryProvider {
    return this.router.instanceFor(apiKey);
  }

  /** Retries made by every instance, for the stores' stats (providers that retry report them). */
  retryCount(): number {
    let total = 0;
    for (const provider of this.router.providers()) {
      const counting = provider as { retryCount?: () => number };
      if (typeof counting.retryCount === "function") total += Number(counting.retryCount());
    }
    return total;
  }
}

function noValuation(name: string, ticker: Ticker): MarketDataError {
  return new MarketDataError("unavailable", `${name} offers no valuation data for this key (asked for ${ticker})`, ticker);
}

/**
 * What a batch's outcomes say about its key: null when the provider took it (a snapshot came back, or
 * an answer about a ticker); else the failure to judge it by (invalid-key refuses the key; an outage
 * or a rate limit decides nothing).
 */
function snapshotVerdict(outcomes: ReadonlyMap<Ticker, SnapshotOutcome>): MarketDataError | null {
  const failures: MarketDataError[] = [];
  for (const outcome of outcomes.values()) {
    if (!(outcome instanceof MarketDataError)) return null;
    failures.push(outcome);
  }
  return failures.find((failure) => failure.kind === "invalid-key") ?? failures[0] ?? null;
}
