/**
 * The market-data layer's front door for the rest of Rotation Desk (functions, add-in runtime, task
 * pane, server, CLI). Node-only code is not here: the server imports `store/node` itself, so the
 * add-in's bundles never reach Redis.
 *
 * Parts, each imported through its own index: core (shapes, tickers, dates, text), providers (one
 * folder per upstream, and the registry), resilience (plan limits, retries), store (history cache;
 * store/browser, store/node) and relay (the add-in's server protocol and batching client).
 */
import { apiKeyEnvName, Env, HistoryProvider, processEnv, ProviderContext, ProviderName, PROVIDER_NAMES } from "./core";
import { createUnlimitedProvider, PROVIDER_SPECS } from "./providers";
import {
  Clock,
  describeLimits,
  LimitGate,
  LimitWait,
  planFromSettings,
  PlanChoice,
  planTierNames,
  QuotaCounter,
  ResilientProvider,
  serverCeiling,
} from "./resilience";

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
export type { ProviderOptions, ProviderPlans, ProviderSpec } from "./providers";
export { PLAN_HEADER } from "./providers";
export {
  describeLimits,
  describeWindow,
  formatWait,
  LimitGate,
  LocalQuotaCounter,
  loosestLimits,
  PlanSettingError,
  ResilientProvider,
  sharedWording,
  tierLimits,
  withPlanLimits,
} from "./resilience";
export type { Clock, LimitWait, PlanChoice, PlanLimits, QuotaCounter, QuotaScope, QuotaTake, WindowUnit } from "./resilience";
export * from "./store";
export * from "./relay";

/** How createDirectProvider keeps to a plan; every part may be left out. */
export interface DirectProviderOptions {
  /**
   * The plan to keep to. Default: for the team key, the one MKT_<NAME>_PLAN, _PER_<UNIT> and
   * _CONCURRENCY describe (free when unset; a wrong value throws PlanSettingError naming it); for an
   * analyst's own key, the free plan.
   */
  readonly plan?: PlanChoice;
  /** Ceilings shared with other keys and providers (the server's), applied after the plan's own limits. */
  readonly sharedGates?: readonly LimitGate[];
  /** Where Retry-After and 429 backoffs apply (one of sharedGates): the server's per-provider ceiling, so they reach every key. */
  readonly signalGate?: LimitGate;
  /** Where daily quotas are counted: Redis on a server with REDIS_URL; default this process alone. */
  readonly quotaCounter?: QuotaCounter;
  /** Longest a request waits for the plan's limits (the CLI's --max-wait); default its whole budget. */
  readonly maxWaitMs?: number;
  /** Time budget per request, waits included (default 20 s). */
  readonly budgetMs?: number;
  /** Told when a request starts waiting for a limit (the CLI's progress line). */
  readonly onWait?: (wait: LimitWait) => void;
  /** Time as the limits see it (tests). */
  readonly clock?: Clock;
}

/**
 * The plan provider `name` is used with on this machine: MKT_<NAME>_PLAN (a tier; `tier` such as the
 * CLI's --plan takes precedence, `setting` naming it in errors), then MKT_<NAME>_PER_<UNIT> and
 * _CONCURRENCY. Throws PlanSettingError naming the setting that is wrong.
 */
export function planFromEnv(
  name: ProviderName,
  env: Env = processEnv(),
  tier?: { readonly setting: string; readonly value: string },
): PlanChoice {
  return planFromSettings(name, PROVIDER_SPECS[name], env, tier);
}

/** Checks every provider's plan settings in `env` (a server's start-up): throws PlanSettingError for the first wrong one. */
export function checkPlanSettings(env: Env = processEnv()): void {
  for (const name of PROVIDER_NAMES) planFromEnv(name, env);
}

/** A provider's plan tiers, "free" first, each with its limits in words: what the add-in's settings list. */
export function planTiers(name: ProviderName): { readonly name: string; readonly summary: string }[] {
  const { plans } = PROVIDER_SPECS[name];
  return planTierNames(plans).map((tier) => ({ name: tier, summary: describeLimits(plans.tiers[tier]) }));
}

/** The tier names per provider ("free" first), for the add-in's settings and the x-mkt-plan header. */
export const PLAN_TIERS: Readonly<Record<ProviderName, readonly string[]>> = Object.fromEntries(
  PROVIDER_NAMES.map((name) => [name, planTierNames(PROVIDER_SPECS[name].plans)]),
) as unknown as Record<ProviderName, readonly string[]>;

/**
 * What no key may exceed on a server for provider `name`, all keys together: the loosest of its
 * documented tiers and the team's `plan` (in flight, and per second, minute and hour).
 */
export function providerCeiling(name: ProviderName, plan: PlanChoice): PlanChoice {
  return { tier: null, limits: serverCeiling(PROVIDER_SPECS[name].plans, plan.limits) };
}

/**
 * A provider that calls upstream directly (server, CLI; not Excel), with its plan's concurrency,
 * rate limits, daily quota and retries around it (see DirectProviderOptions). `apiKey` is an analyst's own key; null uses the
 * team key from the environment (MKT_<NAME>_KEY). `context` is what the calling program tells people
 * in messages: the CLI says to set keys in the environment and suggests --provider demo when a host
 * is not found; left out, messages keep the server's wording.
 */
export function createDirectProvider(
  name: ProviderName,
  env: Env = processEnv(),
  apiKey: string | null = null,
  context: ProviderContext = {},
  options: DirectProviderOptions = {},
): HistoryProvider {
  const provider = createUnlimitedProvider(name, env, apiKey, undefined, context);
  if (name === "demo") return provider;
  const spec = PROVIDER_SPECS[name];
  const plan = options.plan ?? (apiKey === null ? planFromEnv(name, env) : { tier: "free", limits: spec.plans.tiers.free });
  const keyUsed = apiKey ?? (env[apiKeyEnvName(name)]?.trim() || null);
  return new ResilientProvider(provider, {
    limits: plan.limits,
    label: spec.label,
    plan: plan.tier,
    sharedGates: options.sharedGates,
    signalGate: options.signalGate,
    quota: options.quotaCounter && { counter: options.quotaCounter, scope: { provider: name, apiKey: keyUsed } },
    maxWaitMs: options.maxWaitMs,
    onWait: options.onWait,
    retry: options.budgetMs === undefined ? undefined : { budgetMs: options.budgetMs },
    clock: options.clock,
  });
}
