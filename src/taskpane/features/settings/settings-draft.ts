import { AddinSettings, DEFAULT_PLAN, knownPlan, takesPlan } from "../../../addin";
import { FailureReason, isProviderName, PLAN_HEADER, PLAN_TIERS, planTiers, providerLabel } from "../../../market";
import { serverAddress } from "./connection-test";

/** The settings form as typed: text fields, not yet validated. */
export interface SettingsDraft {
  readonly provider: string;
  readonly apiKey: string;
  /** The plan tier of the analyst's own key (providers with keys only). */
  readonly plan: string;
  readonly serverUrl: string;
}

export interface SettingsCheck {
  readonly providerMessage: string | null;
  readonly serverMessage: string | null;
  readonly apiKeyMessage: string | null;
  readonly planMessage: string | null;
  readonly settings: AddinSettings | null;
}

export function draftOfSettings(settings: AddinSettings): SettingsDraft {
  return { provider: settings.provider, apiKey: settings.apiKey ?? "", plan: settings.plan, serverUrl: settings.serverUrl ?? "" };
}

const blankToNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());

/** The plan choices next to the key: the provider's tiers, "free" first, each with its limits in words; none for providers without keys. */
export function planChoices(provider: string): { readonly value: string; readonly label: string }[] {
  if (!isProviderName(provider) || !takesPlan(provider)) return [];
  return planTiers(provider).map((tier) => ({ value: tier.name, label: `${tier.name} — ${tier.summary}` }));
}

export function checkSettingsDraft(draft: SettingsDraft, pageOrigin: string): SettingsCheck {
  const providerMessage = isProviderName(draft.provider) ? null : "Choose a data provider.";
  const serverUrl = blankToNull(draft.serverUrl);
  let serverMessage: string | null = null;
  if (serverUrl !== null) {
    const address = serverAddress({ serverUrl }, pageOrigin);
    if (!address.ok) serverMessage = address.message;
  }
  const apiKey = blankToNull(draft.apiKey);
  const apiKeyMessage = apiKey !== null && /\s/.test(apiKey) ? "An API key has no spaces; paste it again." : null;
  let planMessage: string | null = null;
  let plan = DEFAULT_PLAN;
  if (isProviderName(draft.provider) && takesPlan(draft.provider)) {
    const wanted = draft.plan.trim().toLowerCase() || DEFAULT_PLAN;
    plan = knownPlan(draft.provider, wanted);
    if (plan !== wanted) {
      planMessage = `${providerLabel(draft.provider)} has no plan "${draft.plan.trim()}"; choose ${PLAN_TIERS[draft.provider].join(", ")}.`;
    }
  }
  const settings =
    providerMessage === null && serverMessage === null && apiKeyMessage === null && planMessage === null && isProviderName(draft.provider)
      ? { provider: draft.provider, apiKey, plan, serverUrl }
      : null;
  return { providerMessage, serverMessage, apiKeyMessage, planMessage, settings };
}

/**
 * Why the data server refused the plan sent with the key (a 400 naming the x-mkt-plan header), from
 * the data source's recent failures; null when it did not. Cells show it as #N/A; the settings show
 * it next to the plan.
 */
export function planRefusalOf(failures: readonly FailureReason[]): string | null {
  const refused = failures.find((failure) => failure.example.includes(PLAN_HEADER));
  if (refused === undefined) return null;
  const example = refused.example;
  const start = example.indexOf(`The ${PLAN_HEADER} header`);
  return start >= 0 ? example.slice(start) : example;
}
