import { ALPHAVANTAGE_SPEC } from "./alphavantage";
import { apiKeyEnvName } from "./api-key";
import { normalizeBaseUrl } from "./base-url";
import { DEMO_SPEC } from "./demo";
import { Env, processEnv } from "./env";
import { FMP_SPEC } from "./fmp";
import { POLYGON_SPEC } from "./polygon";
import { ProviderName } from "./provider-names";
import { ProviderSpec } from "./provider-spec";
import { withPlanLimits } from "./resilient-provider";
import { TIINGO_SPEC } from "./tiingo";
import { TWELVEDATA_SPEC } from "./twelvedata";
import { HistoryProvider } from "./types";
import { YAHOO_SPEC } from "./yahoo";

export { PROVIDER_NAMES, isProviderName, providerLabel } from "./provider-names";
export type { ProviderName } from "./provider-names";

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

/** The bare provider, URL and team key from the environment: one upstream call per fetch, no retries. */
export function createUnlimitedProvider(name: ProviderName, env: Env = processEnv()): HistoryProvider {
  const apiKey = env[apiKeyEnvName(name)]?.trim() || null;
  return PROVIDER_SPECS[name].create({ baseUrl: providerBaseUrl(name, env), apiKey });
}

/**
 * A provider that calls upstream directly (server, CLI; not Excel), with its free plan's
 * concurrency, rate limits and retries around it.
 */
export function createDirectProvider(name: ProviderName, env: Env = processEnv()): HistoryProvider {
  const provider = createUnlimitedProvider(name, env);
  return name === "demo" ? provider : withPlanLimits(PROVIDER_SPECS[name], provider);
}
