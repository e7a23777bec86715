/**
 * The registry of providers: one folder each (client, parser, spec), listed here. Adding a provider
 * means a folder like the others, its name in core's PROVIDER_NAMES, and its spec below.
 */
import {
  apiKeyEnvName,
  Env,
  HistoryProvider,
  normalizeBaseUrl,
  processEnv,
  ProviderContext,
  ProviderName,
  QuoteProvider,
  SnapshotProvider,
} from "../core";
import { ALPHAVANTAGE_SPEC } from "./alphavantage";
import { DEMO_SPEC } from "./demo";
import { FMP_SPEC } from "./fmp";
import { POLYGON_SPEC } from "./polygon";
import type { ProviderSpec, UpstreamLimiter } from "./shared";
import { TIINGO_SPEC } from "./tiingo";
import { TWELVEDATA_SPEC } from "./twelvedata";
import { YAHOO_SPEC } from "./yahoo";

export type {
  ProviderOptions,
  ProviderPlans,
  ProviderSpec,
  QuoteCapability,
  QuoteOptions,
  SnapshotCapability,
  UpstreamLimiter,
} from "./shared";
export { PLAN_HEADER } from "./shared";
export { PROVIDER_PLANS } from "./plans";
export { ALPHAVANTAGE_SPEC, AlphaVantageProvider } from "./alphavantage";
export {
  DEMO_EARNINGS_YEARS,
  DEMO_FIRST_DAY,
  DEMO_SPEC,
  demoEarnings,
  demoKind,
  DemoMarketProvider,
  DemoProvider,
  demoSeries,
  demoSnapshot,
  DemoSnapshotProvider,
  DemoQuoteProvider,
  DEMO_QUOTE_STEP_MS,
} from "./demo";
export { FMP_SPEC, FmpProvider } from "./fmp";
export { POLYGON_SPEC, PolygonProvider } from "./polygon";
export { TIINGO_SPEC, TiingoProvider } from "./tiingo";
export { TWELVEDATA_SPEC, TwelveDataProvider } from "./twelvedata";
export { DEFAULT_YAHOO_TIMEOUT_MS, DEFAULT_YAHOO_URL, parseYahooChart, YAHOO_SPEC, YahooProvider } from "./yahoo";

export const PROVIDER_SPECS: Readonly<Record<ProviderName, ProviderSpec>> = {
  yahoo: YAHOO_SPEC,
  alphavantage: ALPHAVANTAGE_SPEC,
  polygon: POLYGON_SPEC,
  tiingo: TIINGO_SPEC,
  twelvedata: TWELVEDATA_SPEC,
  fmp: FMP_SPEC,
  demo: DEMO_SPEC,
};

/** MKT_<NAME>_URL: where a server or a test points provider `name` (a mirror, a replay server). */
export function baseUrlEnvName(name: ProviderName): string {
  return `MKT_${name.toUpperCase()}_URL`;
}

/** The provider's base URL from the environment, or its public default. */
export function providerBaseUrl(name: ProviderName, env: Env = processEnv()): string {
  const configured = env[baseUrlEnvName(name)];
  if (configured === undefined || configured.trim() === "") return PROVIDER_SPECS[name].defaultBaseUrl;
  return normalizeBaseUrl(configured, baseUrlEnvName(name));
}

/**
 * The bare provider: URL from the environment, and `apiKey` (an analyst's own) or else the team key
 * from the environment. One upstream call per fetch, no limits, no retries. `timeoutMs` replaces the
 * provider's own time limit per call (the server's start-up reachability probe uses a short one).
 * `context` is what the program building it tells people in messages (where keys come from, what to
 * try when the host is not found); left out, messages keep the server's wording.
 */
export function createUnlimitedProvider(
  name: ProviderName,
  env: Env = processEnv(),
  apiKey: string | null = null,
  timeoutMs?: number,
  context: ProviderContext = {},
): HistoryProvider {
  const key = apiKey ?? (env[apiKeyEnvName(name)]?.trim() || null);
  const spec = PROVIDER_SPECS[name];
  return spec.create({ ...context, baseUrl: providerBaseUrl(name, env), apiKey: key, timeoutMs, maxBodyBytes: spec.maxBodyBytes });
}

/**
 * The bare snapshot provider of `name` (valuation snapshots and, where offered, quarterly earnings),
 * built as createUnlimitedProvider builds histories: URL from the environment, `apiKey` or the team
 * key, `context` for messages. `limiter` runs each of its upstream requests (a ResilientProvider's
 * `run`, so they share the plan's limits with the histories); without one, requests go out directly.
 * What each provider offers: PROVIDER_SPECS[name].snapshots.
 */
export function createUnlimitedSnapshotProvider(
  name: ProviderName,
  env: Env = processEnv(),
  apiKey: string | null = null,
  timeoutMs?: number,
  context: ProviderContext = {},
  limiter?: UpstreamLimiter,
): SnapshotProvider {
  const key = apiKey ?? (env[apiKeyEnvName(name)]?.trim() || null);
  const spec = PROVIDER_SPECS[name];
  return spec.snapshots.create({
    ...context,
    baseUrl: providerBaseUrl(name, env),
    apiKey: key,
    timeoutMs,
    maxBodyBytes: spec.maxBodyBytes,
    limiter,
  });
}

/**
 * The bare live-quote client of `name` (QuoteCapability), built as createUnlimitedProvider builds
 * histories: URL from the environment, `apiKey` or the team key, `context` for messages. `limiter`
 * runs each of its upstream requests (a ResilientProvider's `run`, so quote polls share the plan's
 * limits with the key's histories); without one, requests go out directly. `quotesPerRequest` caps
 * the batch (a plan that holds fewer credits a minute than the endpoint takes symbols).
 */
export function createUnlimitedQuoteProvider(
  name: ProviderName,
  env: Env = processEnv(),
  apiKey: string | null = null,
  context: ProviderContext = {},
  limiter?: UpstreamLimiter,
  quotesPerRequest?: number,
): QuoteProvider {
  const key = apiKey ?? (env[apiKeyEnvName(name)]?.trim() || null);
  const spec = PROVIDER_SPECS[name];
  return spec.quotes.create({
    ...context,
    baseUrl: providerBaseUrl(name, env),
    apiKey: key,
    maxBodyBytes: spec.maxBodyBytes,
    limiter,
    quotesPerRequest,
  });
}
