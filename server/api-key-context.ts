import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The analyst's own provider key for the work one request starts. The shared stores have no
 * per-request parameters (HistoryStore.get(symbol)), so the key travels beside the call instead of
 * through it: the store's provider reads it when (and only when) it actually calls upstream.
 */
const storage = new AsyncLocalStorage<{ readonly apiKey: string | null }>();

/** Runs `work` (and everything it starts asynchronously) with `apiKey` as the request's key. */
export function withApiKey<T>(apiKey: string | null, work: () => T): T {
  return storage.run({ apiKey }, work);
}

/** The key of the request whose work is running, or null (use the team key). */
export function currentApiKey(): string | null {
  return storage.getStore()?.apiKey ?? null;
}
