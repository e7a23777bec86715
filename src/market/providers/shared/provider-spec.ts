import type { HistoryProvider, ProviderContext, QuoteProvider, SnapshotProvider, Ticker } from "../../core";
import type { ServicePlans } from "../../resilience";

/** How a provider is built; the ProviderContext part says what messages tell people (where keys come from…). */
export interface ProviderOptions extends ProviderContext {
  /** Scheme and host (and optional path prefix), no trailing slash: the default or MKT_<NAME>_URL. */
  readonly baseUrl: string;
  /** The team key (server environment) or the analyst's own; null or absent when none is configured. */
  readonly apiKey?: string | null;
  readonly timeoutMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
  /** Longest upstream body read before the answer is refused as bad-response (default DEFAULT_MAX_BODY_BYTES). */
  readonly maxBodyBytes?: number;
  /**
   * Runs each upstream request of a snapshot or an earnings history within the plan's limits: the
   * same queue, windows, daily quota and retries as the provider's histories (createDirectProvider
   * passes the ResilientProvider of the same provider and key). Absent: requests go out directly.
   */
  readonly limiter?: UpstreamLimiter;
}

/**
 * What runs one upstream request within a plan (a ResilientProvider's `run`): `work` gets a signal
 * that aborts at the end of the request's time budget and rejects with MarketDataError; `cost` is
 * how many of the plan's requests it counts as (API credits).
 */
export interface UpstreamLimiter {
  run<T>(
    symbol: Ticker,
    work: (signal: AbortSignal) => Promise<T>,
    options?: { readonly signal?: AbortSignal; readonly cost?: number },
  ): Promise<T>;
}

/**
 * What a provider offers for valuation (README "Valuation data"), so the add-in, the server and the
 * CLI can tell people before asking: where a snapshot comes from, how many tickers one request
 * carries, what it costs against the plan, and whether quarterly earnings with report dates exist.
 */
export interface SnapshotCapability {
  /** For people: the endpoints a snapshot is read from, e.g. "v7 quote (50 symbols a request); quoteSummary where quote lacks a field". */
  readonly sources: string;
  /** Most tickers one upstream request carries (SnapshotProvider.snapshotsPerRequest). */
  readonly snapshotsPerRequest: number;
  /**
   * The plan's requests one snapshot takes at most (a batch counts once for all its tickers; in API
   * credits where the provider counts credits, as Twelve Data does).
   */
  readonly requestsPerSnapshot: number;
  /** Where plans matter: which tiers lack which part (answered plan-limit, or a null field with a note). */
  readonly plans: string;
  /** The endpoint of quarterly EPS with report dates, or why there is none (SnapshotProvider.earningsUnavailable). */
  readonly earnings: { readonly endpoint: string } | { readonly unavailable: string };
  create(options: ProviderOptions): SnapshotProvider;
}

/** How a quote client is built: ProviderOptions (its `limiter` runs each quote request within the plan), and its batch size. */
export interface QuoteOptions extends ProviderOptions {
  /**
   * Most tickers one request carries, when the plan allows fewer than the endpoint does: a provider
   * that charges a credit per symbol (Twelve Data) cannot send more symbols at once than a window of
   * the plan holds. Default and ceiling: the spec's quotesPerRequest.
   */
  readonly quotesPerRequest?: number;
}

/**
 * A provider's live quotes (issue 12), so the server, the CLI and the add-in know before asking: the
 * endpoint, how many tickers one request carries (QuoteProvider.quotesPerRequest), and what the
 * provider says about how late its quotes are.
 */
export interface QuoteCapability {
  /** For people: the endpoint and how it batches, e.g. "v7 quote, 50 symbols a request (cookie and crumb)". */
  readonly endpoint: string;
  /** Most tickers one upstream request carries (1 where the endpoint takes one symbol). */
  readonly quotesPerRequest: number;
  /** True when each ticker of a request costs one of the plan's requests (Twelve Data's credits), not the request. */
  readonly costPerTicker: boolean;
  /** What the provider says about its quotes' lag, and whether the answer states it (LiveQuote.delayMinutes). */
  readonly delay: string;
  create(options: QuoteOptions): QuoteProvider;
}

/** What a provider's keys look like, from its documentation (checked before an analyst's key is used). */
export interface KeyPattern {
  /** The whole key (anchored). */
  readonly regex: RegExp;
  /** For messages, after "keys are": "40 hexadecimal digits". */
  readonly description: string;
}

/**
 * A provider's plans: "free" and its documented paid tiers by the names analysts see in their
 * account (MKT_<NAME>_PLAN, the x-mkt-plan header), each with its limits, and the windows the
 * provider counts requests in (which MKT_<NAME>_PER_<UNIT> may set).
 */
export type ProviderPlans = ServicePlans;

/**
 * The plan of the analyst's own key, sent to the add-in's server beside x-mkt-api-key: a tier name
 * of the provider (planTierNames). It applies to that key's limits only.
 */
export const PLAN_HEADER = "x-mkt-plan";

/** Everything the rest of the system needs to know about one upstream provider. */
export interface ProviderSpec {
  /** Stable id used in URLs, settings and env names: "alphavantage" → MKT_ALPHAVANTAGE_URL / _KEY. */
  readonly name: string;
  /** For people: "Alpha Vantage". */
  readonly label: string;
  readonly defaultBaseUrl: string;
  /** Hosts this provider may be reached at (the default and documented aliases, e.g. api.massive.com). */
  readonly knownHosts: readonly string[];
  readonly keyRequired: boolean;
  /** The documented shape of its keys; null for a provider without keys. */
  readonly keyPattern: KeyPattern | null;
  /**
   * Longest answer it may send (bytes): far above its longest real history, so a runaway or hostile
   * upstream cannot fill the server's memory. Reading stops there with a bad-response error.
   */
  readonly maxBodyBytes: number;
  /** Whether the daily history it returns has split- and dividend-adjusted closes. */
  readonly adjustedCloses: boolean;
  /** Whether a start date can be requested, so a cached history fetches only its missing tail. */
  readonly supportsSince: boolean;
  /** "free" and the documented paid tiers, with the windows the provider counts in (see its plans.ts). */
  readonly plans: ProviderPlans;
  create(options: ProviderOptions): HistoryProvider;
  /** Valuation snapshots and earnings (issue 11): see SnapshotCapability. */
  readonly snapshots: SnapshotCapability;
  /** Live quotes (issue 12): see QuoteCapability. */
  readonly quotes: QuoteCapability;
}
