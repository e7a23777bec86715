/**
 * The market-data layer's front door for the rest of Rotation Desk (functions, add-in runtime, task
 * pane, server, CLI). Node-only code is not here: the server imports `store/node` itself, so the
 * add-in's bundles never reach Redis.
 *
 * Parts, each imported through its own index: core (shapes, tickers, dates, text), providers (one
 * folder per upstream, and the registry), resilience (plan limits, retries), store (history cache;
 * store/browser, store/node), relay (the add-in's server protocol and batching client) and quotes
 * (the live-quote stream protocol, its schedule and poller).
 */
import { apiKeyEnvName, Env, HistoryProvider, processEnv, ProviderContext, ProviderName, PROVIDER_NAMES, QuoteProvider } from "./core";
import {
  createUnlimitedProvider,
  createUnlimitedQuoteProvider,
  createUnlimitedSnapshotProvider,
  DemoMarketProvider,
  DemoQuoteProvider,
  PROVIDER_PLANS,
  PROVIDER_SPECS,
} from "./providers";
import {
  Clock,
  describeLimits,
  LimitGate,
  LimitWait,
  planFromSettings,
  PlanChoice,
  planTierNames,
  PlanLimits,
  QuotaCounter,
  rateWindows,
  ResilientMarketProvider,
  ResilientProvider,
  serverCeiling,
} from "./resilience";

export * from "./core";
export {
  baseUrlEnvName,
  createUnlimitedProvider,
  createUnlimitedQuoteProvider,
  createUnlimitedSnapshotProvider,
  DEFAULT_YAHOO_URL,
  DEMO_FIRST_DAY,
  demoEarnings,
  DemoMarketProvider,
  DemoProvider,
  demoSeries,
  demoSnapshot,
  DemoQuoteProvider,
  DEMO_QUOTE_STEP_MS,
  DemoSnapshotProvider,
  PROVIDER_SPECS,
  providerBaseUrl,
  YAHOO_SPEC,
  YahooProvider,
} from "./providers";
export type {
  ProviderOptions,
  ProviderPlans,
  ProviderSpec,
  QuoteCapability,
  QuoteOptions,
  SnapshotCapability,
  UpstreamLimiter,
} from "./providers";
export { PLAN_HEADER } from "./providers";
export {
  describeLimits,
  describeWindow,
  formatWait,
  LimitGate,
  LocalQuotaCounter,
  loosestLimits,
  PlanSettingError,
  ResilientMarketProvider,
  ResilientProvider,
  sharedWording,
  tierLimits,
  withPlanLimits,
} from "./resilience";
export type { Clock, LimitWait, PlanChoice, PlanLimits, QuotaCounter, QuotaScope, QuotaTake, RunOptions, WindowUnit } from "./resilience";
export * from "./store";
export * from "./relay";
export * from "./quotes";

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
  const plans = PROVIDER_PLANS[name];
  return planTierNames(plans).map((tier) => ({ name: tier, summary: describeLimits(plans.tiers[tier]) }));
}

/** The tier names per provider ("free" first), for the add-in's settings and the x-mkt-plan header. */
export const PLAN_TIERS: Readonly<Record<ProviderName, readonly string[]>> = Object.fromEntries(
  PROVIDER_NAMES.map((name) => [name, planTierNames(PROVIDER_PLANS[name])]),
) as unknown as Record<ProviderName, readonly string[]>;

/**
 * What no key may exceed on a server for provider `name`, all keys together: the loosest of its
 * documented tiers and the team's `plan` (in flight, and per second, minute and hour).
 */
export function providerCeiling(name: ProviderName, plan: PlanChoice): PlanChoice {
  return { tier: null, limits: serverCeiling(PROVIDER_SPECS[name].plans, plan.limits) };
}

/**
 * A provider's histories and valuation data from one object, within one plan (createDirectProvider):
 * a ResilientProvider's limits around both, or the demo's, which needs none.
 */
export type MarketProvider = ResilientMarketProvider | DemoMarketProvider;

