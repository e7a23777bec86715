import { PROVIDER_SPECS, ProviderName } from "../../market";

/**
 * Whether `provider` has quarterly EPS with report dates, which a past trailing P/E needs (the
 * rotation view's gap chart): its spec says so, or why not. Read in the pane only: the provider
 * registry stays out of the functions bundle.
 */
export function earningsHistoryOf(provider: ProviderName): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  const earnings = PROVIDER_SPECS[provider].snapshots.earnings;
  return "endpoint" in earnings ? { ok: true } : { ok: false, reason: earnings.unavailable };
}
