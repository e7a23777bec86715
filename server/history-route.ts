import type { FastifyInstance } from "fastify";
import type { HistoryStore } from "../src/market/history-store";
import { isProviderName, PROVIDER_NAMES, ProviderName } from "../src/market/providers";
import { RELAY_HISTORY_PATH } from "../src/market/relay-protocol";
import { seriesToJson } from "../src/market/series-json";
import { normalizeSymbol, quoteForMessage } from "../src/market/symbols";
import type { DailySeries } from "../src/market/types";
import { isMarketDataError, sendError, sendMarketError } from "./errors";

/** What the relay needs from a store: HistoryStore, or anything shaped like it (tests, Redis). */
export type HistoryStoreLike = Pick<HistoryStore, "get" | "stats"> & Partial<Pick<HistoryStore, "clear">>;
export type HistoryStats = ReturnType<HistoryStore["stats"]>;

/** One store per provider, shared by every client of this server. */
export type HistoryStores = ReadonlyMap<ProviderName, HistoryStoreLike>;

/** How long a client (the add-in, a browser) may reuse a history answer. */
export const HISTORY_MAX_AGE_SECONDS = 300;

interface HistoryParams {
  provider: string;
  symbol: string;
}

/**
 * GET /api/history/:provider/:symbol -> 200 SeriesJson, or a JSON error:
 * 404 unknown provider, 400 invalid symbol (never sent upstream), and for provider failures
 * the status the relay protocol gives the MarketDataError's kind.
 */
export function registerHistoryRoute(app: FastifyInstance, stores: HistoryStores): void {
  // The same cached series is served many times; serialise it once.
  const bodies = new WeakMap<DailySeries, string>();

  app.get<{ Params: HistoryParams }>(`${RELAY_HISTORY_PATH}/:provider/:symbol`, async (request, reply) => {
    const { provider, symbol } = request.params;
    const store = isProviderName(provider) ? stores.get(provider) : undefined;
    if (!store) {
      return sendError(reply, 404, {
        error: "not-found",
        message: `Unknown provider ${quoteForMessage(provider)}: this server relays ${PROVIDER_NAMES.join(", ")}`,
      });
    }

    let normalized: string;
    try {
      normalized = normalizeSymbol(symbol);
    } catch (error) {
      // Checked here as well as in the store, so nothing malformed can reach any store or upstream.
      if (isMarketDataError(error)) return sendMarketError(reply, error);
      throw error;
    }

    let series: DailySeries;
    try {
      series = await store.get(normalized);
    } catch (error) {
      if (isMarketDataError(error)) return sendMarketError(reply, error);
      throw error; // the error handler answers 500 without details
    }

    let body = bodies.get(series);
    if (body === undefined) {
      body = JSON.stringify(seriesToJson(series));
      bodies.set(series, body);
    }
    return reply
      .header("cache-control", `private, max-age=${HISTORY_MAX_AGE_SECONDS}`)
      .type("application/json; charset=utf-8")
      .send(body);
  });
}

/** Keeps every other /api/ path away from the static files: a JSON 404, whatever dist/ holds. */
export function registerApiFallback(app: FastifyInstance): void {
  app.all("/api/*", async (request, reply) => reply.callNotFound());
}
