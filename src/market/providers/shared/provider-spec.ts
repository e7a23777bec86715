import type { HistoryProvider, ProviderContext } from "../../core";
import type { PlanLimits } from "../../resilience";

/** How a provider is built; the ProviderContext part says what messages tell people (where keys come from…). */
export interface ProviderOptions extends ProviderContext {
  /** Scheme and host (and optional path prefix), no trailing slash: the default or MKT_<NAME>_URL. */
  readonly baseUrl: string;
  /** The team key (server environment) or the analyst's own; null or absent when none is configured. */
  readonly apiKey?: string | null;
  readonly timeoutMs?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

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
  /** Whether the daily history it returns has split- and dividend-adjusted closes. */
  readonly adjustedCloses: boolean;
  /** Whether a start date can be requested, so a cached history fetches only its missing tail. */
  readonly supportsSince: boolean;
  readonly freePlanLimits: PlanLimits;
  create(options: ProviderOptions): HistoryProvider;
}
