import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { isApiRequest } from "./api-path";

/** Requests to /api/ per minute per client address: a workbook recalculation is one batch request. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
const WINDOW_MS = 60_000;

/**
 * Limits each client address's /api/ requests per minute (0 = no limit). Static files are not
 * counted: loading the task pane fetches dozens of them. Over the limit: 429 JSON with
 * Retry-After (the error handler turns the plugin's error into the relay's "rate-limited").
 * Counters are per server instance.
 */
export function registerRateLimit(app: FastifyInstance, perMinute: number): void {
  if (perMinute <= 0) return;
  app.register(rateLimit, {
    global: true,
    max: perMinute,
    timeWindow: WINDOW_MS,
    allowList: (request: FastifyRequest) => !isApiRequest(request),
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many requests from this address: at most ${context.max} a minute; retry in ${context.after}`), {
        statusCode: context.statusCode,
      }),
  });
}
