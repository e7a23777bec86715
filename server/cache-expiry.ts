import type { HistoryStoreLike } from "./history-route";

/** How long the server keeps a series by default: long enough to share, short enough to see today's bar move. */
export const DEFAULT_CACHE_SECONDS = 15 * 60;

/**
 * HistoryStore keeps a series until the market clock says the next daily bar is out, so during a
 * session the server would keep serving the bar of its first fetch: every interval, each store's
 * clear() makes the next request of each symbol fetch again (a Redis copy fetched after this
 * instance's last clear still counts as fresh, so instances share their refreshes). Returns the
 * stop function.
 */
export function expireCachesEvery(stores: Iterable<HistoryStoreLike>, intervalMs: number): () => void {
  if (!(intervalMs > 0)) return () => undefined;
  const timer = setInterval(() => {
    for (const store of stores) store.clear?.();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
