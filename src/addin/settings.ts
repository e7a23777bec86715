import { isProviderName, PLAN_TIERS, ProviderName, providerTakesKeys } from "../market";

/**
 * The analyst's data settings, kept in the add-in's own browser storage (localStorage of the
 * add-in's origin): never in the workbook, so a shared file carries no key.
 */
export interface AddinSettings {
  readonly provider: ProviderName;
  /** The analyst's own key for `provider`; null uses the server's team key, if any. */
  readonly apiKey: string | null;
  /**
   * The plan tier of that key (one of PLAN_TIERS[provider], default "free"), sent with it in the
   * x-mkt-plan header so the server applies its limits to the key. It means nothing without a key
   * of the analyst's own: the team key keeps the server's plan.
   */
  readonly plan: string;
  /** The data server; null means the server that served the add-in (the usual case). */
  readonly serverUrl: string | null;
}

export const DEFAULT_PLAN = "free";

export const DEFAULT_SETTINGS: AddinSettings = { provider: "yahoo", apiKey: null, plan: DEFAULT_PLAN, serverUrl: null };

const PROVIDER_KEY = "rotation-desk.provider";
const SERVER_KEY = "rotation-desk.server";
/** Keys are kept per provider, so switching providers back and forth keeps each key. */
const apiKeyKey = (provider: string): string => `rotation-desk.api-key.${provider}`;
/** A key's plan is kept with it, per provider. */
const planKey = (provider: string): string => `rotation-desk.plan.${provider}`;

/** Whether the provider takes keys, and so a plan for the analyst's own key (Yahoo and demo do not). */
export function takesPlan(provider: ProviderName): boolean {
  return providerTakesKeys(provider);
}

/** `plan` when it is one of the provider's tiers (any case), in its own spelling; "free" otherwise. */
export function knownPlan(provider: ProviderName, plan: string | null | undefined): string {
  const wanted = (plan ?? "").trim().toLowerCase();
  return PLAN_TIERS[provider].find((tier) => tier === wanted) ?? DEFAULT_PLAN;
}

export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function browserStorage(): SettingsStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage can be disabled in locked-down browsers
  }
}

function readItem(storage: SettingsStorage | null, key: string): string | null {
  try {
    const value = storage?.getItem(key) ?? null;
    return value === null || value.trim() === "" ? null : value.trim();
  } catch {
    return null;
  }
}

export function readSettings(storage: SettingsStorage | null = browserStorage()): AddinSettings {
  const stored = readItem(storage, PROVIDER_KEY);
  const provider = isProviderName(stored) ? stored : DEFAULT_SETTINGS.provider;
  return {
    provider,
    apiKey: readItem(storage, apiKeyKey(provider)),
    plan: knownPlan(provider, readItem(storage, planKey(provider))),
    serverUrl: readItem(storage, SERVER_KEY),
  };
}

/** Throws an Error with a message for the settings form when storage refuses the write. */
export function writeSettings(settings: AddinSettings, storage: SettingsStorage | null = browserStorage()): void {
  if (storage === null) throw new Error("This browser does not let the add-in keep settings (storage is disabled)");
  const put = (key: string, value: string | null): void => {
    if (value === null || value.trim() === "") storage.removeItem(key);
    else storage.setItem(key, value.trim());
  };
  try {
    put(PROVIDER_KEY, settings.provider);
    put(apiKeyKey(settings.provider), settings.apiKey);
    // The free plan is the default: nothing kept for it.
    const plan = takesPlan(settings.provider) ? knownPlan(settings.provider, settings.plan) : DEFAULT_PLAN;
    put(planKey(settings.provider), plan === DEFAULT_PLAN ? null : plan);
    put(SERVER_KEY, settings.serverUrl);
  } catch (error) {
    throw new Error(`Could not save the settings: ${(error as Error).message}`, { cause: error });
  }
}
