import Fastify, { FastifyInstance, FastifyServerOptions } from "fastify";
import { HistoryStore } from "../src/market/history-store";
import { createDirectProvider, PROVIDER_NAMES, ProviderName } from "../src/market/providers";
import { DEFAULT_CACHE_SECONDS, expireCachesEvery } from "./cache-expiry";
import { frameworkErrorHandler, installErrorHandling } from "./errors";
import { registerHealthRoute } from "./health-route";
import { HistoryStoreLike, registerApiFallback, registerHistoryRoute } from "./history-route";
import { registerStaticRoutes, resolveOfficeJsDir } from "./static-routes";

export interface BuildServerOptions {
  /** The built add-in to serve at / (normally the repo's dist/). */
  staticDir: string;
  /** Office.js files to serve at /office-js/; defaults to the @microsoft/office-js package. */
  officeJsDir?: string;
  /** Certificate and key to serve HTTPS; null or absent serves plain HTTP. */
  tls?: { cert: string; key: string } | null;
  /** fastify's logger option; off by default. */
  logger?: FastifyServerOptions["logger"];
  /** The shared store of one provider; defaults to a HistoryStore over the direct provider. */
  createStore?: (provider: ProviderName) => HistoryStoreLike;
  /** Seconds between emptying the shared caches (default 15 minutes); 0 keeps series until restart. */
  cacheSeconds?: number;
}

/**
 * As long as any URL Node accepts (its 16 KiB header limit), so an over-long symbol always
 * reaches the symbol check (400 invalid-symbol) instead of falling through to another route.
 */
const MAX_PARAM_LENGTH = 16 * 1024;

function defaultStore(provider: ProviderName): HistoryStoreLike {
  return new HistoryStore(createDirectProvider(provider));
}

/**
 * The add-in's web server, built but not listening: the built add-in and Office.js as static
 * files, and the /api data relay with one in-memory store per provider shared by every client.
 */
export function buildServer(options: BuildServerOptions): FastifyInstance {
  const common = {
    logger: options.logger ?? false,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorHandler,
    return503OnClosing: true,
    forceCloseConnections: "idle" as const,
  };
  // fastify types HTTP and HTTPS instances apart; the routes below work on either.
  const app: FastifyInstance = options.tls
    ? (Fastify({ ...common, https: { cert: options.tls.cert, key: options.tls.key } }) as unknown as FastifyInstance)
    : Fastify(common);

  const createStore = options.createStore ?? defaultStore;
  const stores = new Map<ProviderName, HistoryStoreLike>(PROVIDER_NAMES.map((name) => [name, createStore(name)]));

  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    return payload;
  });

  const stopExpiry = expireCachesEvery([...stores.values()], (options.cacheSeconds ?? DEFAULT_CACHE_SECONDS) * 1000);
  app.addHook("onClose", async () => stopExpiry());

  installErrorHandling(app);
  registerHistoryRoute(app, stores);
  registerHealthRoute(app, stores);
  registerApiFallback(app);
  registerStaticRoutes(app, { staticDir: options.staticDir, officeJsDir: options.officeJsDir ?? resolveOfficeJsDir() });
  return app;
}
