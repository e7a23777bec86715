import type { FastifyInstance } from "fastify";
import type { ProviderName } from "../src/market";
import type { HistoryStats, HistoryStores } from "./history-route";

export interface HealthBody {
  ok: true;
  providers: ProviderName[];
  /** Per provider: requests, cache hits, coalesced requests and errors since start. */
  stats: Partial<Record<ProviderName, HistoryStats>>;
}

/** GET /api/health -> which providers this server relays and how its shared cache is doing. */
export function registerHealthRoute(app: FastifyInstance, stores: HistoryStores): void {
  app.get("/api/health", async (_request, reply) => {
    const stats: HealthBody["stats"] = {};
    for (const [name, store] of stores) stats[name] = store.stats();
    const body: HealthBody = { ok: true, providers: [...stores.keys()], stats };
    return reply.header("cache-control", "no-store").send(body);
  });
}
