import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { DailySeries, HistoryStore } from "../src/market";
import { isProviderName, parseTicker, PROVIDER_NAMES, ProviderName, quoteForMessage, RELAY_HISTORY_PATH } from "../src/market";
import { preferredEncoding } from "./accept-encoding";
import { isMarketDataError, sendError, sendMarketError } from "./errors";
import type { SeriesBodies } from "./series-bodies";

/** What the relay needs from a store: HistoryStore, or anything shaped like it (tests). */
export type HistoryStoreLike = Pick<HistoryStore, "get" | "stats"> & Partial<Pick<HistoryStore, "clear" | "flush">>;
export type HistoryStats = ReturnType<HistoryStore["stats"]>;

/** One store per provider, shared by every client of this server. */
export type HistoryStores = ReadonlyMap<ProviderName, HistoryStoreLike>;

/** How long a client (the add-in, a browser) may reuse a history answer. */
export const HISTORY_MAX_AGE_SECONDS = 300;

interface HistoryParams {
  provider: string;
  symbol: string;
}

/** The store of a provider named in a URL, or a 404 JSON answer naming the ones this server relays. */
export function storeFor<S = HistoryStoreLike>(stores: ReadonlyMap<ProviderName, S>, provider: string, reply: FastifyReply): S | null {
  const store = isProviderName(provider) ? stores.get(provider) : undefined;
  if (store !== undefined) return store;
  sendError(reply, 404, {
    error: "not-found",
    message: `Unknown provider ${quoteForMessage(provider)}: this server relays ${PROVIDER_NAMES.join(", ")}`,
  });
  return null;
}

/** Adds to Vary without dropping what is there (CORS varies on Origin). */
export function varyOn(reply: FastifyReply, header: string): void {
  const current = reply.getHeader("vary");
  const names =
    current === undefined
      ? []
      : String(current)
          .split(",")
          .map((name) => name.trim());
  if (!names.some((name) => name.toLowerCase() === header || name === "*")) reply.header("vary", [...names, header].join(", "));
}

/**
 * Sends a series as SeriesJson, compressed when the client accepts brotli or gzip: the cached
 * bytes of that form (content-length from the buffer), never compressed again here or by the
 * compression plugin (the route sets compress: false).
 */
async function sendSeries(request: FastifyRequest, reply: FastifyReply, bodies: SeriesBodies, series: DailySeries): Promise<FastifyReply> {
  reply.header("cache-control", `private, max-age=${HISTORY_MAX_AGE_SECONDS}`).type("application/json; charset=utf-8");
  varyOn(reply, "accept-encoding");
  const encoding = preferredEncoding(request.headers["accept-encoding"]);
  if (encoding === null) return reply.send(bodies.json(series));
  const body = await bodies.encoded(series, encoding);
  // Only now: had the compression failed, the error answer must not claim an encoding.
  return reply.header("content-encoding", encoding).send(body);
}

/**
 * GET /api/history/:provider/:symbol -> 200 SeriesJson, or a JSON error:
 * 404 unknown provider, 400 invalid symbol (never sent upstream), and for provider failures
 * the status the relay protocol gives the MarketDataError's kind. The upstream host is the
 * provider's configured one: nothing in the URL but a validated ticker reaches the provider.
 */
export function registerHistoryRoute(app: FastifyInstance, stores: HistoryStores, bodies: SeriesBodies): void {
  // compress: false because sendSeries sends the cached compressed forms itself.
  app.get<{ Params: HistoryParams }>(`${RELAY_HISTORY_PATH}/:provider/:symbol`, { compress: false }, async (request, reply) => {
    const { provider, symbol } = request.params;
    const store = storeFor(stores, provider, reply);
    if (store === null) return reply;

    let series: DailySeries;
    try {
      // Checked here as well as in the store, so nothing malformed can reach any store or upstream.
      series = await store.get(parseTicker(symbol), { apiKey: request.apiKey });
    } catch (error) {
      if (isMarketDataError(error)) return sendMarketError(reply, error);
      throw error; // the error handler answers 500 without details
    }
    return sendSeries(request, reply, bodies, series);
  });
}

/** Keeps every other /api/ path away from the static files: a JSON 404, whatever dist/ holds. */
export function registerApiFallback(app: FastifyInstance): void {
  app.all("/api/*", async (request, reply) => reply.callNotFound());
}
