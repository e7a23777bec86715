import type { HistoryStoreLike } from "./history-route";

/** How long the server keeps a series by default: long enough to share, short enough to see today's bar move. */
export const DEFAULT_CACHE_SECONDS = 15 * 60;

/**
 * HistoryStore keeps a series for its whole life, which suits an Excel session but not a server
 * that runs for days: empty every store's cache at a fixed interval. Returns the stop function.
 */
export function expireCachesEvery(stores: Iterable<HistoryStoreLike>, intervalMs: number): () => void {
  if (!(intervalMs > 0)) return () => undefined;
  const timer = setInterval(() => {
    for (const store of stores) store.clear?.();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
