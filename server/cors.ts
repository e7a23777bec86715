import cors, { FastifyCorsOptions } from "@fastify/cors";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { API_KEY_HEADER, PLAN_HEADER, quoteForMessage } from "../src/market";
import { isApiRequest } from "./api-path";
import { sendError } from "./errors";

/** How long a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** scheme://host[:port] of the server as this request reached it (the Host header names it). */
export function ownOrigin(request: FastifyRequest): string | null {
  // HTTP/1.0 may leave Host out; registerAllowedHosts has refused every other request without a known one.
  if (typeof request.host !== "string" || request.host === "") return null;
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return null;
  }
}

/**
 * Whether a page at `origin` may use the data relay: the add-in's own pages (served by this
 * server, so the same origin, whose host registerAllowedHosts has already checked against the
 * server's names) or one listed in MKT_ALLOWED_ORIGINS (already normalised).
 */
export function isAllowedOrigin(origin: string, request: FastifyRequest, allowed: ReadonlySet<string>): boolean {
  let normalized: string;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return false; // "null" (sandboxed frames, file://) and junk
  }
  return normalized !== "null" && (normalized === ownOrigin(request) || allowed.has(normalized));
}

/**
 * CORS for the add-in's own origin and MKT_ALLOWED_ORIGINS only. A browser request to /api/ from
 * any other page is refused outright (403), not merely left unreadable: the relay spends the team's
 * provider quota and keys, and a foreign page must not be able to spend them blind.
 * Requests without an Origin header (same-origin GETs, curl, Node) are not affected.
 */
export function registerCors(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins);

  app.addHook("onRequest", async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined || !isApiRequest(request) || isAllowedOrigin(origin, request, allowed)) return;
    return sendError(reply, 403, {
      error: "bad-request",
      message: `Pages at ${quoteForMessage(origin)} may not use this data server: add the origin to MKT_ALLOWED_ORIGINS on the server`,
    });
  });

  app.register(cors, () => (request: FastifyRequest, callback: (error: Error | null, options: FastifyCorsOptions) => void) => {
    const origin = request.headers.origin;
    callback(null, {
      origin: origin !== undefined && isAllowedOrigin(origin, request, allowed) ? origin : false,
      methods: ["GET", "HEAD", "POST"],
      // The analyst's own key and its plan tier (x-mkt-plan) travel as headers from the add-in's pages,
      // and a live-quote stream's resume as Last-Event-ID.
      allowedHeaders: ["content-type", API_KEY_HEADER, PLAN_HEADER, "last-event-id"],
      exposedHeaders: ["retry-after", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"],
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
      // An allowed page's OPTIONS without Access-Control-Request-Method gets the empty 204, not a text/plain 400.
      strictPreflight: false,
    });
  });
}
