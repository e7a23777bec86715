import type { FastifyInstance } from "fastify";
import type { ProviderName } from "../src/market";
import type { HistoryStats, HistoryStores } from "./history-route";
import type { QuotesHealth } from "./quotes";
import type { SnapshotStores } from "./snapshot-routes";
import type { UpstreamStatus } from "./upstream-probe";

export interface HealthBody {
  ok: true;
  providers: ProviderName[];
  /** Per provider: requests, cache hits, coalesced requests and errors since start. */
  stats: Partial<Record<ProviderName, HistoryStats>>;
  /** Per provider, the same counters for valuation snapshots and earnings histories together. */
  valuationStats: Partial<Record<ProviderName, HistoryStats>>;
  /** Whether the server reached the default provider (Yahoo) when it started; nulls until that probe has finished. */
  upstream: UpstreamStatus;
  /** Live quotes on this instance: streams, tickers watched, quotes and upstream polls per minute, last and next poll. */
  quotes?: QuotesHealth;
}

/**
 * GET /api/health -> which providers this server relays, how its shared cache is doing, and whether
 * it reached the default provider at start-up (`upstream()`, read on every request).
 */
export function registerHealthRoute(
  app: FastifyInstance,
  stores: HistoryStores,
  upstream: () => UpstreamStatus,
  snapshotStores: SnapshotStores = new Map(),
  quotes?: () => QuotesHealth,
): void {
  app.get("/api/health", async (_request, reply) => {
    const stats: HealthBody["stats"] = {};
    for (const [name, store] of stores) stats[name] = store.stats();
    const valuationStats: HealthBody["valuationStats"] = {};
    for (const [name, store] of snapshotStores) valuationStats[name] = store.stats();
    const body: HealthBody = { ok: true, providers: [...stores.keys()], stats, valuationStats, upstream: { ...upstream() } };
    if (quotes !== undefined) body.quotes = quotes();
    return reply.header("cache-control", "no-store").send(body);
  });
}
