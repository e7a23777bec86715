import type { FastifyRequest } from "fastify";

/** The data relay's URL space: everything else is the add-in's static files. */
export const API_PREFIX = "/api/";

/**
 * Whether a request was routed to the data relay. Decided by the matched route, not the raw URL:
 * the router decodes the path, so /%61pi/health is /api/health and must be treated as such.
 */
export function isApiRequest(request: FastifyRequest): boolean {
  return request.routeOptions.url?.startsWith(API_PREFIX) ?? false;
}
