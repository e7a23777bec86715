import type { HistoryProvider, ProviderContext } from "../../core";
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
}
