import type { FastifyInstance } from "fastify";
import type { ProviderName } from "../src/market";
import type { HistoryStats, HistoryStores } from "./history-route";
import type { UpstreamStatus } from "./upstream-probe";

export interface HealthBody {
  ok: true;
  providers: ProviderName[];
  /** Per provider: requests, cache hits, coalesced requests and errors since start. */
  stats: Partial<Record<ProviderName, HistoryStats>>;
  /** Whether the server reached the default provider (Yahoo) when it started; nulls until that probe has finished. */
  upstream: UpstreamStatus;
}

/**
 * GET /api/health -> which providers this server relays, how its shared cache is doing, and whether
 * it reached the default provider at start-up (`upstream()`, read on every request).
 */
export function registerHealthRoute(app: FastifyInstance, stores: HistoryStores, upstream: () => UpstreamStatus): void {
  app.get("/api/health", async (_request, reply) => {
    const stats: HealthBody["stats"] = {};
    for (const [name, store] of stores) stats[name] = store.stats();
    const body: HealthBody = { ok: true, providers: [...stores.keys()], stats, upstream: { ...upstream() } };
    return reply.header("cache-control", "no-store").send(body);
  });
}
