import { ResilientProvider, ResilientProviderOptions } from "./resilient-provider";
import type { EarningsHistory, HistoryProvider, SnapshotOutcome, SnapshotProvider, SnapshotRequest, Ticker } from "../core";

/**
 * A provider's histories and valuation data within one plan: a ResilientProvider whose snapshot and
 * earnings requests go through the same gates as its histories (one queue, one count per window and
 * day, one Retry-After), because the snapshot provider is built on this provider's `run` (the
 * `limiter` of ProviderOptions). History behaviour is the ResilientProvider's, unchanged.
 */
export class ResilientMarketProvider extends ResilientProvider implements SnapshotProvider {
  readonly snapshotsPerRequest: number;
  readonly earningsUnavailable?: string;
  /** Present exactly when the wrapped snapshot provider has quarterly earnings. */
  declare readonly fetchEarnings?: (ticker: Ticker, request?: SnapshotRequest) => Promise<EarningsHistory>;
  private readonly snapshots: SnapshotProvider;

  constructor(inner: HistoryProvider, snapshots: (limiter: ResilientProvider) => SnapshotProvider, options: ResilientProviderOptions) {
    super(inner, options);
    const provider = snapshots(this);
    this.snapshots = provider;
    this.snapshotsPerRequest = provider.snapshotsPerRequest;
    if (provider.earningsUnavailable !== undefined) this.earningsUnavailable = provider.earningsUnavailable;
    const earnings = provider.fetchEarnings;
    if (earnings !== undefined) {
      Object.defineProperty(this, "fetchEarnings", {
        value: (ticker: Ticker, request?: SnapshotRequest) => earnings.call(provider, ticker, request),
        enumerable: true,
      });
    }
  }

  fetchSnapshots(tickers: readonly Ticker[], request?: SnapshotRequest): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    return this.snapshots.fetchSnapshots(tickers, request);
  }
}
