import { MarketDataError } from "./market-error";
import { KeyAdvice, SERVER_KEY_ADVICE } from "./provider-context";

/** MKT_<NAME>_KEY: where a server keeps the team's key for provider `name`. */
export function apiKeyEnvName(providerName: string): string {
  return `MKT_${providerName.toUpperCase()}_KEY`;
}

/**
 * What any provider key may contain: printable ASCII without spaces (anything else cannot be sent
 * in a header or URL as typed), and no longer than any real key. The one rule for keys from the
 * environment, the add-in's settings and the x-mkt-api-key header.
 */
export const MAX_KEY_LENGTH = 256;
const SENDABLE_KEY = /^[\x21-\x7e]{1,256}$/;

export function isSendableApiKey(key: string): boolean {
  return SENDABLE_KEY.test(key);
}

/**
 * The key to send (trimmed), or the MarketDataError("invalid-key") to reject with before any
 * request is made: when no key is configured, or when it holds spaces or control characters
 * (a paste accident that would otherwise fail inside fetch with the key in the error text).
 * `advice` says where keys come from in the program that built the provider (default: the server).
 */
export function requireApiKey(
  label: string,
  providerName: string,
  apiKey: string | null,
  symbol: string,
  advice: KeyAdvice = SERVER_KEY_ADVICE,
): string {
  const key = apiKey?.trim() ?? "";
  const envName = apiKeyEnvName(providerName);
  if (key === "") {
    throw new MarketDataError("invalid-key", `${label} needs an API key: ${advice.howToSet(envName)}`, symbol);
  }
  if (!isSendableApiKey(key)) {
    throw new MarketDataError(
      "invalid-key",
      `The ${label} API key ${key.length > MAX_KEY_LENGTH ? `is over ${MAX_KEY_LENGTH} characters long` : "contains spaces or special characters"}: check ${advice.whereToCheck(envName)}`,
      symbol,
    );
  }
  return key;
}
