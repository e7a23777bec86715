/**
 * The market-data layer's front door for the rest of Rotation Desk (functions, add-in runtime, task
 * pane, server, CLI). Node-only code is not here: the server imports `store/node` itself, so the
 * add-in's bundles never reach Redis.
 *
 * Parts, each imported through its own index: core (shapes, tickers, dates, text), providers (one
 * folder per upstream, and the registry), resilience (plan limits, retries), store (history cache;
 * store/browser, store/node) and relay (the add-in's server protocol and batching client).
 */
import { Env, HistoryProvider, processEnv, ProviderContext, ProviderName } from "./core";
import { createUnlimitedProvider, PROVIDER_SPECS } from "./providers";
import { withPlanLimits } from "./resilience";

export * from "./core";
export {
  baseUrlEnvName,
  createUnlimitedProvider,
  DEFAULT_YAHOO_URL,
  DEMO_FIRST_DAY,
  DemoProvider,
  demoSeries,
  PROVIDER_SPECS,
  providerBaseUrl,
  YAHOO_SPEC,
  YahooProvider,
} from "./providers";
export type { ProviderOptions, ProviderSpec } from "./providers";
export { ResilientProvider, withPlanLimits } from "./resilience";
export type { PlanLimits } from "./resilience";
export * from "./store";
export * from "./relay";

/**
 * A provider that calls upstream directly (server, CLI; not Excel), with its free plan's
 * concurrency, rate limits and retries around it. `apiKey` is an analyst's own key; null uses the
 * team key from the environment (MKT_<NAME>_KEY). `context` is what the calling program tells people
 * in messages: the CLI says to set keys in the environment and suggests --provider demo when a host
 * is not found; left out, messages keep the server's wording.
 */
export function createDirectProvider(
  name: ProviderName,
  env: Env = processEnv(),
  apiKey: string | null = null,
  context: ProviderContext = {},
): HistoryProvider {
  const provider = createUnlimitedProvider(name, env, apiKey, undefined, context);
  return name === "demo" ? provider : withPlanLimits(PROVIDER_SPECS[name], provider);
}
