import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { RELAY_BATCH_PATH, RELAY_SNAPSHOTS_PATH } from "../src/market";
import { isApiRequest } from "./api-path";
import type { ErrorBody } from "./errors";

/** What a request caught by the shutdown is told. */
export const SHUTTING_DOWN: ErrorBody = { error: "unavailable", message: "The data server is shutting down: try again in a moment" };

function shuttingDown(reply: FastifyReply): string {
  reply
    .code(503)
    .header("cache-control", "no-store")
    .header("connection", "close")
    .header("content-type", "application/json; charset=utf-8")
    .removeHeader("content-encoding")
    .removeHeader("content-length");
  return JSON.stringify(SHUTTING_DOWN);
}

/**
 * A clean stop for `app.close()` (SIGTERM/SIGINT in main.ts): as closing starts, `upstream` is
 * aborted, so every store's calls to the providers end at once instead of running out their time
 * budget; the /api/ requests they held are then answered 503 JSON (as is anything arriving on a
 * kept-alive connection meanwhile), every connection closes and `close()` resolves. Without this,
 * fastify waits for the slowest upstream call while its own 503 body is not our JSON.
 */
export function registerShutdown(app: FastifyInstance, upstream: AbortController): void {
  let closing = false;

  app.addHook("preClose", async () => {
    closing = true;
    upstream.abort(new Error("the server is shutting down"));
  });

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    if (!closing) return;
    return reply.send(shuttingDown(reply));
  });

  // An answer an aborted upstream call turned into an error, or a batch whose symbols it failed.
  app.addHook("onSend", async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!closing || !isApiRequest(request)) return payload;
    const route = request.routeOptions.url ?? "";
    const isBatch = route.startsWith(RELAY_BATCH_PATH) || route.startsWith(RELAY_SNAPSHOTS_PATH);
    if (reply.statusCode < 500 && !isBatch) return payload;
    return shuttingDown(reply);
  });
}
