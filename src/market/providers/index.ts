/**
 * The registry of providers: one folder each (client, parser, spec), listed here. Adding a provider
 * means a folder like the others, its name in core's PROVIDER_NAMES, and its spec below.
 */
import { apiKeyEnvName, Env, HistoryProvider, normalizeBaseUrl, processEnv, ProviderContext, ProviderName } from "../core";
import { ALPHAVANTAGE_SPEC } from "./alphavantage";
import { DEMO_SPEC } from "./demo";
import { FMP_SPEC } from "./fmp";
import { POLYGON_SPEC } from "./polygon";
import type { ProviderSpec } from "./shared";
import { TIINGO_SPEC } from "./tiingo";
import { TWELVEDATA_SPEC } from "./twelvedata";
import { YAHOO_SPEC } from "./yahoo";

export type { ProviderOptions, ProviderPlans, ProviderSpec } from "./shared";
export { PLAN_HEADER } from "./shared";
export { ALPHAVANTAGE_SPEC, AlphaVantageProvider } from "./alphavantage";
export { DEMO_FIRST_DAY, DEMO_SPEC, DemoProvider, demoSeries } from "./demo";
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
