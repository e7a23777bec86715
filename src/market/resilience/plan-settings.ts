import type { Env } from "../core";
import { LimitedService, loosestLimits, PlanLimits, ServicePlans, WINDOW_UNITS, WindowUnit, withLimitPer } from "./plan-limits";

/** A plan setting that cannot be used: `setting` names it (MKT_TIINGO_PLAN, --plan). */
export class PlanSettingError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(message);
    this.name = "PlanSettingError";
  }
}

/** The plan a provider is used with. */
export interface PlanChoice {
  readonly limits: PlanLimits;
  /** The tier ("free", "premium-75"), or null when numbers were set explicitly (MKT_<NAME>_PER_MINUTE…). */
  readonly tier: string | null;
}

const MAX_REQUESTS = 1_000_000_000;
const MAX_CONCURRENCY = 1_000;

/** MKT_<NAME>: the start of a provider's plan settings. */
export function planSettingPrefix(providerName: string): string {
  return `MKT_${providerName.toUpperCase()}`;
}

/** MKT_<NAME>_PER_<UNIT>: one window's requests. */
export function windowSettingName(providerName: string, unit: WindowUnit): string {
  return `${planSettingPrefix(providerName)}_PER_${unit.toUpperCase()}`;
}

/** The tier names of a provider, "free" first: what MKT_<NAME>_PLAN and the x-mkt-plan header accept. */
export function planTierNames(plans: ServicePlans): string[] {
  return ["free", ...Object.keys(plans.tiers).filter((name) => name !== "free")];
}

/** A tier's limits; null when the provider has no tier of that name (names are matched ignoring case). */
export function tierLimits(plans: ServicePlans, tier: string): PlanLimits | null {
  const name = tier.trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(plans.tiers, name) ? plans.tiers[name] : null;
}

function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function wholeNumber(setting: string, raw: string, max: number, what: string, allowNone: boolean): number | null {
  const text = raw.trim().toLowerCase();
  if (allowNone && text === "none") return null;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    const none = allowNone ? ", or none for no limit" : "";
    throw new PlanSettingError(
      setting,
      `${setting} must be a whole number of ${what} from 1 to ${max.toLocaleString("en-US")}${none}, not "${raw}"`,
    );
  }
  return value;
}

/** The tier named by `raw` (read from `setting`), or a PlanSettingError listing the tiers. */
export function requireTier(service: LimitedService, setting: string, raw: string): { tier: string; limits: PlanLimits } {
  const limits = tierLimits(service.plans, raw);
  if (limits === null) {
    throw new PlanSettingError(
      setting,
      `${setting} must be one of ${listed(planTierNames(service.plans))} for ${service.label}, not "${raw.trim()}"`,
    );
  }
  return { tier: raw.trim().toLowerCase(), limits };
}

/**
 * The plan provider `providerName` is used with: MKT_<NAME>_PLAN (a tier, default free; `tierOption`,
 * e.g. the CLI's --plan, takes precedence), then explicit numbers on top: MKT_<NAME>_PER_SECOND,
 * _PER_MINUTE, _PER_HOUR, _PER_DAY (for the windows the provider counts in; "none" removes one) and
 * _CONCURRENCY. Throws PlanSettingError naming the setting that is wrong.
 */
export function planFromSettings(
  providerName: string,
  service: LimitedService,
  env: Env,
  tierOption?: { readonly setting: string; readonly value: string },
): PlanChoice {
  const prefix = planSettingPrefix(providerName);
  const planSetting = tierOption ?? { setting: `${prefix}_PLAN`, value: env[`${prefix}_PLAN`] ?? "" };
  let choice: PlanChoice =
    planSetting.value.trim() === ""
      ? { tier: "free", limits: service.plans.tiers.free }
      : requireTier(service, planSetting.setting, planSetting.value);

  for (const unit of WINDOW_UNITS) {
    const setting = windowSettingName(providerName, unit);
    const raw = env[setting];
    if (raw === undefined || raw.trim() === "") continue;
    if (!service.plans.countsPer.includes(unit)) {
      const known = service.plans.countsPer.map((counted) => windowSettingName(providerName, counted));
      const instead = known.length === 0 ? "it takes no request limits" : `use ${listed(known)}`;
      throw new PlanSettingError(setting, `${setting} does not apply: ${service.label} does not count requests per ${unit} (${instead})`);
    }
    const requests = wholeNumber(setting, raw, MAX_REQUESTS, "requests", true);
    choice = { tier: null, limits: withLimitPer(choice.limits, unit, requests) };
  }
  const concurrencySetting = `${prefix}_CONCURRENCY`;
  const rawConcurrency = env[concurrencySetting];
  if (rawConcurrency !== undefined && rawConcurrency.trim() !== "") {
    const concurrency = wholeNumber(concurrencySetting, rawConcurrency, MAX_CONCURRENCY, "requests at a time", false) ?? 1;
    choice = { tier: null, limits: { ...choice.limits, concurrency } };
  }
  return choice;
}

/** " on the free plan", " on your configured plan": how messages name the plan a limit comes from. */
export function planPhrase(tier: string | null): string {
  return tier === null ? " on the configured plan" : ` on the ${tier} plan`;
}

/**
 * What no key may exceed on a server, all keys together: the loosest of the provider's tiers and
 * the team's plan, in flight and per second, minute and hour (daily quotas are per key).
 */
export function serverCeiling(plans: ServicePlans, team: PlanLimits): PlanLimits {
  return loosestLimits([...Object.values(plans.tiers), team], ["second", "minute", "hour"]);
}
