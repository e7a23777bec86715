import type { FastifyInstance } from "fastify";
import type Redis from "ioredis";
import { LocalQuoteCoordinator } from "../../src/market";
import type { Env } from "../../src/market";
import { RedisQuoteCoordinator } from "../../src/market/store/node";
import { quoteIntervalSeconds } from "../config";
import { SHUTTING_DOWN } from "../shutdown";
import { directQuoteProviderFactory } from "./quote-providers";
import type { QuoteProviderFactory, QuoteProviderSharing } from "./quote-providers";
import { QuoteService } from "./service";
import type { QuoteServiceOptions } from "./service";

export { registerQuoteRoutes } from "./routes";
export { directQuoteProviderFactory, quoteKeyId, quotePlanLimits } from "./quote-providers";
export type { QuoteProviderFactory } from "./quote-providers";
export { MAX_QUOTE_CONNECTIONS, QuoteService } from "./service";
export type { QuoteProviderHealth, QuotesHealth } from "./service";

/** The live quotes' settings of buildServer; everything may be left out. */
export interface QuoteOptions extends Pick<
  QuoteServiceOptions,
  "clock" | "afterCloseDelayMs" | "graceMs" | "heartbeatMs" | "retryMs" | "maxConnections"
> {
  /** How a provider's quote client is made (tests, the bench); default directQuoteProviderFactory. */
  readonly createProvider?: QuoteProviderFactory;
  /** Regular-hours interval; default MKT_QUOTE_INTERVAL_SECONDS, else 15. */
  readonly intervalSeconds?: number;
  /** This instance's name among those sharing Redis; default random. */
  readonly instanceId?: string;
}

export interface QuoteServiceDeps {
  readonly env: Env;
  readonly options?: QuoteOptions;
  /** The shared Redis connection (REDIS_URL), or null: this instance polls alone. */
  readonly redis: Redis | null;
  /** Aborted when the server starts closing. */
  readonly signal: AbortSignal;
  /** The relay's limits, so a key's quote polls and its histories keep to one plan (default: limits of their own). */
  readonly sharing?: QuoteProviderSharing;
}

/**
 * The server's live quotes (issue 12): one QuoteService, sharing polls through Redis when there is a
 * connection, and ending every stream with a `bye` event as the server starts closing (before the
 * Redis connection it uses closes).
 */
export function createQuoteService(app: FastifyInstance, deps: QuoteServiceDeps): QuoteService {
  const options = deps.options ?? {};
  const log = (message: string): void => app.log.warn(message);
  const coordinator =
    deps.redis === null
      ? new LocalQuoteCoordinator(options.instanceId)
      : new RedisQuoteCoordinator({ client: deps.redis, instanceId: options.instanceId, log });
  const service = new QuoteService({
    env: deps.env,
    createProvider: options.createProvider ?? directQuoteProviderFactory(deps.env, deps.sharing),
    intervalSeconds: options.intervalSeconds ?? quoteIntervalSeconds(deps.env),
    coordinator,
    clock: options.clock,
    afterCloseDelayMs: options.afterCloseDelayMs,
    graceMs: options.graceMs,
    heartbeatMs: options.heartbeatMs,
    retryMs: options.retryMs,
    maxConnections: options.maxConnections,
    signal: deps.signal,
    log,
  });
  app.addHook("preClose", async () => service.close({ message: SHUTTING_DOWN.message, retryMs: service.retryMs }));
  return service;
}
