import type { AddinSettings } from "../../../addin";
import { isProviderName } from "../../../market";
import { serverAddress } from "./connection-test";

/** The settings form as typed: text fields, not yet validated. */
export interface SettingsDraft {
  readonly provider: string;
  readonly apiKey: string;
  readonly serverUrl: string;
}

export interface SettingsCheck {
  readonly providerMessage: string | null;
  readonly serverMessage: string | null;
  readonly apiKeyMessage: string | null;
  readonly settings: AddinSettings | null;
}

export function draftOfSettings(settings: AddinSettings): SettingsDraft {
  return { provider: settings.provider, apiKey: settings.apiKey ?? "", serverUrl: settings.serverUrl ?? "" };
}

const blankToNull = (text: string): string | null => (text.trim() === "" ? null : text.trim());

export function checkSettingsDraft(draft: SettingsDraft, pageOrigin: string): SettingsCheck {
  const providerMessage = isProviderName(draft.provider) ? null : "Choose a data provider.";
  const serverUrl = blankToNull(draft.serverUrl);
  let serverMessage: string | null = null;
  if (serverUrl !== null) {
    const address = serverAddress({ provider: "demo", apiKey: null, serverUrl }, pageOrigin);
    if (!address.ok) serverMessage = address.message;
  }
  const apiKey = blankToNull(draft.apiKey);
  const apiKeyMessage = apiKey !== null && /\s/.test(apiKey) ? "An API key has no spaces; paste it again." : null;
  const settings =
    providerMessage === null && serverMessage === null && apiKeyMessage === null && isProviderName(draft.provider)
      ? { provider: draft.provider, apiKey, serverUrl }
      : null;
  return { providerMessage, serverMessage, apiKeyMessage, settings };
}
