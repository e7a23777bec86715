import type { MarketDataError } from "./market-error";
import type { Ticker } from "./ticker";
import type { TradingDay } from "./types";

/**
 * Valuation inputs: a per-ticker snapshot (price, earnings per share, published P/Es, market cap)
 * and, where a provider has it, the quarterly EPS history with report dates. Every provider's
 * answer is normalised to these shapes, so VALUATION means the same thing whichever provider
 * answered.
 */

/** What a ticker is, as far as valuation goes: funds have no EPS of their own, only a published P/E. */
export type SecurityKind = "equity" | "fund" | "crypto" | "currency" | "index" | "other";

export interface TickerSnapshot {
  /** The analyst's ticker (as parsed), whatever the provider calls it. */
  readonly symbol: string;
  readonly provider: string;
  /** When it was fetched (ms since epoch). */
  readonly fetchedAt: number;
  /** When the provider's price was current (ms since epoch), or null when it does not say. */
  readonly priceTime: number | null;
  readonly kind: SecurityKind;
  /**
   * ISO 4217 code of every amount below (price, EPS, market cap), in major units: a quote in pence
   * (Yahoo's "GBp") is converted to pounds ("GBP"). EPS reported in another currency (an ADR's
   * statements) is converted with a rate the provider gave, or left null with a note: never divided
   * across currencies silently.
   */
  readonly currency: string | null;
  readonly price: number | null;
  /** Earnings per share over the last twelve months. */
  readonly epsTrailing: number | null;
  /** Consensus EPS for the next fiscal year (or the provider's forward EPS). */
  readonly epsForward: number | null;
  /**
   * P/E as the provider publishes it: the only P/E a fund has. Null when absent, and when it is not
   * positive: a loss has no P/E (Yahoo leaves a loss-maker's trailing P/E out but publishes a negative
   * forward one, FMP negative ratios), so every provider means the same by it; the EPS fields carry
   * the loss. A P/E that divides a price in pence by EPS in pounds is corrected (with a note).
   */
  readonly peTrailingPublished: number | null;
  readonly peForwardPublished: number | null;
  readonly marketCap: number | null;
  readonly sharesOutstanding: number | null;
  /** Why fields are missing or how they were converted, for messages and provenance. */
  readonly notes: readonly string[];
  /** True for synthetic data from the demo provider: never real fundamentals. */
  readonly demo: boolean;
  /** Set when a refresh failed and this is an older copy: the failure's message. */
  readonly staleBecause?: string;
}

/** One reported quarter. */
export interface QuarterlyEarnings {
  /**
   * Last day of the fiscal quarter, or null where the provider gives only the report date (FMP's
   * /stable/earnings rows have `date`, the day of the report, and no period).
   */
  readonly periodEnd: TradingDay | null;
  /** The day the company reported it: the first day the number was public. */
  readonly reportedOn: TradingDay;
  /** Reported (diluted) EPS of the quarter, in `EarningsHistory.currency`. */
  readonly eps: number;
}

export interface EarningsHistory {
  readonly symbol: string;
  readonly provider: string;
  readonly fetchedAt: number;
  readonly currency: string | null;
  /** Ascending by `reportedOn`; quarters not yet reported are left out. */
  readonly quarters: readonly QuarterlyEarnings[];
  readonly demo: boolean;
  readonly staleBecause?: string;
}

export interface SnapshotRequest {
  readonly signal?: AbortSignal;
  /** The analyst's own key (see HistoryRequest.apiKey). */
  readonly apiKey?: string | null;
}

/** A snapshot or the reason there is none, per ticker asked. */
export type SnapshotOutcome = TickerSnapshot | MarketDataError;

/** What a provider offers for valuation, beside its daily histories. */
export interface SnapshotProvider {
  readonly name: string;
  /** Most tickers one upstream request can carry (Yahoo's v7 quote takes many; most providers one). */
  readonly snapshotsPerRequest: number;
  /**
   * Snapshots of `tickers`, each answered on its own: the map has an outcome for every ticker asked,
   * keyed as given. A ticker the provider does not know is a MarketDataError in the map; so is any
   * failure of an upstream request (invalid key, rate limit with its Retry-After, outage, plan
   * limit), as the outcome of every ticker that request was for. It never rejects: one batch holds
   * tickers whose fates differ (Yahoo leaves an unknown symbol out of an otherwise good answer), and
   * the relay answers each symbol of a batch on its own anyway.
   */
  fetchSnapshots(tickers: readonly Ticker[], request?: SnapshotRequest): Promise<ReadonlyMap<Ticker, SnapshotOutcome>>;
  /**
   * Quarterly EPS with report dates, for point-in-time trailing P/E. Absent on providers that
   * have no such history (their plans or their APIs); rejects with MarketDataError.
   */
  fetchEarnings?(ticker: Ticker, request?: SnapshotRequest): Promise<EarningsHistory>;
  /** Why `fetchEarnings` is absent, for messages ("Yahoo Finance publishes no report dates…"); absent when it is offered. */
  readonly earningsUnavailable?: string;
}
