import type { FastifyInstance } from "fastify";
import { sendError } from "./errors";

/**
 * Refuses absolute-form request targets (`GET http://other.host/api/... HTTP/1.1`): they are meant
 * for proxies, which this server is not, and answering them would let a request name a host, if
 * only in form. Browsers and the add-in always send the path alone.
 */
export function registerRequestTargetCheck(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    if (request.raw.url?.startsWith("/")) return;
    return sendError(reply, 400, {
      error: "bad-request",
      message: "This server is not a proxy: request a path such as /api/health, not a full URL",
    });
  });
}
