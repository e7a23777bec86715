import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isMarketErrorKind, MarketDataError, quoteForMessage, RelayErrorBody, relayErrorBodyOf, statusForKind } from "../src/market";

/**
 * Every error this server answers is a small JSON object: the relay's error kinds, plus
 * "internal" for failures of the server itself. Never a stack trace or an HTML page.
 */
export interface ErrorBody {
  error: RelayErrorBody["error"] | "internal";
  message: string;
  /** A refusal's time until it could be served (RelayErrorBody.retryAfterSeconds). */
  retryAfterSeconds?: number;
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

/**
 * The JSON answer for a MarketDataError: the status the relay protocol gives its kind; a refusal
 * (rate-limited, plan-limit) also says in its body when it could be served (retryAfterSeconds), as
 * a batch's per-symbol errors do, and a rate-limited one in Retry-After.
 */
export function sendMarketError(reply: FastifyReply, error: MarketDataError): FastifyReply {
  if (error.kind === "rate-limited" && error.retryAfterSeconds !== null && error.retryAfterSeconds > 0) {
    reply.header("retry-after", String(Math.ceil(error.retryAfterSeconds)));
  }
  return sendError(reply, statusForKind(error.kind), relayErrorBodyOf(error, error.message));
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
    if (status === 429) {
      // The per-client rate limit (its Retry-After header is already set).
      sendError(reply, 429, { error: "rate-limited", message: error.message });
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

/** What a client sent that Node's HTTP parser refused, in words. */
function describeClientError(code: string | undefined): { status: number; message: string } {
  if (code === "HPE_HEADER_OVERFLOW") return { status: 431, message: "The request's URL or headers are too long" };
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return { status: 408, message: "The request did not arrive in time" };
  return { status: 400, message: "The request is not valid HTTP" };
}

/**
 * For requests Node refuses before fastify sees them (over-long URL or headers, bytes that are not
 * HTTP such as a raw CR/LF or control character, headers or body that arrive too slowly): the same
 * JSON ErrorBody as everything else, then the connection is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, message } = describeClientError(error.code);
  const body = JSON.stringify({ error: "bad-request", message } satisfies ErrorBody);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      "content-type: application/json; charset=utf-8\r\n" +
      `content-length: ${Buffer.byteLength(body)}\r\n` +
      "cache-control: no-store\r\n" +
      "x-content-type-options: nosniff\r\n" +
      "connection: close\r\n\r\n" +
      body,
  );
}