/**
 * A provider that calls upstream directly (server, CLI; not Excel), with its plan's concurrency,
 * rate limits, daily quota and retries around it (see DirectProviderOptions). `apiKey` is an analyst's own key; null uses the
 * team key from the environment (MKT_<NAME>_KEY). `context` is what the calling program tells people
 * in messages: the CLI says to set keys in the environment and suggests --provider demo when a host
 * is not found; left out, messages keep the server's wording.
 *
 * It also serves valuation snapshots and, where the provider has them, quarterly earnings
 * (SnapshotProvider), whose upstream requests wait in the same queue and count against the same
 * limits as its histories: one plan per provider and key, whatever is asked of it.
 */
export function createDirectProvider(
  name: ProviderName,
  env: Env = processEnv(),
  apiKey: string | null = null,
  context: ProviderContext = {},
  options: DirectProviderOptions = {},
): MarketProvider {
  const provider = createUnlimitedProvider(name, env, apiKey, undefined, context);
  if (provider instanceof DemoMarketProvider) return provider; // the demo's histories and fundamentals: nothing to limit
  const spec = PROVIDER_SPECS[name];
  const plan = options.plan ?? (apiKey === null ? planFromEnv(name, env) : { tier: "free", limits: spec.plans.tiers.free });
  const keyUsed = apiKey ?? (env[apiKeyEnvName(name)]?.trim() || null);
  return new ResilientMarketProvider(
    provider,
    (limiter) => createUnlimitedSnapshotProvider(name, env, apiKey, undefined, context, limiter),
    {
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
    },
  );
}

/** How createDirectQuoteProvider keeps to a plan: DirectProviderOptions, and the histories to share it with. */
export interface DirectQuoteOptions extends DirectProviderOptions {
  /**
   * The provider createDirectProvider made for the same provider and key (the server's per-key
   * instance, the CLI's): every quote poll then goes through its limits, sharing its queue, windows,
   * daily quota and Retry-After with that key's histories and valuation data. Without it, a provider
   * of its own is made from these options, with limits of its own (the shared gates and quota counter,
   * when passed, still count both).
   */
  readonly histories?: HistoryProvider;
}

/**
 * Live quotes of provider `name` within its plan, as createDirectProvider builds histories (same
 * arguments): each upstream quote request (a batch of up to the provider's quotesPerRequest tickers)
 * waits its turn and counts against the plan's windows and daily quota like a history request, with
 * `options.histories` in the very same queue. A provider that charges a credit per symbol (Twelve
 * Data) gets batches no larger than the plan's smallest window, so a batch is never refused outright.
 * The demo's quotes are synthetic: DemoQuoteProvider, no limits.
 */
export function createDirectQuoteProvider(
  name: ProviderName,
  env: Env = processEnv(),
  apiKey: string | null = null,
  context: ProviderContext = {},
  options: DirectQuoteOptions = {},
): QuoteProvider {
  const histories = options.histories;
  if (histories !== undefined && histories.name !== name) {
    throw new RangeError(`createDirectQuoteProvider: histories of ${histories.name} cannot carry ${name}'s quotes`);
  }
  const clock = options.clock;
  if (name === "demo") return new DemoQuoteProvider(clock === undefined ? {} : { now: () => clock.now() });
  const spec = PROVIDER_SPECS[name];
  const plan = options.plan ?? (apiKey === null ? planFromEnv(name, env) : { tier: "free", limits: spec.plans.tiers.free });
  const limiter =
    histories instanceof ResilientProvider
      ? histories
      : (createDirectProvider(name, env, apiKey, context, { ...options, plan }) as ResilientProvider);
  const gates = [plan.limits, ...(options.sharedGates ?? []).map((gate) => gate.limits)];
  const perRequest = spec.quotes.costPerTicker ? Math.min(spec.quotes.quotesPerRequest, ...gates.map(smallestWindow)) : undefined;
  return createUnlimitedQuoteProvider(name, env, apiKey, context, limiter, perRequest);
}

/** The fewest requests any window of `limits` holds (Infinity without windows). */
function smallestWindow(limits: PlanLimits): number {
  return Math.min(Number.POSITIVE_INFINITY, ...rateWindows(limits).map((window) => window.requests));
}
