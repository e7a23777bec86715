import { MarketDataError, messageOf, redactSecrets } from "../../core";

/**
 * `error` as a MarketDataError whose message cannot contain any of `secrets`. Network errors
 * from fetch may quote the request URL or a header value, and a provider may echo what it was
 * sent, so every failure of a keyed provider passes through here before it leaves the provider.
 */
export function keySafeError(error: unknown, secrets: readonly (string | null)[], label: string): MarketDataError {
  const present = secrets.filter((secret): secret is string => secret !== null && secret.trim() !== "");
  if (error instanceof MarketDataError) {
    const message = redactSecrets(error.message, present);
    if (message === error.message) return error;
    return new MarketDataError(error.kind, message, error.symbol, error.retryAfterSeconds, { hostNotFound: error.hostNotFound });
  }
  const message = redactSecrets(`Unexpected failure reading ${label} data: ${messageOf(error)}`, present);
  return new MarketDataError("bad-response", message, null);
}
