import type { FastifyInstance, FastifyReply } from "fastify";
import {
  isProviderName,
  MAX_QUOTE_TICKERS_PER_CONNECTION,
  parseTicker,
  PROVIDER_NAMES,
  quoteForMessage,
  QUOTES_PATH,
} from "../../src/market";
import type { ProviderName, QuoteSubscriptionResponse, QuoteTickerError, Ticker } from "../../src/market";
import { isMarketDataError, sendError } from "../errors";
import type { KeyPlans } from "../plan-header";
import type { QuoteService } from "./service";

/** Room for MAX_QUOTE_TICKERS_PER_CONNECTION tickers with JSON overhead. */
export const SUBSCRIPTION_BODY_LIMIT_BYTES = 64 * 1024;
const MAX_CONNECTION_ID_LENGTH = 64;

function providerOf(name: string, reply: FastifyReply): ProviderName | null {
  if (isProviderName(name)) return name;
  sendError(reply, 404, {
    error: "not-found",
    message: `Unknown provider ${quoteForMessage(name)}: this server relays ${PROVIDER_NAMES.join(", ")}`,
  });
  return null;
}

function textHeader(value: string | string[] | undefined): string | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text === undefined || text === "" ? null : text;
}

/** The request's tickers to add and remove, or the reason the whole request is refused. */
export function readSubscriptionBody(body: unknown): { add: string[]; remove: string[] } | { problem: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { problem: 'The body must be a JSON object {"add": [...], "remove": [...]}' };
  }
  const unknown = Object.keys(body).filter((field) => field !== "add" && field !== "remove");
  if (unknown.length > 0) {
    return { problem: `Unknown field ${quoteForMessage(unknown[0])}: the body takes only "add" and "remove"` };
  }
  const lists: Record<"add" | "remove", string[]> = { add: [], remove: [] };
  for (const field of ["add", "remove"] as const) {
    const value = (body as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (!Array.isArray(value)) return { problem: `"${field}" must be an array of tickers` };
    const notText = value.findIndex((item) => typeof item !== "string");
    if (notText >= 0) return { problem: `"${field}" must hold only text; item ${notText} is ${typeof value[notText]}` };
    lists[field] = value as string[];
  }
  const count = lists.add.length + lists.remove.length;
  if (count > MAX_QUOTE_TICKERS_PER_CONNECTION) {
    return { problem: `At most ${MAX_QUOTE_TICKERS_PER_CONNECTION} tickers per request, got ${count}: split the request` };
  }
  return lists;
}

/**
 * The live-quote routes (src/market/quotes/protocol.ts) in the /api/ scope, so the key and plan
 * headers, CORS, the rate limit, allowed hosts and the shutdown apply as to every other route:
 *   GET  /api/quotes/:provider/stream                          -> text/event-stream
 *   POST /api/quotes/:provider/subscriptions/:connectionId     -> QuoteSubscriptionResponse
 * The provider is a path parameter (not ?provider=) because the key and plan hooks read it there.
 *
 * Server-Sent Events, not WebSocket: the traffic is one-way (quotes pushed to the add-in; it only
 * says now and then which tickers it wants, a POST), and a stream is an ordinary HTTP response, so
 * the hooks above, proxies and load balancers treat it like any /api/ call, with no new dependency
 * and no second origin, key and shutdown path to secure.
 */
export function registerQuoteRoutes(app: FastifyInstance, service: QuoteService, keyPlans: KeyPlans): void {
  app.get<{ Params: { provider: string }; Querystring: { resume?: unknown } }>(
    `${QUOTES_PATH}/:provider/stream`,
    // The stream is written to the socket as it happens: never buffered for compression.
    { compress: false },
    async (request, reply) => {
      const provider = providerOf(request.params.provider, reply);
      if (provider === null) return reply;
      const query = typeof request.query.resume === "string" ? request.query.resume.trim() || null : null;
      const sentId = textHeader(request.headers["last-event-id"]) ?? query;
      const resumeId = sentId !== null && sentId.length <= MAX_CONNECTION_ID_LENGTH ? sentId : null;
      // A resume takes back a kept stream: it never counts against the limit.
      if (!service.canOpen(resumeId)) {
        return sendError(reply, 503, {
          error: "unavailable",
          message: "This data server holds as many live-quote streams as it can: try again in a moment",
        });
      }
      const apiKey = request.apiKey;
      const tier = apiKey === null ? undefined : keyPlans.tierOf(provider, apiKey);

      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string | string[] | number>),
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-store, no-transform",
        // nginx and similar proxies would otherwise hold events back to fill their buffers.
        "x-accel-buffering": "no",
        "x-content-type-options": "nosniff",
      });
      response.socket?.setNoDelay(true);
      service.open(provider, apiKey, tier, resumeId, response);
    },
  );

  app.post<{ Params: { provider: string; connectionId: string }; Body: unknown }>(
    `${QUOTES_PATH}/:provider/subscriptions/:connectionId`,
    { bodyLimit: SUBSCRIPTION_BODY_LIMIT_BYTES },
    async (request, reply) => {
      const provider = providerOf(request.params.provider, reply);
      if (provider === null) return reply;
      const parsed = readSubscriptionBody(request.body);
      if ("problem" in parsed) return sendError(reply, 400, { error: "bad-request", message: parsed.problem });

      const add: Ticker[] = [];
      const remove: Ticker[] = [];
      const errors: QuoteTickerError[] = [];
      for (const sent of new Set(parsed.add)) {
        try {
          add.push(parseTicker(sent));
        } catch (error) {
          if (!isMarketDataError(error)) throw error;
          errors.push({ symbol: sent, error: error.kind, message: error.message, final: true });
        }
      }
      for (const sent of new Set(parsed.remove)) {
        try {
          remove.push(parseTicker(sent));
        } catch {
          // never subscribed: nothing to remove
        }
      }
      const { connectionId } = request.params;
      const scope = service.scopeOf(provider, request.apiKey);
      const outcome =
        connectionId.length > MAX_CONNECTION_ID_LENGTH
          ? null
          : (service.subscribe(connectionId, scope, add, remove) ?? (await service.forward({ connectionId, scope, add, remove })));
      if (outcome === null) {
        return sendError(reply, 404, {
          error: "not-found",
          message: "No live-quote stream has this id for this provider and key: open the stream again, then subscribe",
        });
      }
      if ("problem" in outcome) return sendError(reply, 400, { error: "bad-request", message: outcome.problem });
      const body: QuoteSubscriptionResponse = { connectionId, watched: outcome.watched, errors };
      return reply.header("cache-control", "no-store").send(body);
    },
  );
}
