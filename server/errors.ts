import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isMarketErrorKind, RelayErrorBody, statusForKind } from "../src/market/relay-protocol";
import { quoteForMessage } from "../src/market/symbols";
import { MarketDataError } from "../src/market/types";

/**
 * Every error this server answers is a small JSON object: the relay's error kinds, plus
 * "internal" for failures of the server itself. Never a stack trace or an HTML page.
 */
export interface ErrorBody {
  error: RelayErrorBody["error"] | "internal";
  message: string;
}

export function sendError(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).header("cache-control", "no-store").type("application/json; charset=utf-8").send(body);
}

/** A MarketDataError, also when it comes from another copy of the module. */
export function isMarketDataError(error: unknown): error is MarketDataError {
  if (error instanceof MarketDataError) return true;
  const e = error as { name?: unknown; kind?: unknown } | null;
  return typeof e === "object" && e !== null && e.name === "MarketDataError" && isMarketErrorKind(e.kind);
}

/** The JSON answer for a MarketDataError: the status the relay protocol gives its kind. */
export function sendMarketError(reply: FastifyReply, error: MarketDataError): FastifyReply {
  if (error.kind === "rate-limited" && error.retryAfterSeconds !== null && error.retryAfterSeconds > 0) {
    reply.header("retry-after", String(Math.ceil(error.retryAfterSeconds)));
  }
  return sendError(reply, statusForKind(error.kind), { error: error.kind, message: error.message });
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}

function statusOf(error: FastifyError): number | null {
  const status = error.statusCode;
  return typeof status === "number" && status >= 400 && status < 600 ? status : null;
}

/** For fastify's own request errors (bad URL encoding, over-long parameters). */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = statusOf(error) ?? 400;
  sendError(reply, status < 500 ? status : 400, { error: "bad-request", message: error.message });
}

function sendNotFound(request: FastifyRequest, reply: FastifyReply): void {
  sendError(reply, 404, { error: "not-found", message: `Nothing at ${request.method} ${quoteForMessage(pathOf(request.url))}` });
}

/** Makes every error, fastify's own 404 included, a JSON ErrorBody. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler(sendNotFound);

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isMarketDataError(error)) {
      sendMarketError(reply, error);
      return;
    }
    const status = statusOf(error);
    if (status === 403) {
      // The static files refuse directories and non-canonical paths; say nothing about what exists.
      sendNotFound(request, reply);
      return;
    }
    if (status !== null && status < 500) {
      // A client error fastify or a plugin raised (unsupported media type, body too large...).
      sendError(reply, status, { error: status === 404 ? "not-found" : "bad-request", message: error.message });
      return;
    }
    request.log.error({ err: error }, "request failed");
    sendError(reply, 500, { error: "internal", message: "internal server error" });
  });
}
