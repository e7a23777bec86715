import type { DailySeries, EarningsHistory, Ticker, TickerSnapshot } from "../core";
import { addStats } from "./daily-records";
import { FailureReason, mergeFailureReasons } from "./failure-log";
import type { HistoryGetOptions, HistoryStore, HistoryStoreStats } from "./history-store";
import type { SnapshotStore } from "./snapshot-store";

/** A data source's counters: histories and valuation data added up, and the valuation part on its own. */
export interface MarketStats extends HistoryStoreStats {
  readonly valuation: HistoryStoreStats;
}

/**
 * What the add-in and the command line compute with: the history store and the snapshot store of one
 * provider, as one data source for the functions (get, snapshot, earnings) and one data status
 * (counters added up, failure reasons merged), refreshed, cleared and flushed together.
 */
export class MarketStores {
  constructor(
    readonly histories: HistoryStore,
    readonly valuation: SnapshotStore,
  ) {}

  get(ticker: Ticker, options?: HistoryGetOptions): Promise<DailySeries> {
    return this.histories.get(ticker, options);
  }

  snapshot(ticker: Ticker, options?: HistoryGetOptions): Promise<TickerSnapshot> {
    return this.valuation.snapshot(ticker, options);
  }

  earnings(ticker: Ticker, options?: HistoryGetOptions): Promise<EarningsHistory> {
    return this.valuation.earnings(ticker, options);
  }

  stats(): MarketStats {
    const valuation = this.valuation.stats();
    return { ...addStats(this.histories.stats(), valuation), valuation };
  }

  recentFailures(): FailureReason[] {
    return mergeFailureReasons(this.histories.recentFailures(), this.valuation.recentFailures());
  }

  forgetRefusals(): number {
    return this.histories.forgetRefusals() + this.valuation.forgetRefusals();
  }

  refresh(): void {
    this.histories.refresh();
    this.valuation.refresh();
  }

  clear(): void {
    this.histories.clear();
    this.valuation.clear();
  }

  async flush(): Promise<void> {
    await Promise.all([this.histories.flush(), this.valuation.flush()]);
  }
}
