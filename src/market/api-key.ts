import { MarketDataError } from "./types";

/** MKT_<NAME>_KEY: where a server keeps the team's key for provider `name`. */
export function apiKeyEnvName(providerName: string): string {
  return `MKT_${providerName.toUpperCase()}_KEY`;
}

/** Keys are printable ASCII without spaces; anything else cannot be sent in a header or URL as typed. */
const SENDABLE_KEY = /^[\x21-\x7e]+$/;

/**
 * The key to send (trimmed), or the MarketDataError("invalid-key") to reject with before any
 * request is made: when no key is configured, or when it holds spaces or control characters
 * (a paste accident that would otherwise fail inside fetch with the key in the error text).
 */
export function requireApiKey(label: string, providerName: string, apiKey: string | null, symbol: string): string {
  const key = apiKey?.trim() ?? "";
  if (key === "") {
    throw new MarketDataError(
      "invalid-key",
      `${label} needs an API key: set ${apiKeyEnvName(providerName)} on the server or enter your own key in the add-in's settings`,
      symbol,
    );
  }
  if (!SENDABLE_KEY.test(key)) {
    throw new MarketDataError(
      "invalid-key",
      `The ${label} API key contains spaces or special characters: check ${apiKeyEnvName(providerName)} or the key in the add-in's settings`,
      symbol,
    );
  }
  return key;
}
